"""A real organisation sets itself up and holds its first steering meeting (#13).

From an empty database, no demo: `failscale init`; the first administrator signs in with
the one-time password and chooses their own; creates the municipality, two steering groups
(members, addresses) and three departments on the Organisation page; imports initiatives,
KPIs and measurements from Danish spreadsheets whose `kilde` names source systems, as an
administrator does from the terminal; evaluates; each steering member sees exactly their
own group's agenda and one records a decision; the escalations and agendas reach each
group's addresses on a real SMTP server, and nothing is kept as unaddressed.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from flows.reminders import send_reminders
from tests.e2e.server import ROOT, dashboard
from tests.e2e.streamlit_ui import choose, settled
from tests.smtp import Mailbox, running_smtp_server

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 20_000
SHOTS = Path("/tmp/first-meeting-shots")
TODAY = date.today()
KOMMUNE = "Vesterå Kommune"
GROUPS = {  # group: (member, its addresses, its departments)
    "Styregruppe for digitalisering": (
        "mette.dahl", ("digi@vestera.dk", "sekretariat@vestera.dk"),
        ("Borgerservice", "Børn og Unge")),
    "Styregruppe for velfærd": ("ole.berg", ("velfaerd@vestera.dk",), ("Sundhed og Ældre",)),
}
INITIATIVES = {  # id: (title, department)
    "VK-1": ("Digital post til borgere", "Borgerservice"),
    "VK-2": ("Læseapp i indskolingen", "Børn og Unge"),
    "VK-3": ("Sensorer i plejeboliger", "Sundhed og Ældre"),
    "VK-4": ("Videokonsultation i hjemmeplejen", "Sundhed og Ældre"),
}
OVERDUE = ("VK-2", "VK-4")  # reviews passed without a decision: escalated to each group


def failscale(env: dict[str, str], *args: str, ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run([str(ROOT / ".venv/bin/failscale"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode in ok, (args, done.stdout, done.stderr)
    return done.stdout


def one_time_password(output: str) -> str:
    found = re.search(r"(?:One-time password|Engangskode)[^:]*:\s*(\S+)", output)
    assert found, output
    return found.group(1)


@pytest.fixture(scope="module")
def mailbox() -> Iterator[Mailbox]:
    with running_smtp_server() as box:
        yield box


@pytest.fixture
def browser_page(page: Page) -> Page:
    page.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    return page


@contextmanager
def shown_on_failure(page: Page) -> Iterator[None]:
    """Keep what the page showed when a step failed, while the server still runs."""
    try:
        yield
    except Exception:
        shoot(page, "failed")
        raise


def sign_in(page: Page, url: str, username: str, password: str, new: str) -> None:
    """Sign in with a one-time password and choose one's own (in Danish, the default)."""
    page.goto(url)
    page.get_by_role("textbox", name="Brugernavn").fill(username)
    page.get_by_role("textbox", name="Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", name="Vælg din egen adgangskode")).to_be_visible()
    page.get_by_label("Nuværende adgangskode (engangskode)").fill(password)
    page.get_by_label("Ny adgangskode", exact=True).fill(new)
    page.get_by_label("Gentag den nye adgangskode").fill(new)
    page.get_by_role("button", name="Skift adgangskode").click()
    settled(page)
    shoot(page, f"signed-in-{username}")
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
    settled(page)


def shoot(page: Page, name: str) -> None:
    """A full-page screenshot to look at (FAILSCALE_SHOTS, else the test's own folder)."""
    folder = Path(os.environ.get("FAILSCALE_SHOTS") or SHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}.png", full_page=True)


def field(container, label: str):
    """A text field by its label (a label with a help icon is no exact accessible name)."""
    return container.locator(f"input[aria-label='{label}'], textarea[aria-label='{label}']")


def tab(page: Page, name: str) -> None:
    """Open a tab; the page remembers it with a rerun, which must end before typing."""
    page.get_by_role("tab", name=name).click()
    settled(page)


def form(page: Page, button: str):
    """The form whose submit button says `button` (tabs keep every form in the page)."""
    return page.get_by_test_id("stForm").filter(
        has=page.get_by_role("button", name=button, exact=True))


def spreadsheets(folder: Path) -> tuple[Path, Path, Path]:
    """The three files as a municipality's Excel saves them: Danish headers, `;`, dates
    day first, decimal commas, `kilde` naming the source system."""
    review = {i: (TODAY + timedelta(days=-20 if i in OVERDUE else 30)).strftime("%d-%m-%Y")
              for i in INITIATIVES}
    start = (TODAY - timedelta(days=200)).strftime("%d-%m-%Y")
    initiatives = folder / "initiativer.csv"
    initiatives.write_text("\n".join(
        ["initiativ_id;titel;afdeling;ejer;fase;startdato;reviewdato;budget_kr;forbrug_kr;"
         "kommune"]
        + [f"{i};{title};{dep};Lise Holm;eksperiment;{start};{review[i]};1.200.000;"
           f"{'1.500.000' if i == 'VK-2' else '300.000'};{KOMMUNE}"
           for i, (title, dep) in INITIATIVES.items()]) + "\n", encoding="utf-8")
    kpis = folder / "noegletal.csv"
    kpis.write_text("\n".join(
        ["initiativ_id;nøgletal;enhed;retning;baseline;mål;type"]
        + [f"{i};sparede timer;timer;højere;0;100;gevinst" for i in INITIATIVES]) + "\n",
        encoding="utf-8")
    values = {"VK-1": (20, 60, 104), "VK-2": (5, 4, 3), "VK-3": (10, 12, 15),
              "VK-4": (30, 45, 70)}
    sources = {"VK-1": "KMD Nexus", "VK-2": "Fælles borgerservice",
               "VK-3": "Sundhedsplatformen", "VK-4": "KMD Nexus"}
    measurements = folder / "maalinger.csv"
    measurements.write_text("\n".join(
        ["initiativ_id;nøgletal;dato;værdi;kilde"]
        + [f"{i};sparede timer;{(TODAY - timedelta(days=d)).strftime('%d-%m-%Y')};"
           f"{v},5;{sources[i]}"
           for i, vs in values.items() for d, v in zip((150, 90, 10), vs, strict=True)])
        + "\n", encoding="utf-8")
    return initiatives, kpis, measurements


def test_a_municipality_sets_itself_up_and_holds_its_first_steering_meeting(
    browser_page: Page, mailbox: Mailbox, tmp_path: Path, prefect_harness: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = browser_page
    data = tmp_path / "data"
    env = {**os.environ, "FAILSCALE_DB": str(tmp_path / "portfolio.duckdb"),
           "FAILSCALE_DATA_DIR": str(data), "FAILSCALE_SMTP_HOST": "127.0.0.1",
           "FAILSCALE_SMTP_PORT": str(mailbox.port), "FAILSCALE_SMTP_STARTTLS": "false",
           "FAILSCALE_PREFECT_API_URL": "http://127.0.0.1:9/api",
           "FAILSCALE_LANGUAGE": "da"}  # the product's default (tests/conftest.py sets en)
    for name in ("FAILSCALE_ORGANISATION", "FAILSCALE_ACTOR"):
        env.pop(name, None)
    admin_password = one_time_password(failscale(env, "init"))

    with dashboard(tmp_path / "portfolio.duckdb", auth_mode="local", env=env) as url, \
            shown_on_failure(page):
        sign_in(page, url, "admin", admin_password, "Vesterå-Rådhus-2026!")
        page.get_by_test_id("stSidebarNav").get_by_text("Organisation").click()
        expect(page.get_by_role("heading", name="Organisation", exact=True)).to_be_visible()
        settled(page)
        shoot(page, "organisation-empty")
        # Where a set-up begins, said on the empty page; then the municipality.
        expect(page.get_by_text("Begynd her: sæt flueben i »Opret en ny organisation«")
               ).to_be_visible()
        page.get_by_test_id("stCheckbox").get_by_text("Opret en ny organisation").click()
        settled(page)
        org = form(page, "Gem organisation")
        field(org, "Navn").fill(KOMMUNE)
        field(org, "CVR-nummer").fill("29189919")
        org.get_by_role("button", name="Gem organisation").click()
        expect(page.get_by_text(f"{KOMMUNE} er gemt")).to_be_visible()
        settled(page)
        shoot(page, "organisation-created")

        # Two steering groups with their addresses, three departments, each in its group.
        tab(page, "Styregrupper")
        for group, (_, addresses, _) in GROUPS.items():
            new = form(page, "Gem styregruppe")
            field(new, "Styregruppe").fill(group)
            field(new, "E-mailadresser").fill("\n".join(addresses))
            field(new, "Mødedatoer").fill((TODAY + timedelta(days=14)).strftime("%d-%m-%Y"))
            new.get_by_role("button", name="Gem styregruppe").click()
            expect(page.get_by_text(f"Styregruppen {group} er gemt")).to_be_visible()
            settled(page)
        # The steering members' accounts, from the terminal as an administrator makes them.
        members = {member: one_time_password(failscale(
            env, "user", "add", member, "--role", "steering_member", "--steering-group", group,
            "--name", member.replace(".", " ").title()))
            for group, (member, _, _) in GROUPS.items()}
        page.get_by_test_id("stSidebarNav").get_by_text("Porteføljetavle").click()
        settled(page)
        page.get_by_test_id("stSidebarNav").get_by_text("Organisation").click()
        settled(page)
        tab(page, "Styregrupper")
        shoot(page, "organisation-groups")
        # Each group's member account is seated in it.
        for group, (member, _, _) in GROUPS.items():
            tab(page, "Styregrupper")  # a save shows the first tab
            choose(page, "Styregruppe, der skal rettes", group)
            edit = form(page, "Gem styregruppe")
            edit.get_by_label("Medlemmer").click()
            page.get_by_role("option", name=member, exact=True).click()
            page.keyboard.press("Escape")
            edit.get_by_role("button", name="Gem styregruppe").click()
            expect(page.get_by_text(f"Styregruppen {group} er gemt")).to_be_visible()
            settled(page)
        # The initiatives' owner in the address book: her reminders have an address.
        tab(page, "Personer")
        person = form(page, "Gem person")
        field(person, "Navn").fill("Lise Holm")
        field(person, "E-mail").fill("lise.holm@vestera.dk")
        person.get_by_role("button", name="Gem person").click()
        expect(page.get_by_text("Lise Holm er gemt i adressebogen")).to_be_visible()
        settled(page)
        # Three departments, each in its group.
        for group, (_, _, departments) in GROUPS.items():
            for department in departments:
                tab(page, "Afdelinger")
                new = form(page, "Gem afdeling")
                field(new, "Afdeling").fill(department)
                choose(page, "Styregruppe", group, within=new)
                new.get_by_role("button", name="Gem afdeling").click()
                expect(page.get_by_text(f"Afdelingen {department} er gemt")).to_be_visible()
                settled(page)
                # saved: the form is empty for the next department, in the browser too
                expect(field(form(page, "Gem afdeling"), "Afdeling")).to_have_value("")
        shoot(page, "organisation-departments")

        # The portfolio, from the municipality's spreadsheets, as imported at the terminal.
        for kind, path in zip(("initiatives", "kpis", "measurements"),
                              spreadsheets(tmp_path), strict=True):
            assert ", 0 afvist" in failscale(env, "import", kind, str(path))  # Danish: #13
        failscale(env, "evaluate")
        escalated = {address for recipients, message in mailbox.received
                     for address in recipients if "over reviewdatoen" in message["Subject"]}
        assert escalated == {a for _, addresses, _ in GROUPS.values() for a in addresses}, \
            [(r, m["Subject"]) for r, m in mailbox.received]

        # Each steering member sees exactly their own group's agenda.
        for group, (member, _, departments) in GROUPS.items():
            page.get_by_role("button", name="Log ud").click()
            expect(page.get_by_role("heading", name="Log ind i Fail or Scale")).to_be_visible()
            sign_in(page, url, member, members[member], f"Vesterå-møde-{len(member)}-2026!")
            page.get_by_test_id("stSidebarNav").get_by_text("Styregruppemøde").click()
            expect(page.get_by_text("Dagsorden: hvad er til behandling og hvorfor")).to_be_visible()
            settled(page)
            shoot(page, f"steering-{member}")
            # The agenda table (a canvas grid: its cells are in the DOM, hidden) lists
            # exactly this group's initiatives, and the group picker offers no other group.
            agenda = page.get_by_test_id("stDataFrame").first
            for initiative, (_, department) in INITIATIVES.items():
                expect(agenda.get_by_text(initiative, exact=True)) \
                    .to_have_count(1 if department in departments else 0)
            other = next(g for g in GROUPS if g != group)
            page.get_by_label("Styregruppe", exact=True).click()
            expect(page.get_by_role("option", name=other)).to_have_count(0)
            page.keyboard.press("Escape")

        # Ole Berg's group decides on the sensors (VK-3): closed, with a lesson.
        choose(page, "Initiativ", "VK-3 — Sensorer i plejeboliger")
        page.get_by_text("Luk", exact=True).click()
        settled(page)
        field(page, "Begrundelse").fill("Sensorerne giver ikke tid nok til beboerne.")
        field(page, "Erfaring").fill("Afprøv alarmerne med personalet før indkøb.")
        page.get_by_role("button", name="Registrér beslutning").click()
        expect(page.get_by_text("er registreret for VK-3")).to_be_visible()
        shoot(page, "decision-recorded")

    # The agendas of the week, as the send-reminders schedule sends them.
    for name, value in env.items():
        if name.startswith("FAILSCALE_"):
            monkeypatch.setenv(name, value)
    summary = send_reminders(as_of=TODAY, db_path=env["FAILSCALE_DB"])
    assert summary["unaddressed"] == 0 and summary["failed"] == 0, summary
    assert not list((data / "outbox" / "unaddressed").glob("*"))
    agendas = {address: message for recipients, message in mailbox.received
               for address in recipients if "dagsorden" in message["Subject"]}
    for group, (_, addresses, _) in GROUPS.items():
        for address in addresses:
            body = agendas[address].get_body(preferencelist=("plain",)).get_content()
            assert group in agendas[address]["Subject"], agendas[address]["Subject"]
            # each group's agenda holds its own initiatives only
            assert ("VK-4" in body) == (group == "Styregruppe for velfærd"), body
            assert ("VK-2" in body) == (group == "Styregruppe for digitalisering"), body
    assert mailbox.to("lise.holm@vestera.dk")["Subject"].startswith("Fail or Scale")
