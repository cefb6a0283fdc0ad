"""A deterministic demo portfolio for "Demo Kommune", built purely from spec tables.

build_demo(anchor) returns models only (no database); every date is relative to the
anchor, so the recommendations at the anchor are the same whatever day it runs.
"""

from portfolio.demo.build import SPECS, DemoPortfolio, build_demo, intended
from portfolio.demo.org import DemoUser

__all__ = ["SPECS", "DemoPortfolio", "DemoUser", "build_demo", "intended"]
