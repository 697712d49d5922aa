"""The benchmark's building blocks work on the small demo (no timing is asserted: machines differ)."""

from __future__ import annotations

import pytest

from cs_lib.bench import timings as bench

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


def test_overview_page_is_timed_through_apptest(small_demo_db):
    timings = bench.overview_timings(small_demo_db, reruns=1)
    assert set(timings) == {"first run", "rerun (cached), median", "rerun after a filter change"}
    assert all(seconds > 0 for seconds in timings.values())


def test_kpi_peak_memory_is_measured_for_engine_and_pandas(small_demo_db):
    peaks = bench.kpi_peak_rss(small_demo_db)
    assert peaks["engine"] > 0 and peaks["pandas"] > 0
