"""The words of the printed reports in English and Danish.

Reasons come translated from portfolio/i18n.py; the headings, table labels and
plain-language sentences around them are the `report.*` keys of the one catalogue
(portfolio/texts.py), read by `w.t` (words.py). These are the vocabularies a report labels
values with. Every key exists in both languages (a test says so).
"""

from __future__ import annotations

from portfolio import texts
from portfolio.i18n import RECOMMENDATION_LABELS

RECOMMENDATIONS = {**RECOMMENDATION_LABELS, "PARK": texts.both("report.recommendation.PARK")}

KPI_KINDS = texts.table("report.kpi_kind")

SOURCES = texts.table("report.source")

# The reports' own (longer) technology names; where a report's name is the dashboard's,
# the one key is the dashboard's `technology.*`.
TECHNOLOGIES = {**texts.table("report.technology"),
                **{name: texts.both(f"technology.{name}")
                   for name in ("self_service", "video_consultation", "welfare_technology")}}
