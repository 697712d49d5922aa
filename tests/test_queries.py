"""The app's one query entry point: answers cached per warehouse version and arguments, copied out.

And the chart widget's Arrow rows: what Streamlit receives must be the spec's rows, with
undefined numbers as null (as Streamlit's own DataFrame path sends them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from cs_lib.app import queries
from cs_lib.app.widgets import _arrow_bytes

CALLS: list[tuple] = []


def count_accounts(con, segment: str) -> pd.DataFrame:
    """An engine-shaped function (connection first) that records each real call."""
    CALLS.append((segment,))
    sql = "select count(*) from stg_accounts where segment = $segment"
    (count,) = con.execute(sql, {"segment": segment}).fetchone()
    return pd.DataFrame({"segment": [segment], "accounts": [count]})


@pytest.fixture
def warehouse(small_demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CS_COCKPIT_DB", str(small_demo_db))
    queries.clear_cache()
    CALLS.clear()
    return small_demo_db


def test_a_repeated_question_is_answered_from_the_cache(warehouse: Path):
    first = queries.query(count_accounts, "SMB")
    second = queries.query(count_accounts, "SMB")
    assert CALLS == [("SMB",)]
    assert second.equals(first)
    queries.query(count_accounts, "Enterprise")  # other arguments: a new answer
    assert CALLS == [("SMB",), ("Enterprise",)]


def test_changing_an_answer_does_not_change_the_cached_one(warehouse: Path):
    answer = queries.query(count_accounts, "SMB")
    expected = int(answer.loc[0, "accounts"])
    answer.loc[0, "accounts"] = -1
    assert int(queries.query(count_accounts, "SMB").loc[0, "accounts"]) == expected


def test_a_rewritten_warehouse_is_read_afresh(warehouse: Path):
    queries.query(count_accounts, "SMB")
    stat = warehouse.stat()
    os.utime(warehouse, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # as an import's swap would
    queries.query(count_accounts, "SMB")
    assert CALLS == [("SMB",), ("SMB",)]


def test_side_by_side_queries_keep_their_order(warehouse: Path):
    smb, enterprise = queries.query_many((count_accounts, "SMB"), (count_accounts, "Enterprise"))
    assert list(smb["segment"]) == ["SMB"] and list(enterprise["segment"]) == ["Enterprise"]


def test_the_cache_forgets_the_least_recently_used_answer_first():
    cache = queries.AnswerCache(max_entries=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == (True, 1)  # "a" is now the most recently used
    cache.put("c", 3)
    assert cache.get("b") == (False, None)
    assert cache.get("a") == (True, 1) and cache.get("c") == (True, 3)
    assert len(cache) == 2


def test_chart_rows_reach_streamlit_as_arrow_with_nulls_for_undefined_numbers():
    rows = [
        {"month": "2026-01", "value": 0.95, "label": "95.0%"},
        {"month": "2026-02", "value": float("nan"), "label": "–"},
        {"month": "2026-03", "value": None, "label": "–"},
    ]
    table = pa.ipc.open_stream(_arrow_bytes(rows)).read_all()
    assert table.column_names == ["month", "value", "label"]
    assert table.column("month").to_pylist() == ["2026-01", "2026-02", "2026-03"]
    assert table.column("value").to_pylist() == [0.95, None, None]
    assert table.column("value").type == pa.float64()
