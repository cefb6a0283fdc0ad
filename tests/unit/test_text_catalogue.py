"""The one text catalogue (portfolio/locale/*/LC_MESSAGES/failscale.po, #16).

A Danish reader must never meet an English text or a bare key, a sentence must never lose
the number it cites in one language, and one English text must have one key, so a wording
is changed in one place. Texts live only in the .po files: a dict of translations written
in Python is the second catalogue this replaced, and a test finds it.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.pofile import read_po

from portfolio import texts
from portfolio.text_aliases import ALIASES

ROOT = Path(__file__).parents[2]
KEY = re.compile(r"[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+")
LOCALE = re.compile(r"[a-z]{2}_[A-Z]{2}")  # {"da": "da_DK", …} names locales, not texts


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


def test_danish_and_english_hold_the_same_keys_and_no_text_is_empty():
    en, da = texts.catalogue("en"), texts.catalogue("da")
    assert sorted(set(en) ^ set(da)) == []
    for lang in texts.LANGUAGES:
        with texts.catalogue_path(lang).open("rb") as po:
            messages = [m for m in read_po(po) if m.id]
        assert [m.id for m in messages if not str(m.string).strip()] == []
        assert [m.id for m in messages if m.fuzzy] == []


@pytest.mark.parametrize("lang", texts.LANGUAGES)
def test_a_key_is_written_once_per_language(lang):
    """Babel keeps the last of two equal msgids silently: two engineers adding one key (or
    a merge keeping both sides) must fail here, not lose a text."""
    source = texts.catalogue_path(lang).read_text(encoding="utf-8")
    keys = re.findall(r'^msgid "(.+)"$', source, flags=re.MULTILINE)
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
    assert len(keys) == len(texts.catalogue(lang))


def test_every_key_is_namespaced():
    assert [k for k in texts.catalogue("en") if not KEY.fullmatch(k)] == []


def test_both_languages_of_a_key_name_the_same_placeholders():
    en, da = texts.catalogue("en"), texts.catalogue("da")
    differ = {key: (placeholders(en[key]), placeholders(da[key]))
              for key in en if placeholders(en[key]) != placeholders(da.get(key, ""))}
    assert differ == {}


# Danish inflects where English does not: one English word, two Danish forms, on purpose.
# Each entry says why; anything else that reads the same in English is one key.
SAME_ENGLISH = {
    "Non-cashable": {"report.non_cashable",  # a column of benefits: ikke-kontante (plural)
                     "page.benefit_non_cashable"},  # one plan line's kind: ikke-økonomisk
}


def test_one_english_text_has_one_key():
    keys_of: dict[str, set[str]] = defaultdict(set)
    for key, english in texts.catalogue("en").items():
        keys_of[english].add(key)
    twice = {english: keys for english, keys in keys_of.items() if len(keys) > 1}
    assert twice == {english: keys for english, keys in SAME_ENGLISH.items() if english in twice}


def test_a_merged_key_reads_its_text_and_hides_none():
    en = texts.catalogue("en")
    assert {old: new for old, new in ALIASES.items() if new not in en or old in en} == {}
    assert texts.text("page.department", "da") == texts.text("word.department", "da")


def test_a_text_reads_in_the_language_asked_with_its_values():
    assert texts.text("mail.greeting", "da", name="Hanne") == "Kære Hanne"
    assert texts.text("mail.greeting", "en", name="Hanne") == "Dear Hanne,"
    assert texts.text("mail.greeting", "fr", name="Hanne") == "Dear Hanne,"
    with pytest.raises(KeyError):
        texts.text("page.no_such_text", "da")


def _translation_dicts(path: Path) -> list[int]:
    """Lines of dict literals that hold an English and a Danish string: a catalogue."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            strings = {k.value for k, v in zip(node.keys, node.values, strict=True)
                       if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)
                       and isinstance(v.value, str) and not LOCALE.fullmatch(v.value)}
            if {"en", "da"} <= strings:
                found.append(node.lineno)
    return found


def test_texts_live_only_in_the_catalogue():
    found = {str(path.relative_to(ROOT)): lines
             for package in ("portfolio", "dashboard", "api", "failscale", "flows")
             for path in sorted((ROOT / package).rglob("*.py"))
             if (lines := _translation_dicts(path))}
    assert found == {}


def test_a_count_reads_in_the_plural_form_its_language_asks_for():
    """#13: "alle 1 styregrupper" read wrong; one group is one, in both languages."""
    assert texts.counted("page.download_all_packs", 1, "da") == \
        "Hent mødepakken for 1 styregruppe (ZIP)"
    assert texts.counted("page.download_all_packs", 3, "da") == \
        "Hent mødepakkerne for alle 3 styregrupper (ZIP)"
    assert texts.counted("page.download_all_packs", 1, "en") == \
        "Download the meeting pack of 1 steering group (ZIP)"
    assert texts.counted("page.download_all_packs", 2, "en").endswith("2 steering groups (ZIP)")
