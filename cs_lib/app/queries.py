"""Every engine call the app makes goes through `query`: cached by warehouse version and arguments.

A page asks `query(kpis.kpi_series, from_month, as_of, filters, settings)` and
gets the engine's answer, computed once per warehouse file version (path and
modification time, so a rebuilt or re-imported warehouse is read afresh) and
per plain argument value. Arguments must be hashable by value: strings,
numbers, tuples and frozen dataclasses such as `Filters` and `Settings`.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import duckdb
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from cs_lib.app.warehouse_choice import current_warehouse
from cs_lib.warehouse_swap import connect_snapshot

Result = TypeVar("Result")
WarehouseKey = tuple[str, int]


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


def query(function: Callable[..., Result], *args: Any, **kwargs: Any) -> Result:
    """`function(cursor, *args, **kwargs)` on the app's warehouse, cached.

    `function` is a module-level engine function taking a connection first
    (e.g. `cs_lib.metrics.kpis.mrr_movements`); it is keyed by its qualified
    name, so the cache survives reruns and is shared between sessions.
    """
    name = f"{function.__module__}:{function.__qualname__}"
    return _cached_call(warehouse_key(), name, args, tuple(sorted(kwargs.items())))


def query_many(*calls: tuple) -> list:
    """Several `query` calls at once, each `(function, *args)`, answered side by side.

    DuckDB and numpy release the GIL, so on two cores the page waits for the slowest query
    rather than for their sum. Each thread carries this run's script context, so the calls
    share the same cache as `query`.
    """
    context = get_script_run_ctx()

    def run(call: tuple) -> Any:
        if context is not None:
            add_script_run_ctx(threading.current_thread(), context)
        function, *args = call
        return query(function, *args)

    with ThreadPoolExecutor(max_workers=min(len(calls), 4)) as pool:
        return list(pool.map(run, calls))


@st.cache_data(show_spinner=False, max_entries=2048)
def _cached_call(key: WarehouseKey, name: str, args: tuple, kwargs: tuple) -> Any:
    module_name, _, function_name = name.partition(":")
    function = getattr(importlib.import_module(module_name), function_name)
    cursor = _connection(*key).cursor()
    try:
        return function(cursor, *args, **dict(kwargs))
    finally:
        cursor.close()
