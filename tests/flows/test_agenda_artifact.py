"""A steering group's agenda artifact stays readable at national scale (#7)."""

from __future__ import annotations

from datetime import timedelta

from flows.artifacts import agenda_artifact, agenda_markdown, urgent_table
from portfolio import formats
from portfolio.models import Department, GroupKey, Reason, Recommendation
from portfolio.notify.compose import Style
from tests.agenda_models import build_agenda
from tests.factories import AS_OF, make_evaluation, make_initiative
from tests.security.markup import active_parts

GROUP = GroupKey("Demo Kommune", "Velfærdsstyregruppen")
DEPARTMENTS = [Department(name="Social services", organisation=GROUP.organisation,
                          steering_group=GROUP.name)]
STYLE = Style("http://dash.example", "Demo Kommune")


def test_a_group_agenda_longer_than_the_artifact_lists_the_overdue_first_and_links_the_rest():
    late = [make_initiative(id=f"LATE-{n}", review_on=AS_OF - timedelta(days=5),
                            organisation=GROUP.organisation) for n in range(3)]
    thin = [make_initiative(id=f"THIN-{n}", organisation=GROUP.organisation) for n in range(5)]
    latest = {i.id: make_evaluation(i.id, Recommendation.NEEDS_DATA) for i in thin}
    agenda = build_agenda([*late, *thin], latest, [],
                          DEPARTMENTS, AS_OF)

    text = agenda_markdown(GROUP, agenda.for_steering_groups()[GROUP], agenda, STYLE, limit=4)

    rows = [line for line in text.splitlines() if line.startswith("| ") and "](" in line]
    assert [r.split("(")[-1].split(")")[0].replace("\\", "") for r in rows] == [
        "LATE-0", "LATE-1", "LATE-2", "THIN-0"]
    assert "The 4 most urgent of 8 items" in text
    # a group is organisation + name (#13): the link says which, the heading both
    assert "http://dash.example/steering?group=Demo+Kommune%2FVelf%C3%A6rdsstyregruppen" in text
    assert text.startswith(r"# Velfærdsstyregruppen \(Demo Kommune\)")  # escaped (#14)


def test_a_group_agenda_that_fits_is_listed_whole():
    agenda = build_agenda([make_initiative(review_on=AS_OF - timedelta(days=5),
                                           organisation=GROUP.organisation)], {}, [],
                          DEPARTMENTS, AS_OF)

    text = agenda_markdown(GROUP, agenda.for_steering_groups()[GROUP], agenda, STYLE)

    assert "INI-1" in text and "most urgent" not in text


def test_a_hostile_title_stays_text_in_the_agenda_artifact():
    """The Prefect UI renders the artifact's Markdown: a title must not close the link (#14)."""
    hostile = "x](http://evil.example) ![i](http://127.0.0.1:8999/b.png) <b>b</b> :red[r]"
    agenda = build_agenda([make_initiative(title=hostile, review_on=AS_OF - timedelta(days=5),
                                           organisation=GROUP.organisation)],
                          {}, [], DEPARTMENTS,
                          AS_OF)

    text = agenda_markdown(GROUP, agenda.for_steering_groups()[GROUP], agenda, STYLE)

    assert [p for p in active_parts(text) if "dash.example" not in p] == []
    assert "evil" in text


def test_the_agenda_artifact_reads_in_the_organisations_language():
    """Danish first: an organisation whose language is Danish reads its agenda in the
    Prefect UI in Danish, with Danish dates and numbers (1.200, not 1,200)."""
    late = [make_initiative(id=f"LATE-{n:04d}", review_on=AS_OF - timedelta(days=5),
                            organisation=GROUP.organisation) for n in range(1_200)]
    agenda = build_agenda(late, {}, [], DEPARTMENTS, AS_OF)
    danish = Style("http://dash.example", "Demo Kommune", default_language="da")

    text = agenda_markdown(GROUP, agenda.for_steering_groups()[GROUP], agenda, danish,
                           limit=2)

    heading, _, columns, *_ = text.splitlines()
    assert heading.endswith(formats.day(AS_OF, "da")) and "juni" in heading
    assert columns == "| Anbefaling | Initiativ | Hvorfor |"
    assert "Review overskredet" in text
    assert "De 2 mest presserende af 1.200 punkter; [styregruppesiden](" in text
    english = agenda_markdown(GROUP, agenda.for_steering_groups()[GROUP], agenda, STYLE,
                              limit=2)
    assert "The 2 most urgent of 1,200 items" in english and "Review overdue" in english


def test_the_recommendations_table_says_what_it_holds_in_the_organisations_language():
    verdicts = [make_evaluation(f"INI-{n}", Recommendation.NEEDS_DATA,
                                reasons=(Reason(code="evidence.no_benefit_kpi"),))
                for n in range(3)]

    danish = urgent_table(verdicts, 3, {}, AS_OF, "da")
    english = urgent_table(verdicts, 3, {}, AS_OF, "en")
    capped = urgent_table(verdicts[:1], 2_500, {}, AS_OF, "da")

    assert danish.description == f"Anbefalinger pr. {formats.day(AS_OF, 'da')}"
    assert english.description == f"Recommendations as of {formats.day(AS_OF, 'en')}"
    assert "de 1 mest presserende af 2.500" in (capped.description or "")
    # the rows keep their codes (a reader through Prefect's API keys on them); the reason
    # is text, in the language
    assert [r["recommendation"] for r in danish.table] == ["NEEDS_DATA"] * 3
    assert danish.table[0]["why"] == Reason(code="evidence.no_benefit_kpi").render("da")
    assert english.table[0]["why"] == Reason(code="evidence.no_benefit_kpi").render("en")
    assert danish.table[0]["why"] != english.table[0]["why"]


def test_a_hostile_group_name_stays_text_in_the_artifacts_description():
    """The Prefect UI renders an artifact's description as Markdown as well (#14)."""
    hostile = GroupKey("Demo Kommune", "[Gruppe](http://evil.example) ![i](http://x.example/b.png)")

    artifact = agenda_artifact(hostile, "", "da")

    assert active_parts(artifact.description or "") == []
    assert r"evil\.example" in (artifact.description or "")  # shown, as text
