"""The Organisation page (#13): an administrator sets up departments, steering groups and
people; a refusal appears next to its field, in the reader's language; a department
without a steering group is shown as a problem with its fix."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from portfolio.storage import Database

DEMO = "Demo Kommune"


def test_a_department_without_a_steering_group_is_shown_with_its_fix(
    app: Callable[..., AppTest], demo_db: Database
) -> None:
    with demo_db.transaction() as store:
        store.con.execute("INSERT INTO departments (organisation, name) VALUES (?, 'Kultur')",
                          [DEMO])
    at = app("organisation", lang="da")
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert any("Kultur (Demo Kommune) hører ikke til nogen styregruppe" in w
               and "Vælg dens styregruppe" in w for w in warnings), warnings


def test_an_administrator_adds_a_steering_group_and_a_department_to_it(
    app: Callable[..., AppTest], demo_db: Database
) -> None:
    at = app("organisation", lang="en")
    at.selectbox(key="group_pick").set_value("").run()
    at.text_input(key="group_name_").set_value("Kulturudvalget")
    at.text_area(key="emails_").set_value("kultur@demo.dk")
    at.text_input(key="meetings_").set_value("2030-01-06, 03-02-2030")
    at.button[[b.label for b in at.button].index("Save steering group")].click().run()
    assert not at.exception
    # saved: the form that adds a group is empty for the next one
    assert at.text_input(key="group_name_").value == "" and at.text_area(key="emails_").value == ""
    at.text_input(key="dep_name").set_value("Kultur")
    at.selectbox(key="dep_group").set_value("Kulturudvalget")
    at.button[[b.label for b in at.button].index("Save department")].click().run()
    assert not at.exception
    assert at.text_input(key="dep_name").value == ""

    with demo_db.reading() as store:
        group = store.steering_groups.get(DEMO, "Kulturudvalget")
        assert group is not None and group.emails == ("kultur@demo.dk",)
        assert [d.isoformat() for d in group.meeting_dates] == ["2030-01-06", "2030-02-03"]
        assert store.departments.get("Kultur", DEMO).steering_group == "Kulturudvalget"
        actions = {(e.action, e.entity) for e in store.audit.recent(20)}
    assert {("create", "steering_group"), ("create", "department")} <= actions


def test_a_bad_address_is_refused_next_to_its_field_in_danish(
    app: Callable[..., AppTest], demo_db: Database
) -> None:
    at = app("organisation", lang="da")
    at.text_input(key="person_name").set_value("Mette Holm")
    at.text_input(key="person_email").set_value("ikke-en-adresse")
    at.button[[b.label for b in at.button].index("Gem person")].click().run()
    assert not at.exception
    assert at.error, "the refusal is shown"
    assert at.text_input(key="person_email").value == "ikke-en-adresse"  # kept to correct
    with demo_db.reading() as store:
        assert store.people.get("Mette Holm") is None

    at.text_input(key="person_email").set_value("mette.holm@demo.dk")
    at.button[[b.label for b in at.button].index("Gem person")].click().run()
    assert not at.exception and not at.error
    assert at.text_input(key="person_name").value == ""  # saved: empty for the next one
    assert at.text_input(key="person_email").value == ""
    with demo_db.reading() as store:
        assert store.people.get("Mette Holm", DEMO).email == "mette.holm@demo.dk"

