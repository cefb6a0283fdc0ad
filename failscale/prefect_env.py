"""Which Prefect server a command-line run talks to.

A running server (the one `make up` starts) is always preferred: two temporary servers
started by two processes at once would fight over one SQLite file. Without one, each
process gets a temporary server with its own home, so concurrent runs never collide.
"""

from __future__ import annotations

import os
import tempfile
import urllib.request

from portfolio.settings import Settings


def server_is_up(api_url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=timeout) as resp:
            return resp.status == 200
    except OSError:
        return False


def configure(settings: Settings, *, quiet: bool = True) -> str:
    """Point Prefect at a server before it is imported; returns a description."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if quiet:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    if server_is_up(settings.prefect_api_url):
        os.environ["PREFECT_API_URL"] = settings.prefect_api_url
        return settings.prefect_api_url
    os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="failscale-prefect-")
    # Prefect waits 20 s by default; two temporary servers starting at once on a small
    # machine need longer (measured: the second one timed out), so allow two minutes.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    return "temporary"
