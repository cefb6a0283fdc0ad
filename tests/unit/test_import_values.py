"""Cell parsers: numbers, dates, yes/no and enums in English and Danish spellings."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from portfolio.importing import CellError, cell_text, looks_like_formula, parse_choice
from portfolio.importing.values import parse_bool, parse_date, parse_number
from portfolio.models import Direction, FocusArea, KpiKind, Source, Stage, Technology


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", 1234.0),
        ("1234.5", 1234.5),
        ("1234,5", 1234.5),
        ("1.234,50", 1234.5),
        ("1,234.50", 1234.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234\u00a0567,25", 1234567.25),
        ("1.234.567", 1234567.0),
        ("1,234,567", 1234567.0),
        ("-3", -3.0),
        ("+2,5", 2.5),
        ("\u22124,5", -4.5),
        (",5", 0.5),
        ("12 kr.", 12.0),
        ("1.5e3", 1500.0),
        ("  7  ", 7.0),
    ],
)
def test_numbers_are_read_with_decimal_point_or_comma_and_thousands_separators(
    text: str, expected: float
) -> None:
    assert parse_number(text, "budget_dkk") == pytest.approx(expected)


def test_native_spreadsheet_numbers_are_taken_as_they_are() -> None:
    assert parse_number(42, "value") == 42.0
    assert parse_number(0.1, "value") == 0.1


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("abc", "'abc' is not a number"),
        ("12 34", "'12 34' is not a number"),
        ("1,2,3", "is not a number"),
        ("45%", "is not a number"),
        ("nan", "'nan' is not a finite number"),
        ("-inf", "is not a finite number"),
        (math.inf, "is not a finite number"),
        ("2e15", "implausibly large"),
        (1e16, "implausibly large"),
        ("=SUM(A1)", "'=SUM(A1)' is a formula, not a number"),
        ("@cell", "is a formula"),
        ("-A1", "is a formula"),
        ("#DIV/0!", "spreadsheet error"),
        (True, "is not a number"),
        (date(2025, 1, 1), "is not a number"),
    ],
)
def test_bad_numbers_are_rejected_with_the_field_the_value_and_the_fix(
    value: object, fragment: str
) -> None:
    with pytest.raises(CellError) as caught:
        parse_number(value, "baseline")  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith("baseline: ")
    assert fragment in message
    assert caught.value.field == "baseline"


@pytest.mark.parametrize(
    "text",
    ["2025-03-01", "01-03-2025", "1-3-2025", "01.03.2025", "01/03/2025", "2025-03-01 00:00:00"],
)
def test_dates_are_read_as_iso_or_day_first(text: str) -> None:
    assert parse_date(text, "started_on") == date(2025, 3, 1)


def test_native_spreadsheet_dates_and_datetimes_become_dates() -> None:
    assert parse_date(date(2025, 3, 1), "date") == date(2025, 3, 1)
    assert parse_date(datetime(2025, 3, 1, 14, 30), "date") == date(2025, 3, 1)


def test_an_impossible_date_names_the_field_the_value_and_the_formats() -> None:
    with pytest.raises(CellError) as caught:
        parse_date("31-02-2025", "review_on")
    message = str(caught.value)
    assert message.startswith("review_on: '31-02-2025' is not a date")
    assert message.endswith("use YYYY-MM-DD or DD-MM-YYYY")


@pytest.mark.parametrize("text", ["next week", "2025/03/01", "01-03-25", "45678", "0202-01-01"])
def test_unreadable_or_implausible_dates_are_rejected(text: str) -> None:
    with pytest.raises(CellError, match=r"^date: "):
        parse_date(text, "date")


@pytest.mark.parametrize(
    ("enum", "text", "expected"),
    [
        (Stage, "idé", Stage.IDEA),
        (Stage, "Ide", Stage.IDEA),
        (Stage, "Eksperiment", Stage.EXPERIMENT),
        (Stage, "skalering", Stage.SCALING),
        (Stage, "DRIFT", Stage.OPERATION),
        (Stage, "lukket", Stage.CLOSED),
        (Stage, "experiment", Stage.EXPERIMENT),
        (Direction, "højere", Direction.HIGHER),
        (Direction, "hoejere", Direction.HIGHER),
        (Direction, "Lower", Direction.LOWER),
        (Direction, "lavere", Direction.LOWER),
        (KpiKind, "gevinst", KpiKind.BENEFIT),
        (KpiKind, "værn", KpiKind.GUARDRAIL),
        (KpiKind, "udbredelse", KpiKind.ADOPTION),
        (Source, "systemudtræk", Source.SYSTEM_EXPORT),
        (Source, "system export", Source.SYSTEM_EXPORT),
        (Source, "manuel", Source.MANUAL),
        (Source, "Selvrapporteret", Source.SELF_REPORTED),
        (Source, "self-reported", Source.SELF_REPORTED),
        (FocusArea, "Automatisering", FocusArea.AUTOMATION),
        (FocusArea, "data support", FocusArea.DATA_SUPPORT),
        (FocusArea, "dataunderstøttelse", FocusArea.DATA_SUPPORT),
        (FocusArea, "teknologianvendelse", FocusArea.TECHNOLOGY_USE),
        (FocusArea, "Organisatorisk sammenhæng", FocusArea.ORGANISATIONAL_COHERENCE),
        (FocusArea, "sammenhæng", FocusArea.ORGANISATIONAL_COHERENCE),
        (Technology, "AI/ML", Technology.AI_ML),
        (Technology, "video consultation", Technology.VIDEO_CONSULTATION),
        (Technology, "Videokonsultation", Technology.VIDEO_CONSULTATION),
        (Technology, "Sensors/IoT", Technology.SENSORS_IOT),
        (Technology, "sensorer", Technology.SENSORS_IOT),
        (Technology, "robot", Technology.RPA),
        (Technology, "RPA", Technology.RPA),
        (Technology, "chatbot", Technology.CHATBOT),
        (Technology, "velfærdsteknologi", Technology.WELFARE_TECHNOLOGY),
        (Technology, "Self-service", Technology.SELF_SERVICE),
        (Technology, "selvbetjening", Technology.SELF_SERVICE),
        (Technology, "dataplatform", Technology.DATA_PLATFORM),
        (Technology, "andet", Technology.OTHER),
    ],
)
def test_choices_accept_english_danish_and_label_spellings(
    enum: type, text: str, expected: object
) -> None:
    assert parse_choice(enum, text, "field") is expected


def test_an_unknown_stage_lists_the_english_and_danish_choices() -> None:
    with pytest.raises(CellError) as caught:
        parse_choice(Stage, "maybe", "stage")
    message = str(caught.value)
    assert message.startswith("stage: 'maybe' is not a known stage")
    assert "idea, experiment, scaling, operation, closed" in message
    assert "idé, eksperiment, skalering, drift, lukket" in message


@pytest.mark.parametrize(("text", "expected"), [("yes", True), ("Ja", True), ("nej", False)])
def test_yes_no_cells_are_read_in_english_and_danish(text: str, expected: bool) -> None:
    assert parse_bool(text, "cashable") is expected


def test_a_yes_no_cell_with_another_word_is_rejected() -> None:
    with pytest.raises(CellError, match="cashable: 'maybe' is not yes/no"):
        parse_bool("maybe", "cashable")


def test_cells_are_shown_as_a_spreadsheet_user_would_write_them() -> None:
    assert cell_text(7.0) == "7"
    assert cell_text(7.25) == "7.25"
    assert cell_text(datetime(2025, 3, 1)) == "2025-03-01"
    assert cell_text(None) == ""


@pytest.mark.parametrize(
    ("text", "formula"),
    [("=SUM(A1)", True), ("+A1", True), ("-B2", True), ("@x", True), ("-5", False), ("a=b", False)],
)
def test_formula_syntax_is_recognised_but_negative_numbers_are_not(
    text: str, formula: bool
) -> None:
    assert looks_like_formula(text) is formula
