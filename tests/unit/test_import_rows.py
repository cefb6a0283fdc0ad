"""parse_table / parse_file: every row accepted as a model or rejected with a reason."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from portfolio.errors import FileUnreadable
from portfolio.importing import ImportKind, ParsedBatch, parse_file
from portfolio.models import (
    Direction,
    FocusArea,
    Initiative,
    Kpi,
    KpiKind,
    Measurement,
    Provenance,
    Source,
    Stage,
    Technology,
)

INITIATIVES_HEADER = "id,title,department,owner,stage,started_on,review_on,budget_dkk,spent_dkk"
KPIS_HEADER = "initiative_id,kpi,unit,direction,baseline,target,kind,weight"
MEASUREMENTS_HEADER = "initiative_id,kpi,date,value"


def write_csv(tmp_path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path = tmp_path / "import.csv"
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def reasons(batch: ParsedBatch) -> dict[int, str]:
    return {error.row: error.reason for error in batch.rejected}


def test_danish_semicolon_file_with_decimal_commas_is_read(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            "initiativ_id;titel;afdeling;ejer;fase;startdato;reviewdato;budget_kr;forbrug_kr",
            "SUND-1;Skærmbesøg i hjemmeplejen;Ældre og Sundhed;Søren Ø;idé;01-02-2025;"
            "15-08-2025;1.234.567,50;12 345,25",
            "SUND-2;Robot til journalføring;Social;Åse;Eksperiment;2025-03-01;01.09.2025;500000;0",
            "SUND-3;Digital ansøgning;Borgerservice;;lukket;;;0;0",
        ],
        encoding="cp1252",
    )
    batch = parse_file(path, ImportKind.INITIATIVES)
    assert batch.rejected == ()
    assert [a.row for a in batch.accepted] == [2, 3, 4]
    first = batch.accepted[0].record
    assert first == Initiative(
        id="SUND-1",
        title="Skærmbesøg i hjemmeplejen",
        department="Ældre og Sundhed",
        owner="Søren Ø",
        stage=Stage.IDEA,
        started_on=date(2025, 2, 1),
        review_on=date(2025, 8, 15),
        budget_dkk=1234567.5,
        spent_dkk=12345.25,
    )
    assert batch.records[1].stage is Stage.EXPERIMENT  # type: ignore[union-attr]
    assert batch.records[2].started_on is None  # type: ignore[union-attr]
    assert batch.source_name == "import.csv"


def test_bad_initiative_rows_are_rejected_with_exact_row_numbers_and_field_names(
    tmp_path: Path,
) -> None:
    good = "Title,Dept,Owner,idea,2025-01-01,2025-06-01,100,10"
    path = write_csv(
        tmp_path,
        [
            INITIATIVES_HEADER,
            f"A,{good}",
            "B,Title,Dept,Owner,idea,2025-01-01,31-02-2025,100,10",
            "C,Title,Dept,Owner,idea,2025-01-01,2025-06-01,a lot,10",
            "D,Title,Dept,Owner,maybe,2025-01-01,2025-06-01,100,10",
            "",
            "E,,Dept,Owner,idea,2025-01-01,2025-06-01,100,10",
            "F,Title,Dept,Owner,idea,2025-01-01,2025-06-01,100,10,surplus",
            'G,=HYPERLINK("x"),Dept,Owner,idea,2025-01-01,2025-06-01,=SUM(A1),10',
            "H,Title,Dept,Owner,idea,2025-01-01,2025-06-01,-5,10",
            f"I,{good}",
        ],
    )
    batch = parse_file(path, "initiatives")
    assert [a.row for a in batch.accepted] == [2, 11]
    assert reasons(batch) == {
        3: "review_on: '31-02-2025' is not a date (no such day); use YYYY-MM-DD or DD-MM-YYYY",
        4: "budget_dkk: 'a lot' is not a number; use digits with a decimal point or comma, "
        "e.g. 1234.5 or 1.234,50",
        5: "stage: 'maybe' is not a known stage; use one of idea, experiment, scaling, "
        "operation, closed (Danish: idé, eksperiment, skalering, drift, lukket)",
        7: "title is required",
        8: "row has 10 values but the header has 9 columns; put values that contain ',' in "
        "double quotes",
        9: "budget_dkk: '=SUM(A1)' is a formula, not a number; type the number instead",
        10: "budget_dkk: '-5' is too small; it must be 0 or more",
    }
    assert batch.rows_read == 9
    assert batch.rejected[4].raw["id"] == "F"


def test_every_problem_in_a_row_is_reported_at_once(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [MEASUREMENTS_HEADER, ",K,someday,ten"])
    [error] = parse_file(path, ImportKind.MEASUREMENTS).rejected
    assert error.reason == (
        "initiative_id is required; date: 'someday' is not a date; use YYYY-MM-DD or "
        "DD-MM-YYYY; value: 'ten' is not a number; use digits with a decimal point or comma, "
        "e.g. 1234.5 or 1.234,50"
    )


def test_every_problem_in_a_row_reads_in_danish_with_the_columns_and_values_as_given(
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path, [MEASUREMENTS_HEADER, ",K,someday,ten"])
    [error] = parse_file(path, ImportKind.MEASUREMENTS).rejected
    assert [problem.code for problem in error.problems] == [
        "import.required", "import.not_a_date", "import.not_a_number"]
    assert error.in_language("en") == error.reason
    assert error.in_language("da") == (
        "initiative_id skal udfyldes; date: »someday« er ikke en dato; brug ÅÅÅÅ-MM-DD eller "
        "DD-MM-ÅÅÅÅ; value: »ten« er ikke et tal; brug cifre med decimalkomma eller "
        "-punktum, fx 1234.5 eller 1.234,50"
    )


def test_an_unknown_stage_lists_the_choices_in_the_readers_language_first(
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path, [INITIATIVES_HEADER, "A,T,Kultur,,fantasi,,,0,0"])
    [error] = parse_file(path, ImportKind.INITIATIVES).rejected
    assert error.reason == (
        "stage: 'fantasi' is not a known stage; use one of idea, experiment, scaling, "
        "operation, closed (Danish: idé, eksperiment, skalering, drift, lukket)")
    assert error.in_language("da") == (
        "stage: »fantasi« er ikke en kendt værdi i kolonnen stage; brug en af idé, "
        "eksperiment, skalering, drift, lukket (engelsk: idea, experiment, scaling, "
        "operation, closed)")


def test_formulas_in_text_fields_are_kept_verbatim_as_inert_text(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            f"{INITIATIVES_HEADER},hypothesis",
            "\"=cmd|' /C calc'!A0\",@Title,Dept,+Owner,idea,,,0,0,-x",
        ],
    )
    [record] = parse_file(path, ImportKind.INITIATIVES).records
    assert isinstance(record, Initiative)
    assert (record.id, record.title, record.owner, record.hypothesis) == (
        "=cmd|' /C calc'!A0",
        "@Title",
        "+Owner",
        "-x",
    )


def test_optional_initiative_columns_and_tags_are_read(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            "id;titel;afdeling;ejer;fase;startdato;reviewdato;budget_kr;forbrug_kr;"
            "indsatsområde;teknologi;kerneopgave;hypotese;tags;note",
            "A;T;D;O;drift;;;0;0;Automatisering;Videokonsultation;Pleje;Færre kørsler;"
            '"video, ældre; hjemmepleje";ignored',
        ],
    )
    batch = parse_file(path, ImportKind.INITIATIVES)
    [record] = batch.records
    assert isinstance(record, Initiative)
    assert record.stage is Stage.OPERATION
    assert record.focus_area is FocusArea.AUTOMATION
    assert record.technology is Technology.VIDEO_CONSULTATION
    assert (record.core_task, record.hypothesis) == ("Pleje", "Færre kørsler")
    assert record.tags == ("video", "ældre", "hjemmepleje")
    assert batch.ignored_columns == ("note",)


def test_a_too_long_title_is_explained_without_a_pydantic_dump(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [INITIATIVES_HEADER, f"A,{'x' * 301},D,O,idea,,,0,0"])
    [error] = parse_file(path, ImportKind.INITIATIVES).rejected
    assert error.reason == "title: is too long (301 characters; at most 300)"


def test_duplicate_initiative_ids_are_rejected_pointing_at_the_first_row(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            INITIATIVES_HEADER,
            "A,Title,Dept,Owner,idea,,,100,0",
            "B,Other,Dept,Owner,idea,,,100,0",
            "A,Title,Dept,Owner,idea,,,100,0",
            "A,Title,Dept,Owner,experiment,,,100,5",
        ],
    )
    batch = parse_file(path, ImportKind.INITIATIVES)
    assert [a.row for a in batch.accepted] == [2, 3]
    assert reasons(batch) == {
        4: "exact duplicate of row 2; remove one of them",
        5: "duplicate of row 2 (same id) with a different stage, spent_dkk; keep one",
    }


def test_kpis_are_read_with_danish_headers_and_words(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            "initiativ_id;nøgletal;enhed;retning;baseline;mål;type;vægt;cashable",
            "A;Ventetid;dage;lavere;30;20;gevinst;2;ja",
            "A;Klager;antal;Lavere;12;12;værn;;",
            "A;Brugere;antal;højere;0;500;udbredelse;0,5;nej",
        ],
    )
    batch = parse_file(path, ImportKind.KPIS)
    assert batch.rejected == ()
    assert batch.records == (
        Kpi(
            initiative_id="A",
            name="Ventetid",
            unit="dage",
            direction=Direction.LOWER,
            baseline=30,
            target=20,
            kind=KpiKind.BENEFIT,
            weight=2,
            cashable=True,
        ),
        Kpi(
            initiative_id="A",
            name="Klager",
            unit="antal",
            direction=Direction.LOWER,
            baseline=12,
            target=12,
            kind=KpiKind.GUARDRAIL,
            weight=1,
        ),
        Kpi(
            initiative_id="A",
            name="Brugere",
            unit="antal",
            direction=Direction.HIGHER,
            baseline=0,
            target=500,
            kind=KpiKind.ADOPTION,
            weight=0.5,
        ),
    )


def test_bad_kpi_rows_name_the_field(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            KPIS_HEADER,
            "A,Wait,days,sideways,30,20,benefit,1",
            "A,Cost,dkk,lower,30,30,benefit,1",
            "A,Errors,%,lower,,5,guardrail,1",
            "A,Speed,s,lower,10,5,benefit,-1",
            "A,Speed,s,lower,10,5,bonus,1",
        ],
    )
    found = reasons(parse_file(path, ImportKind.KPIS))
    assert found[2].startswith("direction: 'sideways' is not a known direction; use one of higher")
    assert found[3] == (
        "target: equals the baseline (30); a benefit KPI needs a target that differs from its "
        "baseline"
    )
    assert found[4] == "baseline is required"
    assert found[5] == "weight: '-1' is too small; it must be 0 or more"
    assert found[6].startswith("kind: 'bonus' is not a known kind")


def test_a_kpi_repeated_with_another_target_is_a_duplicate(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [KPIS_HEADER, "A,Wait,days,lower,30,20,benefit,1", "A,Wait,days,lower,30,15,benefit,1"],
    )
    assert reasons(parse_file(path, ImportKind.KPIS)) == {
        3: "duplicate of row 2 (same initiative_id, kpi) with a different target; keep one"
    }


def test_measurements_default_to_manual_and_accept_future_dates(tmp_path: Path) -> None:
    future = date.today() + timedelta(days=400)
    path = write_csv(
        tmp_path,
        [
            f"{MEASUREMENTS_HEADER},kilde",
            'A,Wait,2025-01-31,"12,5",systemudtræk',
            "A,Wait,28-02-2025,11,",
            f"A,Wait,{future.isoformat()},10,selvrapporteret",
        ],
    )
    batch = parse_file(path, ImportKind.MEASUREMENTS)
    assert batch.records == (
        Measurement(
            initiative_id="A",
            kpi="Wait",
            on=date(2025, 1, 31),
            value=12.5,
            source="systemudtræk",
            provenance=Source.SYSTEM_EXPORT,
        ),
        Measurement(initiative_id="A", kpi="Wait", on=date(2025, 2, 28), value=11),
        Measurement(
            initiative_id="A", kpi="Wait", on=future, value=10, source="selvrapporteret",
            provenance=Source.SELF_REPORTED,
        ),
    )


def test_a_kilde_naming_a_source_system_is_stored_as_given_with_its_provenance_apart(
    tmp_path: Path,
) -> None:
    path = write_csv(
        tmp_path,
        [
            f"{MEASUREMENTS_HEADER},kilde,kildetype",
            "A,Wait,2025-01-31,12,KMD Nexus,",
            "A,Wait,2025-02-28,11,Sundhedsplatformen,system",
            'A,Wait,2025-03-31,10,"Borgerservice, klageregistrering",selvrapporteret',
            "A,Wait,2025-04-30,9,Nexus,maybe",
        ],
    )
    for provenance in (Provenance.MANUAL, Provenance.SYSTEM_EXPORT):
        batch = parse_file(path, ImportKind.MEASUREMENTS, provenance=provenance)
        assert [(m.source, m.provenance) for m in batch.records] == [
            ("KMD Nexus", provenance),  # no kildetype: the channel's
            ("Sundhedsplatformen", Provenance.SYSTEM_EXPORT),
            ("Borgerservice, klageregistrering", Provenance.SELF_REPORTED),
        ]
        assert "maybe" in reasons(batch)[5] and "provenance" in reasons(batch)[5]


def test_a_second_measurement_on_the_same_date_is_rejected(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            MEASUREMENTS_HEADER,
            "A,Wait,2025-01-31,12",
            "A,Wait,31-01-2025,13",
            "A,Wait,2025-01-31,12",
        ],
    )
    assert reasons(parse_file(path, ImportKind.MEASUREMENTS)) == {
        3: "duplicate of row 2 (same initiative_id, kpi, date) with a different value; keep one",
        4: "exact duplicate of row 2; remove one of them",
    }


def test_xlsx_measurements_with_native_dates_and_numbers_are_parsed(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Initiative_ID", "KPI", "Date", "Value", "Source"])
    sheet.append(["A", "Wait", datetime(2025, 1, 31), 12.5, "system export"])
    sheet.append(["A", "Wait", date(2025, 2, 28), 11, None])
    sheet.append(["A", "Wait", "not a date", "#N/A", None])
    path = tmp_path / "measurements.xlsx"
    workbook.save(path)
    batch = parse_file(path, ImportKind.MEASUREMENTS)
    assert [(m.on, m.value) for m in batch.records] == [  # type: ignore[union-attr]
        (date(2025, 1, 31), 12.5),
        (date(2025, 2, 28), 11.0),
    ]
    assert reasons(batch) == {
        4: "date: 'not a date' is not a date; use YYYY-MM-DD or DD-MM-YYYY; "
        "value: '#N/A' is a spreadsheet error, not a number"
    }
    assert batch.rejected[0].raw == {
        "initiative_id": "A",
        "kpi": "Wait",
        "date": "not a date",
        "value": "#N/A",
        "source": "",
    }


def test_an_xlsx_initiative_id_typed_as_a_number_is_kept_as_text(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(INITIATIVES_HEADER.split(","))
    workbook.active.append([1001, "T", "D", "O", "idea", None, datetime(2025, 6, 1), 1500.0, 0])
    path = tmp_path / "i.xlsx"
    workbook.save(path)
    [record] = parse_file(path, ImportKind.INITIATIVES).records
    assert isinstance(record, Initiative)
    assert (record.id, record.review_on, record.budget_dkk) == ("1001", date(2025, 6, 1), 1500.0)


def test_the_wrong_kind_of_file_is_unreadable_not_a_pile_of_row_errors(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [MEASUREMENTS_HEADER, "A,Wait,2025-01-31,12"])
    with pytest.raises(FileUnreadable, match="the initiatives file is missing required column"):
        parse_file(path, ImportKind.INITIATIVES)


def test_counts_always_add_up_and_the_summary_lists_row_reasons(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path, [MEASUREMENTS_HEADER, "A,Wait,2025-01-31,12", "A,Wait,2025-02-31,12", ",,,"]
    )
    batch = parse_file(path, ImportKind.MEASUREMENTS)
    assert len(batch.accepted) + len(batch.rejected) == batch.rows_read == 2
    summary = batch.summary()
    assert (summary["accepted"], summary["rejected"]) == (1, 1)
    assert summary["errors"] == [
        {
            "row": 3,
            "reason": "date: '2025-02-31' is not a date (no such day); use YYYY-MM-DD "
            "or DD-MM-YYYY",
        }
    ]


def test_a_batch_whose_counts_do_not_add_up_cannot_be_built() -> None:
    with pytest.raises(ValueError, match="either accepted or rejected"):
        ParsedBatch(ImportKind.KPIS, "x.csv", rows_read=1, accepted=(), rejected=())


FIXTURES = Path(__file__).parent.parent / "fixtures" / "imports"


@pytest.mark.parametrize(
    ("name", "kind", "accepted"),
    [
        ("initiatives_da.csv", ImportKind.INITIATIVES, 3),
        ("kpis.csv", ImportKind.KPIS, 5),
        ("measurements.csv", ImportKind.MEASUREMENTS, 5),
    ],
)
def test_the_sample_files_in_fixtures_import_without_rejections(
    name: str, kind: ImportKind, accepted: int
) -> None:
    batch = parse_file(FIXTURES / name, kind)
    assert (len(batch.accepted), batch.rejected) == (accepted, ())


def test_the_sample_file_with_errors_rejects_exactly_its_bad_rows() -> None:
    batch = parse_file(FIXTURES / "measurements_with_errors.csv", ImportKind.MEASUREMENTS)
    assert [a.row for a in batch.accepted] == [2]
    assert reasons(batch) == {
        3: "date: '31-02-2025' is not a date (no such day); use YYYY-MM-DD or DD-MM-YYYY",
        4: "value: '=B2*2' is a formula, not a number; type the number instead",
        5: "duplicate of row 2 (same initiative_id, kpi, date) with a different value; keep one",
        6: "initiative_id is required",
    }
