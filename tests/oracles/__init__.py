"""Reference implementations that production is held equal to (issue #16).

The per-initiative review engine (engine.py, criteria.py, stats.py) judges one initiative
from its measurements as models: slow, but short enough to check by eye. Production runs
the set-based engine (portfolio.review.vectorised); the property tests marked `oracle`
hold the two to the same verdicts on random portfolios.
"""
