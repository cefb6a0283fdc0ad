"""The catalogue of error texts: both languages, the same facts, every code raised exists."""

from __future__ import annotations

import ast
from pathlib import Path
from string import Formatter

import pytest
from pydantic import ValidationError

from portfolio import errors
from portfolio.error_messages import VOCABULARY, render_error
from portfolio.error_texts import ERRORS
from portfolio.errors import DatabaseBusy, NotAllowed, PortfolioError, ValidationFailed
from portfolio.input_errors import input_refusals
from portfolio.models import Actor, Kpi, Role, Stage
from portfolio.service.access import Permission, authorize

ROOT = Path(__file__).parents[2]
ERROR_CLASSES = {name for name, value in vars(errors).items()
                 if isinstance(value, type) and issubclass(value, PortfolioError)}
# Why an imported row is rejected (Rejection.problems): catalogue codes too.
ROW_PROBLEMS = {"Problem", "CellError"}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def raised_codes() -> list[tuple[str, str, set[str] | None]]:
    """Every `code=` given to a PortfolioError or a rejected row's Problem in portfolio/ and
    dashboard/: (where, code, the keys of its `params=` when they are written out as a dict
    literal, else None)."""
    found = []
    for path in [*ROOT.glob("portfolio/**/*.py"), *ROOT.glob("dashboard/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or _name(node.func) not in (
                    ERROR_CLASSES | ROW_PROBLEMS):
                continue
            given = {k.arg: k.value for k in node.keywords if k.arg}
            if "code" not in given:
                continue
            params = given.get("params")
            keys = ({k.value for k in params.keys if isinstance(k, ast.Constant)}
                    if isinstance(params, ast.Dict) and None not in params.keys else None)
            code = given["code"]
            branches = [code.body, code.orelse] if isinstance(code, ast.IfExp) else [code]
            codes = [c.value for c in branches if isinstance(c, ast.Constant)]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            found.extend((where, code, set() if params is None else keys) for code in codes)
    return found


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_every_code_reads_in_english_and_danish_with_the_same_placeholders(code):
    entry = ERRORS[code]
    assert set(entry) == {"en", "da"}
    assert placeholders(entry["en"]) == placeholders(entry["da"])


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_no_danish_text_is_a_copy_of_the_english_one(code):
    assert ERRORS[code]["da"] != ERRORS[code]["en"]


def test_every_code_raised_in_the_code_base_is_in_the_catalogue():
    found = raised_codes()
    assert len(found) > 40  # the scan sees the raise sites
    assert [(where, code) for where, code, _ in found if code not in ERRORS] == []


def test_the_scan_sees_why_imported_rows_are_rejected():
    codes = {code for _, code, _ in raised_codes()}
    assert {"import.not_a_date", "import.unknown_choice", "import.duplicate",
            "import.too_many_values", "import.unknown_kpi", "import.outside_scope"} <= codes


def test_every_raise_site_gives_exactly_the_parameters_its_text_names():
    wrong = [(where, code, keys) for where, code, keys in raised_codes()
             if keys is not None and code in ERRORS
             and keys != placeholders(ERRORS[code]["en"])]
    assert wrong == []


def test_a_refusal_names_role_and_permission_in_the_readers_language():
    leader = Actor(username="hanne.lund", role=Role.LEADER, departments=("Teknik og Miljø",))
    with pytest.raises(NotAllowed) as refused:
        authorize(leader, Permission.EDIT_INITIATIVE, "Børn og Unge")

    assert str(refused.value) == (
        "hanne.lund (leader) may not edit initiatives in Børn og Unge. "
        "Ask an administrator for the right role or department.")
    assert refused.value.in_language("da") == (
        "Din rolle som leder (hanne.lund) må ikke redigere initiativer i Børn og Unge. "
        "Bed en administrator om den rette rolle eller afdeling.")


def test_ids_and_names_are_interpolated_as_given_and_stages_are_translated():
    failed = ValidationFailed(field="initiative_id", code="adoption.not_scaled",
                              params={"id": "SB-01", "stage": Stage.EXPERIMENT})

    assert str(failed).startswith("SB-01 is in the experiment stage;")
    assert failed.in_language("da").startswith("SB-01 er i fasen eksperiment;")
    assert failed.field == "initiative_id"


def test_lists_read_as_lists_and_an_empty_one_as_none():
    assert render_error("user.unknown_departments",
                        {"unknown": ("Kultur",), "known": ()}, "da") == (
        "Disse afdelinger findes ikke: Kultur. Kendte afdelinger: ingen.")
    assert render_error("initiative.experiment_needs_rule", {
        "id": "X-1", "missing": ("a benefit KPI with baseline and target", "a review date"),
    }, "da") == ("X-1 kan ikke gå i eksperimentfasen uden et gevinst-nøgletal med baseline og "
                 "mål og en reviewdato. Tilføj det manglende først.")


def test_a_message_without_a_code_stays_as_written_in_every_language():
    error = PortfolioError("Something the CLI alone can say.")
    assert error.code is None
    assert error.in_language("da") == "Something the CLI alone can say."


def test_the_busy_database_says_so_in_both_languages():
    busy = DatabaseBusy()
    assert str(busy).startswith("The database is busy; your change was not saved")
    assert busy.in_language("da").startswith("Databasen er optaget; din ændring blev ikke gemt")


def test_every_word_of_the_vocabulary_reads_in_both_languages():
    missing = [(name, value) for name, words in VOCABULARY.items()
               for value, texts in words.items() if set(texts) != {"en", "da"}]
    assert missing == []


def test_a_form_value_pydantic_refuses_reads_in_the_readers_language_with_its_limit():
    with pytest.raises(ValidationError) as invalid:
        Kpi(initiative_id="X-1", name="frigjorte timer", unit="u" * 51, baseline=0, target=1)
    [refusal] = input_refusals(invalid.value)

    assert refusal.field == "unit"
    assert str(refusal) == "Use at most 50 characters."
    assert refusal.in_language("da") == "Brug højst 50 tegn."


def test_a_decimal_limit_reads_with_the_readers_decimal_mark():
    shown = render_error("input.greater_than_equal", {"ge": 0.5}, "da")
    assert shown == "Skal være 0,5 eller mere."


@pytest.mark.parametrize(("name", "values"), [
    ("permission", Permission), ("role", Role), ("stage", Stage),
])
def test_every_permission_role_and_stage_has_its_words(name, values):
    assert {v.value for v in values} <= set(VOCABULARY[name])
