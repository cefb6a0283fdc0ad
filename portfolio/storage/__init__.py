"""Storage: the only package that imports duckdb or holds SQL."""

from portfolio.storage.database import Database
from portfolio.storage.store import Store

__all__ = ["Database", "Store"]
