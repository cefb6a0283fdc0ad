"""How new logins are shown: once, on the terminal, never logged anywhere else."""

from __future__ import annotations

from collections.abc import Sequence

from failscale.say import say
from portfolio.service.users import Issued


def first_admin_text(issued: Issued) -> str:
    return say("cli.first_admin", username=issued.user.username, password=issued.password)


def demo_logins_text(issued: Sequence[Issued]) -> str:
    """A table of the demo users' logins (demo mode only)."""
    if not issued:
        return ""
    width = max(len(i.user.username) for i in issued)
    lines = [f"  {i.user.username:<{width}}  {i.password}  {i.user.role.value}"
             f"{' — ' + i.user.display_name if i.user.display_name else ''}" for i in issued]
    return "\n".join([
        say("cli.demo_logins"),
        *lines,
    ])
