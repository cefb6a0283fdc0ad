"""A real OpenID Connect provider for the browser tests, and the dashboard's secrets for it.

The provider is the OpenID-certified `oidc-provider` package on node
(tests/node/oidc_provider.mjs, installed by `make test` with `npm ci`). The dashboard
signs in through it exactly as through Entra ID: Streamlit's st.login with an `[auth]`
section in a secrets.toml (here a temporary one, named by STREAMLIT_SECRETS_FILES).
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.processes import stop

NODE_DIR = Path(__file__).parents[1] / "node"
CLIENT_ID = "failscale-dashboard"


@contextmanager
def oidc_provider(
    folder: Path, port: int, redirect_uri: str, accounts: Mapping[str, dict[str, Any]],
    timeout: float = 30,
) -> Iterator[str]:
    """Start the provider on `port` with one client and `accounts` (login -> claims);
    yield the secrets.toml that points the dashboard at it."""
    node = shutil.which("node")
    if node is None or not (NODE_DIR / "node_modules" / "oidc-provider").is_dir():
        raise RuntimeError("node and tests/node/node_modules are needed: `make node`")
    client_secret = secrets.token_urlsafe(24)
    config = folder / "oidc-provider.json"
    config.write_text(json.dumps({"port": port, "client_id": CLIENT_ID,
                                  "client_secret": client_secret,
                                  "redirect_uri": redirect_uri, "accounts": accounts}))
    issuer = f"http://127.0.0.1:{port}"
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f"redirect_uri = {json.dumps(redirect_uri)}\n"
        f"cookie_secret = {json.dumps(secrets.token_hex(32))}\n"
        f"client_id = {json.dumps(CLIENT_ID)}\n"
        f"client_secret = {json.dumps(client_secret)}\n"
        f"server_metadata_url = {json.dumps(issuer + '/.well-known/openid-configuration')}\n"
        # oidc-provider knows no prompt=select_account (Streamlit's default): ask for login.
        'client_kwargs = { scope = "openid email profile", prompt = "login" }\n'
    )
    log = (folder / "oidc-provider.log").open("wb")
    process = subprocess.Popen([node, str(NODE_DIR / "oidc_provider.mjs"), str(config)],
                               cwd=NODE_DIR, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_discovery(issuer, process, timeout, folder / "oidc-provider.log")
        yield str(secrets_file)
    finally:
        stop(process)
        log.close()


def _wait_for_discovery(
    issuer: str, process: subprocess.Popen[bytes], timeout: float, log: Path
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oidc-provider exited with {process.returncode}: "
                               f"{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration",
                                        timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"oidc-provider at {issuer} did not answer in {timeout} s")
