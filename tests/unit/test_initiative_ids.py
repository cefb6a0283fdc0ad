"""A new initiative's suggested id follows its department's pattern (issue #19)."""

from __future__ import annotations

from portfolio.initiative_ids import initials, suggest_id


def test_the_next_number_in_the_departments_own_pattern_is_suggested():
    own = ["SB-01", "SB-02", "SB-07"]
    assert suggest_id("Social og Beskæftigelse", own, set(own)) == "SB-08"


def test_a_suggestion_skips_an_id_another_department_holds():
    assert suggest_id("Social og Beskæftigelse", ["SB-01"], {"SB-01", "SB-02"}) == "SB-03"


def test_a_department_without_initiatives_gets_its_initials():
    assert suggest_id("Børn og Unge", [], set()) == "BU-01"
    assert initials("Teknik og Miljø") == "TM"
    assert initials("Ældre & Sundhed") == "AES"
