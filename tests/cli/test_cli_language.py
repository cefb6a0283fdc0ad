"""The command line speaks the operator's language (FAILSCALE_LANGUAGE, Danish by default,
#13 item 6), while what scripts read (`--json`, exit codes) is the same in every language."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli.test_cli_contract import INITIATIVES, KPIS, MEASUREMENTS, run, write

BAD = ("id,title,department,owner,stage,started_on,review_on,budget_dkk,spent_dkk\n"
       "X-9,Ugyldig,Health,Ann,experiment,31-02-2025,2025-07-01,1200000,0\n")


def environment(tmp_path: Path, lang: str | None) -> dict[str, str]:
    env = {**os.environ, "FAILSCALE_DB": str(tmp_path / f"{lang}.duckdb"),
           "FAILSCALE_DATA_DIR": str(tmp_path / f"data-{lang}"), "PREFECT_API_URL": "",
           "FAILSCALE_PREFECT_API_URL": "http://127.0.0.1:9/api",
           "FAILSCALE_ORGANISATION": "Testby Kommune"}
    env.pop("FAILSCALE_LANGUAGE")
    return env if lang is None else {**env, "FAILSCALE_LANGUAGE": lang}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("files")
    return {name: write(folder, f"{name}.csv", text) for name, text in
            (("initiatives", INITIATIVES), ("kpis", KPIS), ("measurements", MEASUREMENTS),
             ("bad", BAD))}


def test_the_summaries_and_errors_are_danish_by_default(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    env = environment(tmp_path, None)  # the product's default

    created = run(["init"], env)
    imported = run(["import", "initiatives", str(files["initiatives"])], env)
    run(["import", "kpis", str(files["kpis"])], env)
    run(["import", "measurements", str(files["measurements"])], env)
    rejected = run(["import", "initiatives", str(files["bad"])], env)
    evaluated = run(["evaluate", "--as-of", "2025-06-15"], env)
    listed = run(["org", "list"], env)
    missing = run(["import", "kpis", str(tmp_path / "findes-ikke.csv")], env)
    bad_date = run(["evaluate", "--as-of", "15-06-2025"], env)

    assert "Engangskode:" in created.stdout and "Oprettet:" in created.stdout
    assert imported.stdout.startswith("initiatives.csv: 2 rækker læst, 2 accepteret")
    assert rejected.returncode == 1
    assert "  række 2: started_on: »31-02-2025« er ikke en dato" in rejected.stdout
    assert "Afviste rækker gemmes i karantæne" in rejected.stdout
    assert evaluated.returncode == 0, evaluated.stderr
    assert evaluated.stdout.startswith("2 initiativer vurderet pr. 15. juni 2025 (politik v")
    assert "  Skalér" in evaluated.stdout and "  Luk" in evaluated.stdout
    assert "Testby Kommune (Kommune)" in listed.stdout
    assert "INGEN STYREGRUPPE" in listed.stdout and "Problem: Health (Testby Kommune) hører " \
        "ikke til nogen styregruppe" in listed.stdout
    assert missing.returncode == 2 and missing.stderr.startswith("Fejl: ")
    assert "findes-ikke.csv: filen findes ikke" in missing.stderr
    assert "er ikke en dato; brug ÅÅÅÅ-MM-DD" in bad_date.stderr
    english = " rows read| accepted|Evaluated|Error:|NO STEERING|One-time|Rejected rows"
    for said in (created, imported, rejected, evaluated, listed, missing):
        assert not any(word in said.stdout + said.stderr for word in english.split("|"))


def test_an_english_operator_reads_english_with_english_numbers(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    env = environment(tmp_path, "en")
    run(["init"], env)
    run(["import", "initiatives", str(files["initiatives"])], env)

    rejected = run(["import", "initiatives", str(files["bad"])], env)
    listed = run(["org", "list"], env)

    assert "  row 2: started_on: '31-02-2025' is not a date" in rejected.stdout
    assert "Testby Kommune (Municipality)" in listed.stdout
    assert "NO STEERING GROUP" in listed.stdout


def test_the_json_a_script_reads_is_the_same_in_danish_and_english(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    outputs = {}
    for lang in ("da", "en"):
        env = environment(tmp_path, lang)
        run(["init"], env)
        said = [run(["import", kind, str(files[name]), "--json"], env) for kind, name in
                (("initiatives", "initiatives"), ("kpis", "kpis"),
                 ("measurements", "measurements"), ("initiatives", "bad"))]
        said.append(run(["evaluate", "--as-of", "2025-06-15", "--json"], env))
        said.append(run(["org", "list", "--json"], env))
        outputs[lang] = [(s.returncode, json.loads(s.stdout)) for s in said]

    def stable(value: object) -> object:  # ids and run ids differ from run to run
        if isinstance(value, dict):
            return {k: stable(v) for k, v in value.items() if k not in {"import_id", "run_id"}}
        if isinstance(value, list | tuple):
            return [stable(v) for v in value]
        return value

    assert stable(outputs["da"]) == stable(outputs["en"])
    bad = outputs["da"][3][1]
    assert bad["errors"][0]["reason"].startswith("started_on: '31-02-2025' is not a date")
    verdicts = outputs["da"][4][1]
    assert {v["recommendation"] for v in verdicts} <= {"SCALE", "CONTINUE", "PIVOT", "CLOSE",
                                                       "NEEDS_DATA"}


def test_a_refused_backup_or_restore_is_told_in_the_operators_language(
    tmp_path: Path
) -> None:
    """The backup refusals come from the catalogue like every other error (they were
    English only): a backup onto an existing file, a restore from a file that is none."""
    env = environment(tmp_path, None)
    run(["init"], env)
    taken = tmp_path / "taken.duckdb"
    taken.write_bytes(b"")
    refused = run(["backup", str(taken)], env)
    assert refused.returncode != 0
    assert "findes allerede; vælg et nyt filnavn" in refused.stderr, refused.stderr
    missing = run(["restore", str(tmp_path / "none.duckdb"), "--force"], env)
    assert missing.returncode != 0
    assert "filen findes ikke; angiv stien til en sikkerhedskopi" in missing.stderr
    english = run(["backup", str(taken)], {**env, "FAILSCALE_LANGUAGE": "en"})
    assert "already exists; choose a new file name" in english.stderr


@pytest.mark.parametrize("command", [["init"], ["evaluate"], ["import", "measurements"],
                                     ["org", "list"]])
def test_a_shared_store_out_of_reach_is_one_danish_line_and_exit_1(
    tmp_path: Path, files: dict[str, Path], command: list[str]
) -> None:
    """PostgreSQL down or restarting (#17): what the operator reads is where and what to
    do, not DuckDB's IOException with a traceback."""
    env = {**environment(tmp_path, None),
           "FAILSCALE_DB": "ducklake:postgres:dbname=portefolje host=127.0.0.1 port=1",
           "FAILSCALE_LAKE_DATA_PATH": str(tmp_path / "lake")}
    args = [*command, str(files["measurements"])] if command[0] == "import" else command
    failed = run(args, env)
    assert failed.returncode == 1
    assert failed.stderr.splitlines() == [
        "Fejl: Det fælles lager kan ikke nås lige nu: PostgreSQL på 127.0.0.1:1/portefolje "
        "svarer ikke. Intet er gemt, og intet er tabt. Prøv igen om lidt; varer det ved, så "
        "bed driften se til databasen."], failed.stderr


def test_a_spreadsheet_named_as_the_database_is_one_danish_line_and_exit_1(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    env = {**environment(tmp_path, None), "FAILSCALE_DB": str(files["initiatives"])}
    failed = run(["evaluate"], env)
    assert failed.returncode == 1
    assert failed.stderr.splitlines() == [
        f"Fejl: {files['initiatives']} er ikke en DuckDB-databasefil (det er en mappe, en tom "
        "fil eller en anden slags fil). Sæt FAILSCALE_DB til databasefilens sti, fx "
        "data/portfolio.duckdb; findes filen ikke, oprettes den. Intet er gemt."], failed.stderr


def test_a_prefect_server_that_does_not_answer_is_one_line_for_the_pools_and_no_stop_for_a_run(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    """PREFECT_API_URL set by hand to a server that is down: the work-pool commands say so
    in the operator's language; an evaluation runs in-process and is recorded, as with no
    server at all (it was a traceback either way)."""
    env = {**environment(tmp_path, None), "PREFECT_API_URL": "http://127.0.0.1:9/api"}
    for command in (["deploy", "--pool", "kommunen"], ["worker", "--pool", "kommunen"]):
        refused = run(command, env)
        assert refused.returncode == 1
        assert refused.stderr.splitlines() == [
            "Fejl: Ingen Prefect-server svarer på http://127.0.0.1:9/api: arbejdspuljer "
            "kræver en, der kører (prefect server start, eller make up)."], refused.stderr
    evaluated = run(["evaluate", "--json"], env)
    assert evaluated.returncode == 0, evaluated.stderr
    assert json.loads(evaluated.stdout) == []  # nothing registered yet: nothing judged


def test_a_file_that_cannot_be_written_is_named_with_what_is_wrong_in_danish(
    tmp_path: Path,
) -> None:
    """An export or a report to a folder, or to a place that does not exist, is one line
    naming the path and what is wrong (it was Python's traceback); a wrong kind of file is
    said in Danish too (it was English)."""
    env = environment(tmp_path, None)
    assert run(["init"], env).returncode == 0
    folder = tmp_path / "ud.csv"
    folder.mkdir()
    cases = {
        str(folder): f"Fejl: {folder}: det er en mappe, ikke en fil. Vælg en anden sti, eller "
                     "ret adgangen, og prøv igen.",
        "/proc/findes-ikke/tavle.csv": "Fejl: /proc/findes-ikke/tavle.csv: filen eller dens "
                                       "mappe findes ikke. Vælg en anden sti, eller ret "
                                       "adgangen, og prøv igen.",
    }
    for path, said in cases.items():
        failed = run(["export", "board", path], env)
        assert (failed.returncode, failed.stderr.splitlines()) == (1, [said]), failed.stderr
    wrong = run(["export", "board", str(tmp_path / "tavle.txt")], env)
    assert (wrong.returncode, wrong.stderr.splitlines()) == (
        2, ["Fejl: tavle.txt: skriv til en .csv- eller .xlsx-fil."])


def test_a_value_that_breaks_a_rule_is_one_line_naming_the_field(tmp_path: Path) -> None:
    """A token name with a space, a webhook that is not http(s): the model's rule, told in
    the operator's language like a form's (it was pydantic's traceback)."""
    env = environment(tmp_path, None)
    assert run(["init"], env).returncode == 0
    refused = run(["token", "create", "fag system", "--role", "viewer"], env)
    assert (refused.returncode, refused.stderr.splitlines()) == (1, [
        "Fejl: name: Brug kun de tegn, der er tilladt her (^[A-Za-z0-9._-]+$)."]), refused.stderr
