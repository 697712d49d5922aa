"""The Maturity & culture and Workshop pages, the participant form and the passcode gate, run with
AppTest on the small demo; every figure shown is checked against the engine."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cs_lib.access import NETWORK_ENV_VAR
from cs_lib.filters import Filters
from cs_lib.metrics import kpis, maturity
from cs_lib.present import maturity as words
from cs_lib.present.i18n import t
from cs_lib.settings import load_settings, save_settings
from cs_lib.workshop.store import WorkshopStore, workshop_path

APP = "../app.py"
MATURITY_PAGE = "app_pages/maturity/maturity.py"
WORKSHOP_PAGE = "app_pages/workshop/workshop.py"
TIMEOUT = 120


@pytest.fixture
def demo_copy(small_demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the small demo (a workshop's closing writes to it), served by the app."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(small_demo_db, path)
    monkeypatch.setenv("CS_COCKPIT_DB", str(path))
    monkeypatch.delenv(NETWORK_ENV_VAR, raising=False)
    return path


def run_page(page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


def assert_ran_cleanly(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def engine(path: Path, function, *args, as_of: str | None = None):
    with duckdb.connect(str(path), read_only=True) as con:
        settings = load_settings(con)
        as_of = as_of or kpis.month_range(con).last_month
        return function(con, as_of, *args, settings=settings), settings


def test_maturity_page_shows_the_engines_figures(demo_copy: Path):
    at = run_page(MATURITY_PAGE, lang="en")
    assert_ran_cleanly(at)
    assert at.title[0].value == "Maturity & culture"
    company, _ = engine(demo_copy, maturity.company_maturity)
    levels, settings = engine(demo_copy, maturity.department_levels)
    shown = {metric.label: metric.value for metric in at.metric}
    expected = words.headline_cards(company, levels, "en", settings.maturity_high_spread)
    assert shown == {card.label: card.value for card in expected}
    assert shown["Company maturity"] == f"{company.maturity:.2f} / 4"
    assert len(at.get("vega_lite_chart")) == 4  # heatmap, culture, GRR and NRR against maturity
    fits, _ = engine(demo_copy, maturity.maturity_vs_retention)
    sentences = [markdown.value for markdown in at.markdown]
    assert f":small[{words.fit_sentence(fits.grr, 'en')}]" in sentences
    assert f":small[{words.fit_sentence(fits.nrr, 'en')}]" in sentences


def test_maturity_page_follows_the_business_unit_filter(demo_copy: Path):
    with duckdb.connect(str(demo_copy), read_only=True) as con:
        unit = kpis.dimension_values(con, "business_unit")[0]
    at = run_page(MATURITY_PAGE, lang="en", business_unit=unit)
    assert_ran_cleanly(at)
    company, _ = engine(demo_copy, maturity.company_maturity, Filters(business_unit=(unit,)))
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown["Business units assessed"] == "1"
    assert shown["Company maturity"] == f"{company.maturity:.2f} / 4"
    # With one unit the line cannot be fitted, and the page says the evidence is thin.
    thin = [warning.value for warning in at.warning if "Thin evidence" in warning.value]
    assert len(thin) == 1 and "business units in the fit: 1," in thin[0]


def test_maturity_page_in_japanese(demo_copy: Path):
    at = run_page(MATURITY_PAGE)
    assert_ran_cleanly(at)
    assert at.title[0].value == "成熟度・企業文化"
    assert [metric.label for metric in at.metric][0] == t("maturity.company", "ja")


def open_workshop_in_the_app(title: str = "Q4 review") -> tuple[AppTest, str]:
    at = run_page(WORKSHOP_PAGE, lang="en")
    assert_ran_cleanly(at)
    at.text_input(key="workshop_title").input(title)
    at.multiselect(key="workshop_departments").set_value(["sales", "cs"])
    at.button[0].click()  # the form's submit button (the first button on the page)
    at.run()
    assert_ran_cleanly(at)
    code = at.query_params["workshop"]
    return at, code[0] if isinstance(code, list) else code


def test_a_workshop_from_opening_to_the_maturity_page(demo_copy: Path):
    facilitator, code = open_workshop_in_the_app()
    assert any(metric.value == code for metric in facilitator.metric)  # the join code is shown
    unit = WorkshopStore(workshop_path(demo_copy)).workshop(code).business_unit
    # Three participants answer through the form, one of them twice.
    for participant, (sales, cs) in (("p-one", (4, 4)), ("p-two", (2, 3)), ("p-three", (3, 3)), ("p-two", (3, 3))):
        form = run_page(code=code, pid=participant, lang="en")
        assert_ran_cleanly(form)
        assert not form.sidebar.children or all(not child for child in form.sidebar.children.values())
        form.radio(key="level_sales").set_value(sales)
        form.radio(key="level_cs").set_value(cs)
        form.button[0].click()
        form.run()
        assert_ran_cleanly(form)
        assert form.success[0].value == t("join.thanks", "en")
    facilitator.run()
    assert_ran_cleanly(facilitator)
    assert {metric.label: metric.value for metric in facilitator.metric}["Answers received"] == "3"
    facilitator.button(key="close_workshop").click()
    facilitator.run()
    assert_ran_cleanly(facilitator)
    assert facilitator.success[0].value.startswith("Closed: 3 participants recorded")
    # From the month it closed, the maturity page reads the workshop's round: sales = mean(4, 3, 3).
    levels, _ = engine(demo_copy, maturity.department_levels, as_of=date.today().strftime("%Y-%m"))
    sales = levels[(levels["business_unit"] == unit) & (levels["department"] == "sales")].iloc[0]
    assert sales["level"] == pytest.approx(10 / 3) and sales["respondents"] == 3
    closed = run_page(code=code, pid="p-four", lang="en")
    assert closed.info[0].value == t("join.closed", "en")


def test_a_wrong_join_code_is_refused_and_shows_nothing_else(demo_copy: Path):
    form = run_page(code="WRONG1", lang="en")
    assert form.error[0].value == t("join.bad_code", "en")
    assert not form.metric and not form.get("vega_lite_chart") and not form.get("radio")


def test_on_a_network_without_a_passcode_nothing_opens(demo_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(NETWORK_ENV_VAR, "1")
    for page in (None, MATURITY_PAGE, WORKSHOP_PAGE):
        locked = run_page(page, lang="en")
        assert locked.error[0].value == t("access.not_set", "en")
        assert not locked.metric and not locked.get("vega_lite_chart") and not locked.sidebar.children


def test_on_a_network_every_page_waits_for_the_passcode(demo_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(NETWORK_ENV_VAR, "1")
    con = duckdb.connect(str(demo_copy))
    save_settings(con, ["access_passcode=correct horse"])
    stored = con.execute("select value from settings where key = 'access_passcode'").fetchone()[0]
    con.close()
    assert stored.startswith("scrypt$") and "correct horse" not in stored  # kept hashed, salted
    gate = run_page(MATURITY_PAGE, lang="en")
    assert not gate.metric and gate.text_input(key="access_passcode")
    gate.text_input(key="access_passcode").input("wrong guess")
    gate.button[0].click()
    gate.run()
    assert gate.error[0].value == t("access.wrong", "en") and not gate.metric
    gate.text_input(key="access_passcode").input("correct horse")
    gate.button[0].click()
    gate.run()
    assert_ran_cleanly(gate)
    assert len(gate.metric) >= 4  # the page itself, once the passcode was given


def test_on_a_network_a_participant_needs_only_the_join_code(demo_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(NETWORK_ENV_VAR, "1")
    con = duckdb.connect(str(demo_copy))
    save_settings(con, ["access_passcode=correct horse"])
    con.close()
    store = WorkshopStore(workshop_path(demo_copy))
    code = store.open_workshop("Room", "SMB", ["cs"], 3).code
    form = run_page(MATURITY_PAGE, code=code, lang="en")  # whatever page the link names: only the form
    assert_ran_cleanly(form)
    assert form.title[0].value == "Room" and [radio.label for radio in form.radio] == ["Customer success"]
    assert not form.metric and not form.get("vega_lite_chart")
    assert [box.label for box in form.text_input] == [t("join.name", "en")]  # no passcode asked


def test_with_single_sign_on_configured_a_network_visitor_must_sign_in(demo_copy: Path, monkeypatch):
    monkeypatch.setenv(NETWORK_ENV_VAR, "1")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["auth"] = {
        "redirect_uri": "http://cockpit.example:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "cockpit", "client_secret": "secret",
        "server_metadata_url": "https://login.example/.well-known/openid-configuration",
    }
    at.switch_page(MATURITY_PAGE)
    at.run()
    assert_ran_cleanly(at)
    assert at.title[0].value == t("access.title_sso", "ja")
    assert [button.label for button in at.button] == [t("access.sign_in", "ja")]
    assert not at.metric and not at.get("vega_lite_chart") and not at.text_input  # no passcode box, no data


def test_the_cross_functional_descriptions_are_edited_on_the_page(demo_copy: Path):
    at = run_page(MATURITY_PAGE, lang="en")
    default = t("maturity.role.sales", "en")
    assert at.text_input(key="role_sales").value == default
    at.text_input(key="role_sales").input("Hands the risk list to account executives every Monday")
    at.button[-1].click()  # the form's Save
    at.run()
    assert_ran_cleanly(at)
    assert WorkshopStore(workshop_path(demo_copy)).department_roles() == {
        "sales": "Hands the risk list to account executives every Monday"}
    shown = at.dataframe[-1].value  # the cross-functional table
    assert "Hands the risk list to account executives every Monday" in shown.to_string()


def test_when_another_process_holds_the_workshop_file_the_pages_say_so(demo_copy: Path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True);"
         " time.sleep(60)", str(workshop_path(demo_copy))],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        workshop = run_page(WORKSHOP_PAGE, lang="en")
        assert not workshop.exception
        assert workshop.error[0].value.startswith("The workshops cannot be opened:")
        page = run_page(MATURITY_PAGE, lang="en")
        assert_ran_cleanly(page)  # the maturity figures do not need the workshop file
        assert t("maturity.roles_busy", "en") in [caption.value for caption in page.caption]
    finally:
        holder.kill()
        holder.wait()


def test_the_workshop_pages_in_japanese(demo_copy: Path):
    store = WorkshopStore(workshop_path(demo_copy))
    code = store.open_workshop("成熟度ワークショップ", "SMB事業部", ["cs", "it"], 4).code
    store.submit(code, "p1", {"cs": 3, "it": 1}, "データ連携が課題", "佐藤")
    facilitator = run_page(WORKSHOP_PAGE, workshop=code)
    assert_ran_cleanly(facilitator)
    shown = {metric.label: metric.value for metric in facilitator.metric}
    assert shown[t("workshop.participants", "ja")] == "1" and shown[t("workshop.join_code", "ja")] == code
    assert shown[t("workshop.target", "ja")] == t("maturity.level.4", "ja")
    form = run_page(code=code, pid="p1")
    assert_ran_cleanly(form)
    # Departments in the contract's order (it before cs), each with the participant's answer, ready to change.
    assert [radio.label for radio in form.radio] == [t("department.it", "ja"), t("department.cs", "ja")]
    assert [radio.value for radio in form.radio] == [1, 3]
    assert form.info[0].value == t("join.editing", "ja")
