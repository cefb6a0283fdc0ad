"""A suggested id for a new initiative (issue #19): the department's own pattern, next free.

Ids are what steering groups, files and e-mails cite ("SB-04"), so a suggestion follows
the pattern the department already uses: its most common prefix and the next number after
its highest, as wide as before. A department without initiatives gets the initials of its
name ("Børn og Unge" → "BU-01"). Pure: the caller passes the ids it knows.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable

_NUMBERED = re.compile(r"^(?P<prefix>.*?[-_ ]?)(?P<number>\d+)$")
_SMALL_WORDS = {"og", "i", "for", "af", "til", "and", "of", "the"}


def initials(department: str) -> str:
    """"Social og Beskæftigelse" → "SB"; letters folded to A–Z ("Ø" → "O")."""
    words = [w for w in re.split(r"[\s/&,-]+", department) if w]
    letters = [w[0] for w in words if w.lower() not in _SMALL_WORDS] or [w[0] for w in words]
    text = unicodedata.normalize("NFKD", "".join(letters).upper().replace("Ø", "O")
                                 .replace("Æ", "AE"))
    return "".join(c for c in text if c.isascii() and c.isalnum())[:4] or "INI"


def suggest_id(department: str, own: Iterable[str], taken: Collection[str]) -> str:
    """The next id in the pattern of `own` (the department's ids), not in `taken`."""
    numbered = [m for m in (_NUMBERED.match(i) for i in own) if m]
    if numbered:
        prefix = Counter(m["prefix"] for m in numbered).most_common(1)[0][0]
        mine = [m for m in numbered if m["prefix"] == prefix]
        width = max(len(m["number"]) for m in mine)
        number = max(int(m["number"]) for m in mine) + 1
    else:
        prefix, width, number = f"{initials(department)}-", 2, 1
    while (candidate := f"{prefix}{number:0{width}d}") in taken:
        number += 1
    return candidate
