"""The one text catalogue: every word of the pages, reports, e-mails and errors.

The texts live in gettext catalogues, portfolio/locale/{da,en}/LC_MESSAGES/failscale.po,
the format translators and their tools (Poedit, Weblate, Lokalise) already know. A msgid is
a namespaced key, not the English text, so a wording can change without touching code:

    page.*      the dashboard's pages          report.*   the printed reports
    mail.*      the e-mails                    public.*   the public results page
    error.*     refusals and import problems   reason.*   the evaluation's reasons
    word.*      a word several places share    flow.*     the flow's artifacts (Prefect UI)
                                               stage.*, role.*, light.*, kpi_kind.* …
                                                          a vocabulary of the domain

`text(key, lang, **params)` is the one lookup; `table(namespace)` reads a namespace as the
{key: {"en": …, "da": …}} mapping older modules (dashboard/labels.py, reports/labels.py …)
expose. Texts are str.format templates; both languages of a key name the same placeholders
(tests/unit/test_text_catalogue.py). Texts that read the same in both languages and mean the
same are one key, and every caller names that key (a shared word is `word.*`): no key has a
second name, and an unknown key raises KeyError rather than showing itself to a reader.

The .po files are read directly (Babel's reader, ~70 ms for both languages, once per
process): no compiled .mo can drift from them, and they ship inside the package.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

from babel import Locale
from babel.messages.pofile import read_po

LANGUAGES = ("en", "da")
DOMAIN = "failscale"
LOCALE_DIR = Path(__file__).with_name("locale")


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalogue(lang: str) -> Mapping[str, str]:
    """Every key's text in `lang` (an unknown language reads English)."""
    lang = lang if lang in LANGUAGES else "en"
    with catalogue_path(lang).open("rb") as po:
        messages = read_po(po, locale=lang, domain=DOMAIN)
    return MappingProxyType({m.id: m.string for m in messages
                             if m.id and isinstance(m.id, str) and m.string})


def has(key: str) -> bool:
    return key in catalogue("en")


def lookup(key: str, lang: str) -> str | None:
    """The template of `key` in `lang`, English when `lang` lacks it; None for no such key."""
    return catalogue(lang).get(key) or catalogue("en").get(key)


def text(key: str, lang: str, **params: object) -> str:
    """The text of `key` in `lang` with `params` filled in; KeyError for an unknown key.
    Without params the template is returned as written (a literal brace stays)."""
    template = lookup(key, lang)
    if template is None:
        raise KeyError(key)
    return template.format(**params) if params else template


def counted(key: str, n: int, lang: str, **params: object) -> str:
    """`key.one` or `key.other`, as the language's CLDR plural rule asks for `n` ("1
    styregruppe", "3 styregrupper"), with `n` and `params` filled in; English and Danish
    both have just these two forms."""
    form = "one" if Locale.parse(lang if lang in LANGUAGES else "en").plural_form(n) == "one" \
        else "other"
    return text(f"{key}.{form}", lang, n=n, **params)


def both(key: str) -> dict[str, str]:
    """{"en": …, "da": …} of one key, for the older per-language mappings."""
    return {lang: text(key, lang) for lang in LANGUAGES}


def table(namespace: str) -> dict[str, dict[str, str]]:
    """The keys under `namespace.` as {rest: {"en": …, "da": …}}: a vocabulary whose values
    are its keys (`stage.idea` labels Stage.IDEA)."""
    prefix = f"{namespace}."
    return {key[len(prefix):]: both(key) for key in catalogue("en") if key.startswith(prefix)}


def own(namespace: str, key: str) -> str:
    """The catalogue key a reader of one namespace means: a key with a dot is named in full
    (`word.department`, a word shared with other places), a bare one is the namespace's own
    (`board` on a page is `page.board`). The page's `t`, the reports' `w.t` and the public
    page's `text` read keys so."""
    return key if "." in key else f"{namespace}.{key}"
