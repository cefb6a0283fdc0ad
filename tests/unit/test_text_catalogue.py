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


# Where the code asks for texts, and the namespace a bare key of each reader is in (None: the
# reader takes the key in full). A key with a dot is named in full (texts.own).
CODE = ("portfolio", "dashboard", "api", "failscale", "flows", "bench")
# The tests that find a page's field by its label: a renamed key must fail here, in seconds,
# not in the browser test at the end of CI.
LABEL_TESTS = ("tests/e2e", "tests/dashboard")
# A template's key: a literal, or the literal start of a Jinja concatenation ("word." ~ name).
TEMPLATES = {"portfolio/reports/templates":
             re.compile(r"\bw\.t\(\s*([\"'])([^\"']*)\1(\s*~)?"),
             "api/templates": re.compile(r"(?<![\w.])t\(\s*([\"'])([^\"']*)\1(\s*~)?")}
PUBLIC_READER = "api.public_texts"
MAIL_READER = "portfolio.notify.texts"


def _readers(tree: ast.Module) -> dict[str, str | None]:
    """Each text function a module calls by a bare name → the namespace of its bare keys."""
    readers: dict[str, str | None] = {"t": "page", "say": None, "echo": None}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "dashboard.labels":
            readers.update({alias.asname: "page" for alias in node.names
                            if alias.name == "t" and alias.asname})
        if (isinstance(node, ast.ImportFrom) and node.module in (PUBLIC_READER, MAIL_READER)
                and any(alias.name == "text" for alias in node.names)):
            readers["text"] = "public" if node.module == PUBLIC_READER else "mail"
    return readers


def _asked(namespace: str | None, key: str) -> str:
    if namespace == "mail":  # mail's own keys have dots (mail.subject.owner)
        return f"mail.{key}"
    return key if namespace is None else texts.own(namespace, key)


def _key_of(arg: ast.expr) -> tuple[str, bool] | None:
    """A literal key, or the literal start of an f-string key (True: only a prefix)."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value, False
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        return str(arg.values[0].value), True
    return None


def _asked_in(path: Path) -> list[tuple[int, str, bool]]:
    """(line, catalogue key, only a prefix) of every literal key a module's code asks for."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    readers = _readers(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func, namespace = node.func, "none"
        if isinstance(func, ast.Name) and func.id in readers:
            namespace = readers[func.id]
        elif isinstance(func, ast.Attribute) and func.attr == "t":  # w.t: the reports' words
            namespace = "report"
        elif (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
              and func.value.id == "texts" and func.attr in ("text", "both", "has", "counted")):
            namespace = None
        key = _key_of(node.args[0])
        if namespace == "none" or key is None:
            continue
        asked = _asked(namespace, key[0])
        if isinstance(func, ast.Attribute) and func.attr == "counted":
            asked += ".one"
        found.append((node.lineno, asked, key[1]))
    return found


def _unknown(asked: str, prefix: bool) -> bool:
    keys = texts.catalogue("en")
    return not any(k.startswith(asked) for k in keys) if prefix else asked not in keys


def test_every_key_the_code_asks_for_is_in_the_catalogue():
    """A key no catalogue holds would show itself to the reader, or fail the page: every
    literal key the pages (t), reports (w.t), e-mails, public page, command line (say,
    echo) and texts.text ask for exists, and every f-string key starts like one that does."""
    unknown = [f"{path.relative_to(ROOT)}:{line} {asked}{'…' if prefix else ''}"
               for package in (*CODE, *LABEL_TESTS)
               for path in sorted((ROOT / package).rglob("*.py"))
               for line, asked, prefix in _asked_in(path) if _unknown(asked, prefix)]
    for folder, call in TEMPLATES.items():
        namespace = "report" if folder.startswith("portfolio") else "public"
        for path in sorted((ROOT / folder).rglob("*.htm*")):
            for match in call.finditer(path.read_text(encoding="utf-8")):
                asked = texts.own(namespace, match.group(2))
                if _unknown(asked, prefix=match.group(3) is not None):
                    unknown.append(f"{path.relative_to(ROOT)} {asked}")
    assert unknown == []


def test_the_scan_finds_the_keys_it_is_meant_to():
    """The scan above is only as good as what it sees: it must see each kind of call."""
    asked = {key for package in CODE for path in (ROOT / package).rglob("*.py")
             for _, key, _ in _asked_in(path)}
    assert {"page.board", "word.department", "report.cashable", "mail.greeting",
            "public.no_decision", "page.download_all_packs.one"} <= asked
    assert any(key.startswith("cli.") for key in asked)
    browser = {key for _, key, _ in _asked_in(ROOT / "tests/e2e/test_accessibility.py")}
    assert {"page.register_title", "word.department"} <= browser  # label = t, imported as


def test_an_unknown_key_fails_and_no_key_has_a_second_name():
    """One key per text, and no older name that reads it: a merged key's old name is gone
    from the code (the test above) and from the catalogue's readers alike."""
    assert not (ROOT / "portfolio" / "text_aliases.py").exists()
    assert not hasattr(texts, "resolve") and not hasattr(texts, "ALIASES")
    from dashboard.labels import t
    from portfolio.reports.words import Words
    with pytest.raises(KeyError):
        t("department", "da")  # page.department is word.department now
    with pytest.raises(KeyError):
        Words.of("da").t("baseline")
    assert t("word.department", "da") == texts.text("word.department", "da") == "Afdeling"
    assert t("board", "da") == texts.text("page.board", "da")


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
