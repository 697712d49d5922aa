"""The benchmark's building blocks work on the small demo (no timing is asserted: machines differ).

The browser timing drives Debian's /usr/bin/chromium, like tests/test_browser.py: without it
that test fails rather than skips.
"""

from __future__ import annotations

import pytest

from cs_lib.bench import browser
from cs_lib.bench import timings as bench
from cs_lib.filters import FILTER_DIMENSIONS

MIB = 1024**2


@pytest.fixture(scope="module")
def timings(small_demo_db) -> list[bench.QueryTiming]:
    return bench.query_timings(small_demo_db, runs=1, pandas_runs=1)


def test_query_timings_name_every_query_with_and_without_a_filter(timings):
    scopes = {timing.scope for timing in timings}
    assert "no filter" in scopes and len(scopes) == 2
    for scope in scopes:
        assert [t.query for t in timings if t.scope == scope] == list(bench.QUERIES)


def test_every_ratio_is_a_positive_number(timings):
    for timing in timings:
        assert timing.ratio > 0
        assert 0 < timing.pandas_compute_seconds <= timing.pandas_seconds


def test_table_rows_line_up_under_the_header(timings):
    table = bench.render_table(bench.query_rows("small", timings))
    header, rule, *rows = table.splitlines()
    assert len(rows) == len(timings)
    assert rule.split() == ["-" * len(word) for word in rule.split()] and len(rule.split()) == len(bench.COLUMNS)
    # Aligned: where the rule has a gap between columns, every line has a blank.
    gaps = [i for i, char in enumerate(rule) if char == " "]
    for line in [header, *rows]:
        assert all(line[i] == " " for i in gaps if i < len(line)), line


def test_a_child_process_reports_its_own_peak_memory():
    # The child holds 200 MiB; its peak RSS must show it.
    run = bench.run_python("-c", "import sys; block = b'x' * int(sys.argv[1]); print(len(block))", str(200 * MIB))
    assert run.stdout.strip() == str(200 * MIB)
    assert run.peak_rss_bytes > 200 * MIB


def test_a_child_does_not_inherit_the_parents_memory():
    # rusage would report at least the parent's RSS at fork; VmHWM of the child's own image does not.
    ballast = b"x" * (400 * MIB)
    run = bench.run_python("-c", "pass")
    assert run.peak_rss_bytes < 200 * MIB < len(ballast)


def test_every_filter_change_is_a_new_combination_and_product_gets_a_pair():
    options = {"segment": ["A", "B", "C", "D"], "region": ["X"], "product": ["p1", "p2", "p3"]}
    plan = bench.filter_change_plan(options, per_dimension=3)
    assert plan == [
        ("segment", ("A",)), ("segment", ("B",)), ("segment", ("C",)), ("region", ("X",)),
        ("product", ("p1",)), ("product", ("p2",)), ("product", ("p3",)), ("product", ("p1", "p2")),
    ]  # fmt: skip
    assert len(set(plan)) == len(plan)


def test_filter_changes_are_timed_through_apptest_per_dimension(small_demo_db):
    timings = bench.overview_timings(small_demo_db, reruns=1, per_dimension=1)
    assert timings.first_run > 0 and timings.cached_rerun > 0
    medians = timings.dimension_medians()
    assert list(medians) == list(FILTER_DIMENSIONS)  # product included
    assert all(seconds > 0 for seconds in medians.values())
    assert ("product", 2) in {(c.dimension, len(c.values)) for c in timings.filter_changes}
    combinations = [(c.dimension, c.values) for c in timings.filter_changes]
    assert len(set(combinations)) == len(combinations)
    assert timings.filter_change_median > 0

    rows = bench.overview_rows("default", timings)
    measures = [row[1] for row in rows]
    assert [m for m in measures if m.startswith("Overview filter change")] == [
        *(f"Overview filter change, {d}: median of {2 if d == 'product' else 1} new" for d in FILTER_DIMENSIONS),
        f"Overview filter change, all: median of {len(combinations)} new",
    ]
    # Reruns are judged against the target of their size; no wall-clock limit is asserted here.
    assert all(row[6] == "< 100.0 ms" and row[7] in ("yes", "NO") for row in rows[1:])


def test_browser_picks_are_new_and_cover_every_dimension_and_a_product_pair():
    options = {dimension: [f"{dimension}{i}" for i in range(3)] for dimension in browser.DIMENSIONS}
    plan = browser.new_combinations(options, 10)
    assert len(set(plan)) == len(plan) == 10
    assert {dimension for dimension, _ in plan} == set(browser.DIMENSIONS)
    assert ("product", ("product0", "product1")) in plan
    with pytest.raises(ValueError):
        browser.new_combinations({"segment": ["A"]}, 2)


def test_a_missing_chromium_is_reported_not_raised(monkeypatch, tmp_path):
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "no-chromium")
    timings, problem = bench.measure_browser("small", tmp_path / "unused.duckdb")
    assert timings is None and "no-chromium is missing" in problem
    (row,) = bench.browser_rows("small", timings, problem)
    assert "not measured" in row[1] and "missing" in row[1]


def test_browser_timing_clicks_filters_in_chromium(small_demo_db):
    assert browser.CHROMIUM.exists(), f"{browser.CHROMIUM} is missing: `make test` installs it"
    timings = browser.browser_filter_timings(small_demo_db, combinations=2, timeout_seconds=60)
    assert [pick.dimension for pick in timings.picks] == ["industry", "region"]  # after the segment warm-up
    for pick in [timings.warm_up, *timings.picks]:
        assert 0 < pick.run_start_seconds <= pick.run_end_seconds <= pick.seconds
    assert timings.median > 0 and timings.first_load_seconds > 0
    rows = bench.browser_rows("default", timings)
    assert rows[1][1] == "Browser filter click -> settled, median of 2 new" and rows[1][6] == "< 400.0 ms"


def test_kpi_peak_memory_is_measured_for_engine_and_pandas(small_demo_db):
    peaks = bench.kpi_peak_rss(small_demo_db)
    assert peaks["engine"] > 0 and peaks["pandas"] > 0


def test_health_and_risk_filter_changes_are_measured(small_demo_db):
    from cs_lib.bench.health_timings import ANSWERS, health_rows, health_timings

    history_seconds, changes = health_timings(small_demo_db)
    assert history_seconds >= 0 and set(changes) == set(ANSWERS)
    assert all(len(seconds) == len(FILTER_DIMENSIONS) for seconds in changes.values())
    rows = health_rows("large", small_demo_db)
    assert [row[1].split(" per ")[0] for row in rows[1:]] == ["health", "risk", "alerts"]
    assert all(row[6] == "< 1.00 s" for row in rows[1:])


# --- Retention, Growth and Segments pages (issue 7) ---
def test_page_query_timings_cover_every_call_of_the_three_pages(small_demo_db):
    from cs_lib.bench.retention_growth import PAGE_CALLS, page_query_timings

    rows = page_query_timings(small_demo_db, runs=1)
    expected = [(page, name) for page, names in PAGE_CALLS.items() for name in names]
    for scope in ("no filter",):
        assert [(row["page"], row["query"]) for row in rows if row["scope"] == scope] == expected
    assert len({row["scope"] for row in rows}) == 2
    assert all(row["seconds"] > 0 for row in rows)


# --- The batch build timing (issue 12) ---
def test_the_batch_bench_exports_every_contract_table_the_demo_has(small_demo_db, tmp_path):
    import duckdb

    from cs_lib import schema
    from cs_lib.bench.batch_speed import export_contract_files

    export_contract_files(small_demo_db, tmp_path)
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        for table in schema.TABLES:
            stored = con.execute(f"select count(*) from {table.raw_name}").fetchone()[0]
            exported = tmp_path / f"{table.name}.parquet"
            if stored == 0:
                assert not exported.exists()
                continue
            relation = duckdb.sql(f"select * from read_parquet('{exported}')")
            assert relation.columns == [column.name for column in table.columns]
            assert len(relation.fetchall()) == stored


def test_the_batch_bench_rows_line_up_with_the_table():
    from cs_lib.bench.batch_speed import batch_rows
    from cs_lib.bench.report import ChildRun

    rows = batch_rows("default", {"duckdb": ChildRun(4.2, 1, ""), "spark": ChildRun(61.0, 1, "")})
    assert [row[2] for row in rows] == ["4.20 s", "61.00 s"]
    assert all(len(row) == len(bench.COLUMNS) for row in rows)
    assert "spark" in bench.render_table(rows)
