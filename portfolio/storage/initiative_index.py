"""Every initiative's id, title, department and stage, set-based (#7): the pages' pickers.

The register, initiative and users pages listed initiatives through the board's
model-based read: 50 k Initiative and Evaluation models, their JSON parsed, to fill a
selectbox. A picker needs four columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

_INDEX = "SELECT id, title, department, stage, organisation FROM initiatives ORDER BY id"


@dataclass
class InitiativeIndexReader:
    con: duckdb.DuckDBPyConnection

    def rows(self) -> pd.DataFrame:
        """One row per initiative (id, title, department, stage, organisation), by id."""
        return self.con.execute(_INDEX).df()
