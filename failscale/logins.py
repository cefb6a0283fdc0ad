"""How new logins are shown: once, on the terminal, never logged anywhere else."""

from __future__ import annotations

from collections.abc import Sequence

from portfolio.service.users import Issued


def first_admin_text(issued: Issued) -> str:
    return (
        f"First administrator: {issued.user.username}\n"
        f"One-time password:   {issued.password}\n"
        "It is shown only now. Sign in to the dashboard with it; you will be asked to "
        "choose your own password."
    )


def demo_logins_text(issued: Sequence[Issued]) -> str:
    """A table of the demo users' logins (demo mode only)."""
    if not issued:
        return ""
    width = max(len(i.user.username) for i in issued)
    lines = [f"  {i.user.username:<{width}}  {i.password}  {i.user.role.value}"
             f"{' — ' + i.user.display_name if i.user.display_name else ''}" for i in issued]
    return "\n".join([
        "Demo logins (shown only now; `failscale user reset-password NAME` makes a new one):",
        *lines,
    ])
