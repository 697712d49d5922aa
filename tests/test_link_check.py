"""A shared link's unknown values are reported with what is valid (cs_lib.present.link_check)."""

from cs_lib.present.link_check import check_link, valid_values_hint

VALID = {"segment": ["Enterprise", "Mid-market", "SMB"], "csm": [f"CSM {i:02d}" for i in range(40)]}


def check(raw):
    return check_link(raw, valid_values=VALID, first_month="2022-11", last_month="2026-10", comparison_lags=(1, 3, 12))


def test_a_valid_link_has_no_problem():
    assert check({"segment": ["SMB", "Enterprise"], "as_of": ["2026-10"], "lang": ["en"], "compare": ["3"]}) == []


def test_an_empty_parameter_clears_a_filter_and_is_fine():
    assert check({"segment": [""]}) == []


def test_an_unknown_filter_value_lists_every_valid_value_when_there_are_few():
    [problem] = check({"segment": ["SMB", "Megacorp"]})
    assert (problem.kind, problem.parameter, problem.value) == ("unknown_value", "segment", "Megacorp")
    assert problem.message("en") == (
        "The link's Segment “Megacorp” matches no account and was ignored. Valid: Enterprise, Mid-market, SMB."
    )
    assert "セグメント「Megacorp」" in problem.message("ja")


def test_with_many_valid_values_the_closest_are_listed():
    [problem] = check({"csm": ["CSM 7"]})
    assert "CSM 07" in problem.valid.split(", ")[:5]  # difflib's closest five
    assert problem.valid.endswith("… (40)")
    assert valid_values_hint("zzz", VALID["csm"]) == "CSM 00, CSM 01, CSM 02, CSM 03, CSM 04, … (40)"


def test_as_of_months_malformed_and_outside():
    malformed, outside, before = check({"as_of": ["2099-13", "2099-12", "2022-10"]})
    assert malformed.kind == "malformed_month"
    assert (outside.kind, before.kind) == ("month_outside", "month_outside")
    assert outside.valid == "2022-11 – 2026-10"
    assert "2099-12" in outside.message("en") and "outside the data" in outside.message("en")


def test_unknown_language_and_comparison():
    language, comparison = check({"lang": ["fr"], "compare": ["6"]})
    assert (language.kind, language.valid) == ("unknown_language", "ja, en")
    assert (comparison.kind, comparison.valid) == ("unknown_comparison", "1, 3, 12")


def test_parameters_the_app_does_not_use_are_ignored():
    assert check({"utm_source": ["mail"]}) == []
