"""A realistic measurements CSV for `import_rows_per_s`: new dates for existing KPIs.

One row in 200 is broken the ways real exports are (impossible date, text for a number,
an unknown KPI, a blank value), so validation and quarantine are part of what is timed;
every tenth row uses Danish dd-mm-yyyy dates and decimal commas. Semicolon-separated, as
Danish Excel saves it.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from portfolio.storage import Database

_BROKEN = (
    ("date", "31-02-2025"),
    ("value", "n/a"),
    ("kpi", "no such kpi"),
    ("value", ""),
)


def write_measurements_csv(db: Database, path: Path, rows: int, after: date) -> Path:
    with db.reading() as store:
        kpis = [(k.initiative_id, k.name) for k in store.kpis.all()]
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["initiative_id", "kpi", "date", "value", "source"])
        for n in range(rows):
            initiative_id, kpi = kpis[n % len(kpis)]
            day = after + timedelta(days=1 + n // len(kpis))
            value = 40 + (n * 7919 % 6000) / 100
            row = {"initiative_id": initiative_id, "kpi": kpi, "date": day.isoformat(),
                   "value": f"{value:.2f}", "source": "system_export"}
            if n % 10 == 3:
                row["date"] = day.strftime("%d-%m-%Y")
                row["value"] = row["value"].replace(".", ",")
            if n % 200 == 199:
                column, broken = _BROKEN[(n // 200) % len(_BROKEN)]
                row[column] = broken
            out.writerow(row.values())
    return path
