"""Every engine call the app makes goes through `query`: cached by warehouse version and arguments.

A page asks `query(kpis.kpi_series, from_month, as_of, filters, settings)` and
gets the engine's answer, computed once per warehouse file version (path and
modification time, so a rebuilt or re-imported warehouse is read afresh) and
per plain argument value. Arguments must be hashable by value: strings,
numbers, tuples and frozen dataclasses such as `Filters` and `Settings`.

The cache is a plain in-process LRU shared by every session, not `st.cache_data`:
a hit there costs about a millisecond (it hashes the arguments through the
function's signature and unpickles the value), and a page asks a dozen questions
per rerun. Here a hit is a dictionary lookup plus a copy of the answer, so a page
may change what it gets without changing what the next visitor sees.
"""

from __future__ import annotations

import copy
import importlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from cs_lib.app.warehouse_choice import current_warehouse
from cs_lib.warehouse_swap import connect_snapshot

Result = TypeVar("Result")
WarehouseKey = tuple[str, int]

MAX_CACHED_ANSWERS = 2048
# Side-by-side queries of every session share these threads (started once, not per rerun).
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="cs-query")


@st.cache_resource(max_entries=2, on_release=lambda con: con.close())
def _connection(path: str, modified_ns: int) -> duckdb.DuckDBPyConnection:
    """One read-only connection per warehouse file version; each query takes its own cursor.

    Opened as a snapshot of the file (cs_lib.warehouse_swap): after an import swaps a new file in,
    a plain connect would get the old file back from DuckDB's per-process cache."""
    return connect_snapshot(path)


def warehouse_key() -> WarehouseKey:
    """(path, modification time) of the warehouse the app reads: part of every cache key."""
    path = current_warehouse()  # the configured warehouse, or the one this session chose (Data page)
    return str(path), path.stat().st_mtime_ns


class AnswerCache:
    """A thread-safe least-recently-used map from (warehouse, function, arguments) to answers."""

    def __init__(self, max_entries: int = MAX_CACHED_ANSWERS) -> None:
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.max_entries = max_entries

    def get(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            if key not in self._answers:
                return False, None
            self._answers.move_to_end(key)
            return True, self._answers[key]

    def put(self, key: Hashable, answer: Any) -> None:
        with self._lock:
            self._answers[key] = answer
            self._answers.move_to_end(key)
            while len(self._answers) > self.max_entries:
                self._answers.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()

    def __len__(self) -> int:
        return len(self._answers)


_ANSWERS = AnswerCache()


def clear_cache() -> None:
    """Forget every cached answer (the benchmark's cold start; tests)."""
    _ANSWERS.clear()


def query(function: Callable[..., Result], *args: Any, **kwargs: Any) -> Result:
    """`function(cursor, *args, **kwargs)` on the app's warehouse, cached.

    `function` is a module-level engine function taking a connection first
    (e.g. `cs_lib.metrics.kpis.mrr_movements`); it is keyed by its qualified
    name, so the cache survives reruns and is shared between sessions.
    """
    warehouse = warehouse_key()
    name = f"{function.__module__}:{function.__qualname__}"
    key = (warehouse, name, args, tuple(sorted(kwargs.items())))
    found, answer = _ANSWERS.get(key)
    if not found:
        answer = _call(warehouse, name, args, kwargs)
        _ANSWERS.put(key, answer)
    return _private_copy(answer)


def query_many(*calls: tuple) -> list:
    """Several `query` calls at once, each `(function, *args)`, answered side by side.

    DuckDB and numpy release the GIL, so on two cores the page waits for the slowest query
    rather than for their sum. Each thread carries this run's script context.
    """
    context = get_script_run_ctx()

    def run(call: tuple) -> Any:
        if context is not None:
            add_script_run_ctx(threading.current_thread(), context)
        function, *args = call
        return query(function, *args)

    return list(_POOL.map(run, calls))


def _call(warehouse: WarehouseKey, name: str, args: tuple, kwargs: dict) -> Any:
    module_name, _, function_name = name.partition(":")
    function = getattr(importlib.import_module(module_name), function_name)
    cursor = _connection(*warehouse).cursor()
    try:
        return function(cursor, *args, **kwargs)
    finally:
        cursor.close()


def _private_copy(answer: Any) -> Any:
    """A copy the caller may change: frames are copied lazily (pandas copy-on-write), the rest deeply."""
    if isinstance(answer, pd.DataFrame):
        return answer.copy()
    return copy.deepcopy(answer)
