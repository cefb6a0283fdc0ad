"""An upload's rejected rows are explained in the reader's language on the initiative page.

The CLI, its --json and the quarantine keep the English reason (a contract); the page
renders the same catalogue entry in Danish or English. Column names and what the user
typed read as given.
"""

from __future__ import annotations

import pytest

from portfolio.models import Actor, Role

LEADER = Actor(username="hanne.lund", role=Role.LEADER, departments=("Social og Beskæftigelse",))
UPLOAD = ("initiativ_id;nøgletal;dato;værdi\n"
          "SB-03;telefonopkald til jobcentret;2026-01-31;2500\n"
          "SB-03;telefonopkald til jobcentret;31-02-2026;2400\n"
          "SB-03;ventetid *i dage*;2026-01-31;1\n").encode()
REASONS = {
    "da": {
        "Række": [3, 4],
        "Årsag": [
            "date: »31-02-2026« er ikke en dato (dagen findes ikke); brug ÅÅÅÅ-MM-DD eller "
            "DD-MM-ÅÅÅÅ",
            "kpi: initiativet »SB-03« har intet nøgletal med navnet »ventetid *i dage*«; "
            "importér eller tilføj nøgletallet først",
        ],
    },
    "en": {
        "Row": [3, 4],
        "Reason": [
            "date: '31-02-2026' is not a date (no such day); use YYYY-MM-DD or DD-MM-YYYY",
            "kpi: initiative 'SB-03' has no KPI named 'ventetid *i dage*'; import or add the "
            "KPI first",
        ],
    },
}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_leader_reads_why_rows_of_an_upload_were_rejected_in_their_language(app, lang):
    at = app("initiative", actor=LEADER, lang=lang, params={"id": "SB-03"})
    at.file_uploader[0].set_value(("maalinger.csv", UPLOAD, "text/csv")).run()

    assert not at.exception, at.exception
    row = next(iter(REASONS[lang]))  # the rejected rows' table, whatever else the page shows
    (rejected,) = [d.value for d in at.dataframe if row in d.value.columns]
    assert {column: list(rejected[column]) for column in rejected.columns} == REASONS[lang]
