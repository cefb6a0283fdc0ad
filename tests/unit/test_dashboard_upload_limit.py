"""The dashboard refuses an upload above the size an import reads, and says that limit in
its drop zone, not Streamlit's own 200 MB (one limit for a file, wherever it comes in)."""

from __future__ import annotations

import pytest

from failscale.processes import dashboard_command
from portfolio.settings import Settings


@pytest.mark.parametrize(("mb", "flag"), [(256, "256"), (10, "10"), (2.5, "3"), (0.1, "1")])
def test_the_upload_limit_is_the_import_limit(mb: float, flag: str) -> None:
    command = dashboard_command(Settings(import_max_file_mb=mb), 8501)
    assert f"--server.maxUploadSize={flag}" in command
