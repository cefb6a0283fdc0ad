"""The REST API as an integration team calls it: a real `failscale api` (uvicorn) on a free
port, httpx, bearer tokens, and the same rules as the file import (#19)."""

from __future__ import annotations

import re

import pytest

from portfolio.models import Actor, Provenance, Role
from tests.api.conftest import OTHER_INITIATIVE, OTHER_ORGANISATION, RATE_LIMIT, ApiServer
from tests.units import in_reading

pytestmark = pytest.mark.security

BU = "Børn og Unge"
KPI = "telefonopkald til skolekontorer"


def _rows(*values: object, kpi: str = KPI, initiative: str = "BU-01") -> list[dict]:
    return [{"initiative_id": initiative, "kpi": kpi, "date": f"2026-10-0{i + 1}",
             "value": v, "source": "Aula"} for i, v in enumerate(values)]


def test_the_openapi_document_and_interactive_docs_are_served(api_server: ApiServer) -> None:
    with api_server.client() as client:
        spec = client.get("/api/v1/openapi.json")
        docs = client.get("/api/v1/docs")
    assert spec.status_code == 200
    assert {"/api/v1/measurements", "/api/v1/initiatives", "/api/v1/initiatives/{initiative_id}",
            "/api/v1/initiatives/{initiative_id}/evaluations",
            "/api/v1/agenda"} <= set(spec.json()["paths"])
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    # Everything the page loads comes from this server (a blocked CDN breaks nothing).
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert assets and all(a.startswith("/api/v1/docs-assets/") for a in assets), assets
    with api_server.client() as client:
        assert all(client.get(a).status_code == 200 for a in assets)


def test_a_call_without_a_token_or_with_an_unknown_one_gets_401(api_server: ApiServer) -> None:
    with api_server.client() as anonymous, api_server.client("fos_not-a-token") as guessed:
        missing = anonymous.get("/api/v1/initiatives")
        unknown = guessed.get("/api/v1/initiatives")
    assert missing.status_code == unknown.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"


def test_a_revoked_token_gets_401_from_its_next_call(api_server: ApiServer) -> None:
    secret = api_server.token("soon-revoked", Role.VIEWER)
    with api_server.client(secret) as client:
        assert client.get("/api/v1/initiatives").status_code == 200
        revoked = api_server.cli("token", "revoke", "soon-revoked")
        assert revoked.exit_code == 0, revoked.output
        assert client.get("/api/v1/initiatives").status_code == 401


def test_posted_measurements_are_imported_with_quarantine_and_the_token_named_in_the_audit(
    api_server: ApiServer,
) -> None:
    secret = api_server.token("aula-export", Role.LEADER, departments=(BU,))
    body = [*_rows(12, "13,5"),
            {"initiative_id": "BU-01", "kpi": KPI, "date": "2026-13-45", "value": 1},
            {"initiative_id": "BU-01", "kpi": "no such kpi", "date": "2026-10-01", "value": 1}]
    with api_server.client(secret) as client:
        answer = client.post("/api/v1/measurements", json=body)
    assert answer.status_code == 200, answer.text
    summary = answer.json()
    assert (summary["accepted"], summary["rejected"], summary["added"]) == (2, 2, 2)
    assert [e["row"] for e in summary["errors"]] == [2, 3]
    assert "date" in summary["errors"][0]["reason"]
    assert "no such kpi" in summary["errors"][1]["reason"]
    with api_server.db.reading() as store:
        stored = [m for m in store.measurements.for_initiative("BU-01")
                  if m.kpi == KPI and m.on.isoformat() in ("2026-10-01", "2026-10-02")]
        quarantined = store.con.execute(
            "SELECT count(*) FROM quarantine WHERE source_name = 'api:token:aula-export'"
        ).fetchone()
        events = [e for e in store.audit.recent(200) if e.actor == "token:aula-export"]
    assert sorted(m.value for m in stored) == [12.0, 13.5]
    assert {m.recorded_by for m in stored} == {"token:aula-export"}
    assert {m.provenance for m in stored} == {Provenance.SYSTEM_EXPORT}
    assert {m.source for m in stored} == {"Aula"}
    assert quarantined == (2,)
    assert {e.action for e in events} >= {"import"}


def test_posting_the_same_measurements_again_adds_nothing(api_server: ApiServer) -> None:
    secret = api_server.token("idempotent", Role.LEADER, departments=(BU,))
    body = _rows(7, 8, 9, kpi="forældre der læser ugebrevet")
    with api_server.client(secret) as client:
        first = client.post("/api/v1/measurements", json=body).json()
        again = client.post("/api/v1/measurements", json=body).json()
    assert (first["added"], first["unchanged"]) == (3, 0)
    assert (again["accepted"], again["added"], again["updated"], again["unchanged"]) == (3, 0, 0, 3)


def test_a_stated_provenance_is_kept(api_server: ApiServer) -> None:
    secret = api_server.token("self-reports", Role.LEADER, departments=(BU,))
    body = [{**_rows(3, kpi="klager over dataanvendelse", initiative="BU-04")[0],
             "provenance": "self_reported"}]
    with api_server.client(secret) as client:
        assert client.post("/api/v1/measurements", json=body).json()["added"] == 1
    with api_server.db.reading() as store:
        stored = [m for m in store.measurements.for_initiative("BU-04")
                  if m.recorded_by == "token:self-reports"]
    assert [m.provenance for m in stored] == [Provenance.SELF_REPORTED]


def test_rows_outside_the_tokens_departments_are_quarantined_not_stored(
    api_server: ApiServer,
) -> None:
    secret = api_server.token("children-only", Role.LEADER, departments=(BU,))
    body = _rows(5, kpi="forebyggelige genindlæggelser", initiative="SA-05")
    with api_server.client(secret) as client:
        summary = client.post("/api/v1/measurements", json=body).json()
    assert (summary["accepted"], summary["rejected"]) == (0, 1)
    assert "Sundhed og Ældre" in summary["errors"][0]["reason"]
    with api_server.db.reading() as store:
        assert not [m for m in store.measurements.for_initiative("SA-05")
                    if m.recorded_by == "token:children-only"]


def test_a_role_that_may_not_record_measurements_gets_403(api_server: ApiServer) -> None:
    secret = api_server.token("board-reader", Role.VIEWER)
    with api_server.client(secret) as client:
        answer = client.post("/api/v1/measurements", json=_rows(1))
    assert answer.status_code == 403
    assert "token:board-reader" in answer.json()["detail"]


def test_an_organisation_token_reads_its_own_organisation_only(api_server: ApiServer) -> None:
    secret = api_server.token("nabo-bi", Role.VIEWER, organisation=OTHER_ORGANISATION)
    with api_server.client(secret) as client:
        listed = client.get("/api/v1/initiatives").json()
        own = client.get(f"/api/v1/initiatives/{OTHER_INITIATIVE}")
        other = client.get("/api/v1/initiatives/BU-01")
        other_history = client.get("/api/v1/initiatives/BU-01/evaluations")
        other_agenda = client.get("/api/v1/agenda", params={"steering_group":
                                                            "Velfærdsstyregruppen"})
    assert [i["id"] for i in listed["items"]] == [OTHER_INITIATIVE]
    assert own.status_code == 200
    assert other.status_code == other_history.status_code == other_agenda.status_code == 403
    assert OTHER_ORGANISATION in other.json()["detail"]


@pytest.mark.parametrize(("body", "field"), [
    ({"initiative_id": "BU-01"}, None),
    ([{"initiative_id": "BU-01", "kpi": KPI, "date": "2026-10-01"}], "value"),
    ([{"initiative_id": "BU-01", "kpi": KPI, "date": "2026-10-01", "value": 1, "valeu": 2}],
     "valeu"),
    ([{"initiative_id": "BU-01", "kpi": KPI, "date": "2026-10-01", "value": {"n": 1}}],
     "value"),
    ([], None),
])
def test_a_body_no_row_could_be_gets_422_naming_the_field(
    api_server: ApiServer, body: object, field: str | None,
) -> None:
    secret = api_server.token(f"bad-body-{field}-{len(str(body))}", Role.LEADER,
                              departments=(BU,))
    with api_server.client(secret) as client:
        answer = client.post("/api/v1/measurements", json=body)
    assert answer.status_code == 422
    locations = [e["loc"] for e in answer.json()["detail"]]
    assert all(loc[0] == "body" for loc in locations)
    if field:
        assert any(field in loc for loc in locations), locations


def test_initiatives_are_listed_in_pages_and_read_with_kpis_and_evaluations(
    api_server: ApiServer,
) -> None:
    secret = api_server.token("portal", Role.VIEWER)
    with api_server.client(secret) as client:
        page = client.get("/api/v1/initiatives", params={"limit": 5, "offset": 5}).json()
        one = client.get("/api/v1/initiatives/BU-01", params={"lang": "da"}).json()
        history = client.get("/api/v1/initiatives/BU-01/evaluations").json()
        missing = client.get("/api/v1/initiatives/NO-SUCH")
        bad_limit = client.get("/api/v1/initiatives", params={"limit": 0})
    assert page["total"] == 36 and len(page["items"]) == 5 and page["offset"] == 5
    assert one["initiative"]["id"] == "BU-01" and len(one["kpis"]) == 4
    assert one["latest_evaluation"]["run_id"] == "api-test-run"
    assert history[0]["recommendation"] in {"SCALE", "CONTINUE", "PIVOT", "CLOSE", "NEEDS_DATA"}
    assert history[0]["reasons"] and history[0]["reason_codes"][0]["code"]
    assert missing.status_code == 404
    assert bad_limit.status_code == 422


def test_a_steering_groups_agenda_is_read_and_an_unknown_group_is_404(
    api_server: ApiServer,
) -> None:
    secret = api_server.token("agenda-reader", Role.STEERING_MEMBER, departments=(BU,))
    with api_server.client(secret) as client:
        agenda = client.get("/api/v1/agenda", params={"steering_group": "Velfærdsstyregruppen",
                                                      "as_of": "2026-12-01"})
        unknown = client.get("/api/v1/agenda", params={"steering_group": "Ingen"})
        missing = client.get("/api/v1/agenda")
    assert agenda.status_code == 200
    items = agenda.json()["items"]
    assert items and {i["steering_group"] for i in items} == {"Velfærdsstyregruppen"}
    assert unknown.status_code == 404 and missing.status_code == 422


def test_a_token_beyond_its_rate_limit_gets_429_with_retry_after(api_server: ApiServer) -> None:
    secret = api_server.token("busy-poller", Role.VIEWER)
    with api_server.client(secret) as client:
        codes = [client.get("/api/v1/agenda", params={"steering_group": "Ingen"}).status_code
                 for _ in range(RATE_LIMIT)]
        refused = client.get("/api/v1/initiatives")
    assert set(codes) == {404}
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1


def test_token_commands_print_the_secret_once_and_store_only_its_hash(
    api_server: ApiServer,
) -> None:
    created = api_server.cli("token", "create", "erp-import", "--role", "leader",
                             "--department", BU)
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[-1]
    assert secret.startswith("fos_")
    listed = api_server.cli("token", "list")
    assert "erp-import" in listed.stdout and secret not in listed.stdout
    with api_server.db.reading() as store:
        dumped = store.con.execute("SELECT * FROM api_tokens").fetchall()
        created_event = store.audit.for_entity("api_token", "erp-import")
    assert secret not in repr(dumped)
    assert created_event and created_event[0].actor == "operator"
    with api_server.client(secret) as client:
        assert client.get("/api/v1/initiatives").status_code == 200
    refused = api_server.cli("token", "create", "erp-import", "--role", "viewer")
    unscoped = api_server.cli("token", "create", "no-scope", "--role", "leader")
    assert refused.exit_code == unscoped.exit_code == 1
    assert "already" in refused.stderr and "scope" in unscoped.stderr


def test_only_an_administrator_manages_tokens(api_server: ApiServer) -> None:
    from portfolio.errors import NotAllowed
    from portfolio.service.tokens import list_tokens

    with pytest.raises(NotAllowed):
        in_reading(api_server.db, list_tokens,
                   Actor(username="lea", role=Role.LEADER, departments=(BU,)))


def test_initiatives_are_filtered_by_stage_and_department(api_server: ApiServer) -> None:
    secret = api_server.token("filters", Role.VIEWER)
    with api_server.client(secret) as client:
        closed = client.get("/api/v1/initiatives", params={"stage": "closed"}).json()
        children = client.get("/api/v1/initiatives", params={"department": BU,
                                                              "limit": 2}).json()
        bad_stage = client.get("/api/v1/initiatives", params={"stage": "zombie"})
    assert closed["total"] == 6 and {i["stage"] for i in closed["items"]} == {"closed"}
    assert children["total"] == 6 and [i["id"] for i in children["items"]] == ["BU-01", "BU-02"]
    assert bad_stage.status_code == 422


def test_a_body_beyond_the_size_limit_is_refused_with_413_before_it_is_read(
    api_server: ApiServer,
) -> None:
    secret = api_server.token("flood", Role.LEADER, departments=(BU,))
    huge = b"[" + b'{"initiative_id": "BU-01"},' * 400_000 + b"{}]"  # ~11 MB
    with api_server.client(secret) as client:
        declared = client.post("/api/v1/measurements", content=huge,
                               headers={"Content-Type": "application/json"})
        chunked = client.post("/api/v1/measurements",
                              content=(huge[i:i + 1_000_000]
                                       for i in range(0, len(huge), 1_000_000)),
                              headers={"Content-Type": "application/json"})
        not_json = client.post("/api/v1/measurements", content=b"initiative_id;kpi",
                               headers={"Content-Type": "application/json"})
    assert declared.status_code == chunked.status_code == 413
    assert not_json.status_code == 422
