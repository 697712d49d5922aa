"""The Data page in AppTest: upload, preview, report, mapping, commit, quality, warehouse switch, settings.

Each test works on its own copy of the small demo warehouse, because the page writes to it.
Values shown are checked against the engine (cs_lib.quality, cs_lib.metrics.kpis) on the same file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cs_lib.filters import Filters
from cs_lib.metrics import kpis
from cs_lib.present.cards import kpi_card
from cs_lib.quality import quality_report
from cs_lib.settings import load_settings

APP = "../app.py"
DATA_PAGE = "app_pages/data/data.py"
TIMEOUT = 180


def assert_ran_cleanly(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.fixture
def db(small_demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "company.duckdb"
    shutil.copyfile(small_demo_db, path)
    monkeypatch.setenv("CS_COCKPIT_DB", str(path))
    return path


def data_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.context["locale"] = "en-US" if lang == "en" else "ja-JP"
    at.run()
    at.switch_page(DATA_PAGE).run()
    assert_ran_cleanly(at)
    return at


def test_the_page_shows_the_quality_report_of_the_engine_in_both_languages(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        expected = quality_report(con)
    for lang, rows_header in (("en", "Rows"), ("ja", "行数")):
        at = data_page(lang)
        shown = at.dataframe[0].value
        assert list(shown[rows_header]) == list(expected["rows"])
        assert at.title[0].value == ("Data" if lang == "en" else "データ")


def test_upload_preview_report_mapping_commit(db: Path) -> None:
    at = data_page()
    with duckdb.connect(str(db), read_only=True) as con:
        before = kpis.kpis_at(con, None, Filters(), load_settings(con))
        as_of = before["as_of"]
    accounts = "取引先ID,account_name,segment\nNEW1,Newco,SMB\n".encode("cp932")
    subscriptions = f"subscription_id,account_id,product,start_date,mrr\nNEWS1,NEW1,Core,{as_of}-01,\"1,000\"\n"
    at.file_uploader(key="data_upload").set_value([
        ("accounts.csv", accounts, "text/csv"), ("subscriptions.csv", subscriptions.encode(), "text/csv"),
    ]).run()
    assert not at.exception
    preview = at.dataframe[0].value.set_index("File")
    assert preview.loc["accounts.csv", "Encoding"] == "CP932"
    assert preview.loc["accounts.csv", "Extra columns (kept)"] == "取引先ID"
    assert preview.loc["subscriptions.csv", "Rows"] == 1
    # The report before anything is written: 取引先ID is not account_id yet.
    problems = at.dataframe[1].value
    assert ("accounts.csv", "account_id") in set(zip(problems["File"], problems["Column"], strict=True))
    assert at.button(key="data_commit").disabled

    at.selectbox(key="map_accounts_取引先ID").set_value("account_id").run()
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("No problems: 2 rows")
    at.button(key="data_commit").click().run()
    assert_ran_cleanly(at)

    with duckdb.connect(str(db), read_only=True) as con:
        after = kpis.kpis_at(con, None, Filters(), load_settings(con))
        assert con.execute("select source_header, column_name from column_mappings").fetchall() == [
            ("取引先id", "account_id")]
    assert after["arr"] == pytest.approx(before["arr"] + 12 * 1000)  # the new account's 1,000 a month
    at.switch_page("app_pages/overview/overview.py").run()  # the open app shows the new data without a restart
    assert_ran_cleanly(at)
    arr_card = kpi_card("arr", after, after, "en", "JPY", None)
    assert any(metric.value == arr_card.value for metric in at.metric)


def test_a_settings_edit_changes_the_overviews_numbers(db: Path) -> None:
    at = data_page()
    at.text_input(key="setting_gross_margin").set_value("50%")
    at.button[-1].click().run()  # the form's submit button
    assert_ran_cleanly(at)
    with duckdb.connect(str(db), read_only=True) as con:
        settings = load_settings(con)
        values = kpis.kpis_at(con, None, Filters(), settings)
    assert settings.gross_margin == 0.5
    at.switch_page("app_pages/overview/overview.py").run()
    assert_ran_cleanly(at)
    ltv = kpi_card("ltv", values, values, "en", "JPY", None)
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown[ltv.label] == ltv.value
    default_ltv = values["ltv"] / 0.5 * 0.8  # LTV is proportional to gross margin (METRICS.md §5)
    assert kpi_card("ltv", {**values, "ltv": default_ltv}, values, "en", "JPY", None).value != ltv.value


@pytest.mark.parametrize(("key", "value", "words"), [
    ("renewal_grace_days", "abc", "renewal_grace_days must be a whole number"),
    ("gross_margin", "-1", "gross_margin must be above 0"),
])
def test_a_bad_setting_is_refused_with_a_message_and_changes_nothing(db: Path, key: str, value: str, words: str):
    before = db.read_bytes()
    at = data_page()
    at.text_input(key=f"setting_{key}").set_value(value)
    at.button[-1].click().run()
    assert not at.exception
    assert any(words in error.value for error in at.error), [e.value for e in at.error]
    assert db.read_bytes() == before


def test_switching_the_warehouse_by_path(db: Path, small_demo_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    shutil.copyfile(small_demo_db, other)
    at = data_page()
    at.text_input(key="data_warehouse_path").set_value(str(other))
    at.button(key="data_warehouse_switch").click().run()
    assert_ran_cleanly(at)
    assert any("other.duckdb" in caption.value for caption in at.sidebar.caption)
    at.text_input(key="data_warehouse_path").set_value(str(tmp_path / "missing.duckdb"))
    at.button(key="data_warehouse_switch").click().run()
    assert any("is not an existing .duckdb file" in error.value for error in at.error)


def test_importing_into_a_new_warehouse_creates_it_and_switches_to_it(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cs_lib.app import warehouse_choice

    monkeypatch.setattr(warehouse_choice, "DATA_DIR", tmp_path / "data")
    good = Path(__file__).parent / "data" / "good"
    at = data_page()
    at.toggle(key="data_into_new").set_value(True).run()
    at.text_input(key="data_new_name").set_value("acme corp!").run()  # kept: letters, digits, - and _
    at.file_uploader(key="data_upload").set_value(
        [(path.name, path.read_bytes(), "text/csv") for path in sorted(good.iterdir())]
    ).run()
    assert_ran_cleanly(at)
    at.button(key="data_commit").click().run()
    assert_ran_cleanly(at)
    created = tmp_path / "data" / "acmecorp.duckdb"
    with duckdb.connect(str(created), read_only=True) as con:
        assert con.execute("select count(*) from raw_accounts").fetchone() == (2,)
    at.run()
    assert any("acmecorp.duckdb" in caption.value for caption in at.sidebar.caption)


def test_the_settings_editor_lists_every_setting_the_settings_module_knows(db: Path) -> None:
    from cs_lib.settings import editable_settings

    with duckdb.connect(str(db), read_only=True) as con:
        expected = editable_settings(load_settings(con))
    at = data_page()
    shown = {widget.key.removeprefix("setting_"): widget.value for widget in at.text_input
             if widget.key and widget.key.startswith("setting_")}
    assert shown == {key: "" if value is None else str(value) for key, value in expected.items()}
