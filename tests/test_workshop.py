"""The workshop: answers never lost under concurrency, re-submission replaces, closing records
the answers as maturity assessments (METRICS.md §11), exports."""

from __future__ import annotations

import json
import threading
from datetime import date

import duckdb
import pytest

from cs_lib.cli import main
from cs_lib.metrics import maturity
from cs_lib.present.tables import csv_bytes
from cs_lib.workshop.close import close_workshop
from cs_lib.workshop.export import answers_table, summary_markdown
from cs_lib.workshop.results import department_results
from cs_lib.workshop.store import CODE_ALPHABET, CODE_LENGTH, WorkshopError, WorkshopStore, workshop_path
from tests.maturity_fixtures import AS_OF, build_maturity_warehouse

PARTICIPANTS = 50


@pytest.fixture
def warehouse_file(tmp_path):
    return build_maturity_warehouse(tmp_path / "w.duckdb")


@pytest.fixture
def store(warehouse_file):
    opened = WorkshopStore(workshop_path(warehouse_file))
    yield opened
    opened.close()


def test_a_workshop_gets_a_short_join_code_and_checks_its_input(store):
    workshop = store.open_workshop(" Spring review ", "Alpha", ["sales", "cs"], 3)
    assert len(workshop.code) == CODE_LENGTH and set(workshop.code) <= set(CODE_ALPHABET)
    assert workshop.departments == ("sales", "cs") and workshop.is_open  # contract order
    assert store.workshop(workshop.code.lower()) == workshop  # codes read case-insensitively
    for bad in (("", "Alpha", ["cs"], 3), ("T", "Alpha", ["finance"], 3), ("T", "Alpha", ["cs"], 5)):
        with pytest.raises(WorkshopError):
            store.open_workshop(*bad)


def test_fifty_participants_submitting_at_once_all_land_once(store, warehouse_file, monkeypatch):
    # Through the page's own path: the app's per-process store of the app's warehouse.
    from cs_lib.app.workshop import workshop_store

    monkeypatch.setenv("CS_COCKPIT_DB", str(warehouse_file))
    workshop = store.open_workshop("Live", "Alpha", ["cs", "sales"], 3)
    errors: list[Exception] = []
    start = threading.Barrier(PARTICIPANTS)

    def participate(number: int) -> None:
        try:
            start.wait()
            workshop_store().submit(
                workshop.code, f"participant-{number:02d}", {"cs": 1 + number % 4, "sales": 2}, "ok"
            )
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=participate, args=(number,)) for number in range(PARTICIPANTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    answers = store.latest_answers(workshop.code)
    assert answers["participant_id"].nunique() == PARTICIPANTS
    assert len(answers) == PARTICIPANTS * 2  # one row per participant and department, no duplicate
    assert store.submission_count(workshop.code) == PARTICIPANTS
    expected = {f"participant-{n:02d}": 1 + n % 4 for n in range(PARTICIPANTS)}
    cs = answers[answers["department"] == "cs"]
    assert dict(zip(cs["participant_id"], cs["level"], strict=True)) == expected


def test_concurrent_resubmissions_keep_each_participants_latest_answer(store):
    workshop = store.open_workshop("Live", "Alpha", ["cs"], 3)
    start = threading.Barrier(PARTICIPANTS)

    def participate(number: int) -> None:
        start.wait()
        store.submit(workshop.code, f"p{number}", {"cs": 1})
        store.submit(workshop.code, f"p{number}", {"cs": 4})  # changed their mind

    threads = [threading.Thread(target=participate, args=(number,)) for number in range(PARTICIPANTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers = store.latest_answers(workshop.code)
    assert len(answers) == PARTICIPANTS and set(answers["level"]) == {4}
    assert store.submission_count(workshop.code) == 2 * PARTICIPANTS


def test_a_resubmission_replaces_the_answer_never_duplicates(store):
    workshop = store.open_workshop("Live", "Alpha", ["cs"], 3)
    store.submit(workshop.code, "p1", {"cs": 1}, "first", "Aiko")
    store.submit(workshop.code, "p1", {"cs": 4}, "second thoughts", "Aiko")
    answers = store.latest_answers(workshop.code)
    assert len(answers) == 1 and answers.iloc[0]["level"] == 4 and answers.iloc[0]["comment"] == "second thoughts"
    assert store.participant_answer(workshop.code, "p1") == {
        "levels": {"cs": 4}, "comment": "second thoughts", "respondent": "Aiko"}
    assert store.submission_count(workshop.code) == 2  # both kept (appended), the latest wins


def test_bad_answers_and_unknown_codes_are_refused(store):
    workshop = store.open_workshop("Live", "Alpha", ["cs", "sales"], 3)
    with pytest.raises(WorkshopError, match="missing sales"):
        store.submit(workshop.code, "p1", {"cs": 2})
    with pytest.raises(WorkshopError, match="1, 2, 3 or 4"):
        store.submit(workshop.code, "p1", {"cs": 2, "sales": 7})
    with pytest.raises(WorkshopError, match="no workshop"):
        store.submit("ZZZZZZ", "p1", {"cs": 2, "sales": 2})
    assert store.latest_answers(workshop.code).empty


def test_the_room_result_per_department(store):
    # cs answers 1, 2, 4: mean 7/3, spread sqrt(7/3) = 1.528 ≥ 0.8 → disagreement; gap 7/3 - 3 = -2/3.
    # sales answers 3, 3, 3: mean 3, spread 0 → consensus, gap 0.
    workshop = store.open_workshop("Live", "Alpha", ["cs", "sales"], 3)
    for number, level in enumerate((1, 2, 4)):
        store.submit(workshop.code, f"p{number}", {"cs": level, "sales": 3})
    results = department_results(store.latest_answers(workshop.code), workshop, 0.8).set_index("department")
    assert results.loc["sales", "verdict"] == "consensus" and results.loc["sales", "gap"] == 0
    assert results.loc["cs", "verdict"] == "disagreement"
    assert results.loc["cs", "mean"] == pytest.approx(7 / 3)
    assert results.loc["cs", "spread"] == pytest.approx((7 / 3) ** 0.5)
    assert results.loc["cs", "gap"] == pytest.approx(7 / 3 - 3)
    assert list(results.loc["cs", ["level_1", "level_2", "level_3", "level_4"]]) == [1, 1, 0, 1]


def test_closing_records_one_assessment_per_participant_in_the_maturity_page(store, warehouse_file):
    # Alpha/sales had {1, 2, 4} on 2025-06-01; the workshop closes on 2025-06-25 with {3, 4}: its latest round
    # is 06-11..06-25 = {3, 4} → level 3.5 (the old answers are 24 days before: the previous round, 7/3).
    workshop = store.open_workshop("Live", "Alpha", ["sales"], 3)
    store.submit(workshop.code, "p1", {"sales": 3}, respondent="Aiko")
    store.submit(workshop.code, "p2", {"sales": 2})
    store.submit(workshop.code, "p2", {"sales": 4})  # changed their mind
    closed = close_workshop(store, workshop.code, warehouse_file, today=date(2025, 6, 25))
    assert (closed.assessments, closed.rows) == (2, 2)
    assert closed.workshop.closed_on == date(2025, 6, 25) and closed.workshop.recorded_at is not None
    with pytest.raises(WorkshopError, match="closed"):
        store.submit(workshop.code, "p3", {"sales": 1})
    with duckdb.connect(str(warehouse_file), read_only=True) as con:
        rows = con.execute(
            "select assessment_id, respondent, level from stg_maturity_assessments where assessment_id like 'WS-%' "
            "order by 1"
        ).fetchall()
        levels = maturity.department_levels(con, AS_OF).set_index(["business_unit", "department"])
    sales = levels.loc[("Alpha", "sales")]
    assert rows == [(f"WS-{workshop.code}-001", "Aiko", 3), (f"WS-{workshop.code}-002", None, 4)]
    assert sales["level"] == pytest.approx(3.5) and sales["respondents"] == 2
    assert sales["previous_level"] == pytest.approx(7 / 3)
    # Closing again records nothing twice (the importer upserts by assessment id and department).
    close_workshop(store, workshop.code, warehouse_file, today=date(2025, 6, 30))
    with duckdb.connect(str(warehouse_file), read_only=True) as con:
        stored = con.execute("select count(*) from raw_maturity_assessments where assessment_id like 'WS-%'").fetchone()
    assert stored == (2,)


def test_exports_answers_and_a_one_page_summary(store):
    workshop = store.open_workshop("Live", "Alpha", ["cs"], 3)
    store.submit(workshop.code, "p1", {"cs": 2}, "=cmd|' /C calc'!A0", "Aiko")
    table = answers_table(store, workshop)
    assert list(table.columns)[:4] == ["code", "title", "business_unit", "participant"]
    assert table.iloc[0]["level"] == 2 and table.iloc[0]["respondent"] == "Aiko"
    assert "'=cmd" in csv_bytes(table).decode("utf-8-sig")  # a comment cannot run as a spreadsheet formula
    summary = summary_markdown(store, workshop, 0.8, "en")
    assert summary.startswith("# Live\n") and "| Customer success | 1 | 2.00 | – | too few answers | -1.00 |" in summary


def test_cli_exports_a_workshop_and_refuses_an_unknown_code(store, warehouse_file, capsys):
    workshop = store.open_workshop("Live", "Alpha", ["cs"], 3)
    store.submit(workshop.code, "p1", {"cs": 2})
    store.close()  # the CLI opens the workshop file itself
    assert main(["workshop", "export", "--db", str(warehouse_file), "--code", workshop.code, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(row["department"], row["level"]) for row in rows] == [("cs", 2)]
    assert main(["workshop", "export", "--db", str(warehouse_file), "--code", "NOPE12"]) == 2
    assert capsys.readouterr().err.startswith("cs_lib: error: no workshop has the code 'NOPE12'")


def test_cli_maturity_prints_one_row_per_unit_and_department(warehouse_file, capsys):
    assert main(["maturity", "--db", str(warehouse_file), "--as-of", AS_OF, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    cs = next(row for row in rows if (row["business_unit"], row["department"]) == ("Alpha", "cs"))
    assert cs == {"business_unit": "Alpha", "department": "cs", "level": 3.5, "spread": pytest.approx(0.5**0.5),
                  "respondents": 2, "assessed_on": "2025-06-20"}
    assert main(["maturity", "--db", str(warehouse_file), "--as-of", "2031-01"]) == 2
    assert "cs_lib: error:" in capsys.readouterr().err


def test_department_descriptions_are_editable_and_reset_to_the_default(store):
    assert store.department_roles() == {}
    store.set_department_roles({"sales": "  Shares   renewal risk  ", "cs": "Owns the journey"})
    assert store.department_roles() == {"sales": "Shares renewal risk", "cs": "Owns the journey"}
    store.set_department_roles({"sales": ""})  # empty: back to the default wording
    assert store.department_roles() == {"cs": "Owns the journey"}
    with pytest.raises(WorkshopError, match="unknown departments: finance"):
        store.set_department_roles({"finance": "Pays"})
