"""The words of the printed reports in English and Danish.

Reasons come translated from portfolio/i18n.py; these are the headings, table labels and
plain-language sentences around them: the `report.*` keys of the one catalogue
(portfolio/texts.py). Every key exists in both languages (a test says so).
"""

from __future__ import annotations

from portfolio import texts
from portfolio.i18n import CLOSE_REASON_LABELS, RECOMMENDATION_LABELS, STAGE_LABELS

LABELS: dict[str, dict[str, str]] = texts.table("report", flat=True)

RECOMMENDATIONS = {**RECOMMENDATION_LABELS, "PARK": texts.both("report.recommendation.PARK")}

STAGES = STAGE_LABELS

KPI_KINDS = texts.table("report.kpi_kind")

SOURCES = texts.table("report.source")

REASON_CODES = CLOSE_REASON_LABELS

TECHNOLOGIES = texts.table("report.technology")
