"""The app's state: the cached warehouse connection, cached engine calls, and the sidebar.

The only module besides the pages that imports Streamlit. Engine results
are cached by the inputs that matter — the warehouse file (path and
modification time, so a rebuilt warehouse is read afresh), the as-of month
and the filters. The global filters, the as-of month and the language live
in widgets bound to the URL's query parameters, so a copied link
reproduces the view on any page.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from cs_lib.filters import FILTER_DIMENSIONS, Filters
from cs_lib.metrics import kpis
from cs_lib.months import month_sequence, months_before
from cs_lib.present import charts
from cs_lib.present.i18n import LANGUAGE_NAMES, LANGUAGES, default_language, t
from cs_lib.settings import Settings, load_settings
from cs_lib.warehouse import WarehouseError, connect_read_only, definitions_are_current, warehouse_path

# Query-parameter names (and widget keys) of the global view.
LANGUAGE_KEY = "lang"
AS_OF_KEY = "as_of"
FILTER_KEYS = {dimension: dimension for dimension in FILTER_DIMENSIONS}

FilterItems = tuple[tuple[str, tuple[str, ...]], ...]  # hashable form of Filters for the caches


@dataclass(frozen=True)
class View:
    """What every page renders for: language, as-of month and filters."""

    lang: str
    as_of: str
    filters: Filters
    settings: Settings


# --- connection and cached engine calls ------------------------------------------


@st.cache_resource(max_entries=2, on_release=lambda con: con.close())
def _connection(path: str, modified_ns: int) -> duckdb.DuckDBPyConnection:
    """One read-only connection per warehouse file version; queries take their own cursor."""
    return connect_read_only(path)


def _warehouse_key() -> tuple[str, int]:
    """(path, modification time) of the warehouse: the key of every cached result."""
    path = warehouse_path()
    return str(path), path.stat().st_mtime_ns


def _query(key: tuple[str, int], function, *args, **kwargs):
    cursor = _connection(*key).cursor()
    try:
        return function(cursor, *args, **kwargs)
    finally:
        cursor.close()


def _filters(items: FilterItems) -> Filters:
    return Filters(**dict(items))


def _filter_items(filters: Filters) -> FilterItems:
    return tuple((f.name, getattr(filters, f.name)) for f in fields(filters))


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_settings(key: tuple[str, int]) -> Settings:
    return _query(key, load_settings)


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_definitions_are_current(key: tuple[str, int]) -> bool:
    return _query(key, definitions_are_current)


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_month_range(key: tuple[str, int]) -> kpis.MonthRange:
    return _query(key, kpis.month_range)


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_dimension_values(key: tuple[str, int], dimension: str) -> list[str]:
    return _query(key, kpis.dimension_values, dimension)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_kpi_series(key: tuple[str, int], from_month: str, as_of: str, filters: FilterItems) -> list[dict]:
    return _query(key, kpis.kpi_series, from_month, as_of, _filters(filters), _cached_settings(key))


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_movements(key: tuple[str, int], as_of: str, filters: FilterItems) -> pd.DataFrame:
    return _query(key, kpis.mrr_movements, as_of, _filters(filters))


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_retention_trend(
    key: tuple[str, int], as_of: str, filters: FilterItems, window: int
) -> pd.DataFrame:
    return _query(key, kpis.retention_trend, as_of, _filters(filters), window_months=window)


def settings() -> Settings:
    return _cached_settings(_warehouse_key())


def month_range() -> kpis.MonthRange:
    return _cached_month_range(_warehouse_key())


def as_of_months() -> list[str]:
    """The months the as-of selector offers, latest first; the first is the default as-of
    (the `as_of_month` setting, else the data's last month)."""
    months = month_range()
    default = settings().as_of_month or months.last_month
    return month_sequence(months.first_month, default)[::-1]


def dimension_values(dimension: str) -> list[str]:
    return _cached_dimension_values(_warehouse_key(), dimension)


def kpis_at(as_of: str, filters: Filters) -> dict[str, object]:
    return _cached_kpi_series(_warehouse_key(), as_of, as_of, _filter_items(filters))[-1]


def kpis_with_comparison(
    as_of: str, filters: Filters, lag_months: int
) -> tuple[dict[str, object], dict[str, object] | None]:
    """KPIs at the as-of month and `lag_months` earlier (None before the data starts), in one query."""
    earlier = months_before(as_of, lag_months)
    first = max(earlier, month_range().first_month)
    series = _cached_kpi_series(_warehouse_key(), first, as_of, _filter_items(filters))
    comparison = series[0] if series[0]["as_of"] == earlier else None
    return series[-1], comparison


def mrr_movements(as_of: str, filters: Filters) -> pd.DataFrame:
    return _cached_movements(_warehouse_key(), as_of, _filter_items(filters))


def retention_trend(as_of: str, filters: Filters, window_months: int = 12) -> pd.DataFrame:
    return _cached_retention_trend(_warehouse_key(), as_of, _filter_items(filters), window_months)


# --- chart specs -----------------------------------------------------------------
# Building an Altair chart and validating it against the Vega-Lite schema costs more
# than the cached queries behind it (~150 ms a rerun), so each spec is built once per
# input and drawn with st.vega_lite_chart. Schema validation is left to the chart
# tests (tests/test_charts.py validates every spec), not paid on each filter change.


@st.cache_data(show_spinner=False, max_entries=256)
def waterfall_spec(movements: pd.DataFrame, month: str, lang: str, currency: str) -> dict:
    return charts.mrr_waterfall(movements, month, lang, currency).to_dict(validate=False)


@st.cache_data(show_spinner=False, max_entries=256)
def retention_trend_specs(trend: pd.DataFrame, lang: str) -> tuple[dict, dict]:
    grr_chart, nrr_chart = charts.retention_trend_charts(trend, lang)
    return grr_chart.to_dict(validate=False), nrr_chart.to_dict(validate=False)


# --- sidebar ---------------------------------------------------------------------


def render_sidebar() -> View:
    """Language switch, as-of month and filters in the sidebar; stops the page if there is no data."""
    locale_language = default_language(st.context.locale)
    sidebar = st.sidebar
    lang = sidebar.segmented_control(
        t("sidebar.language", locale_language),
        options=list(LANGUAGES),
        format_func=LANGUAGE_NAMES.__getitem__,
        default=locale_language,
        required=True,
        key=LANGUAGE_KEY,
        bind="query-params",
    )
    lang = lang or locale_language
    _require_warehouse(lang)

    as_of = sidebar.selectbox(
        t("sidebar.as_of", lang), as_of_months(), index=0, key=AS_OF_KEY, bind="query-params",
        help=t("sidebar.as_of_help", lang),
    )

    sidebar.subheader(t("sidebar.filters", lang))
    selected = {}
    for dimension in FILTER_DIMENSIONS:
        selected[dimension] = sidebar.multiselect(
            t(f"dimension.{dimension}", lang),
            dimension_values(dimension),
            key=FILTER_KEYS[dimension],
            bind="query-params",
            placeholder=t("sidebar.all", lang),
        )
    sidebar.caption(f"{t('sidebar.warehouse', lang)}: `{warehouse_path().name}`")
    return View(lang=lang, as_of=as_of, filters=Filters.from_mapping(selected), settings=settings())


def describe_filters(filters: Filters, lang: str) -> str:
    """The active filters in words: "セグメント: Enterprise, SMB / 地域: Kanto"."""
    parts = [
        f"{t(f'dimension.{f.name}', lang)}: {', '.join(getattr(filters, f.name))}"
        for f in fields(filters)
        if getattr(filters, f.name)
    ]
    return " / ".join(parts)


def download_csv(frame: pd.DataFrame, file_name: str, lang: str, key: str) -> None:
    """A download button for a chart's data (UTF-8 with BOM, so Excel reads Japanese correctly)."""
    st.download_button(
        t("overview.download_csv", lang),
        frame.to_csv(index=False).encode("utf-8-sig"),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )


def current_view() -> View:
    """The view chosen in the sidebar of this run (call after `render_sidebar`, i.e. in a page)."""
    state = st.session_state
    lang = state.get(LANGUAGE_KEY) or default_language(st.context.locale)
    selected = {dimension: state.get(key) or [] for dimension, key in FILTER_KEYS.items()}
    as_of = state.get(AS_OF_KEY) or as_of_months()[0]
    return View(lang=lang, as_of=as_of, filters=Filters.from_mapping(selected), settings=settings())


def _require_warehouse(lang: str) -> None:
    path = warehouse_path()
    if not Path(path).exists():
        st.error(t("error.no_warehouse", lang).format(path=path), icon=":material/database_off:")
        st.stop()
    try:
        month_range()
        current = _cached_definitions_are_current(_warehouse_key())
    except (WarehouseError, duckdb.Error) as error:
        st.error(t("error.cannot_open", lang).format(error=error), icon=":material/error:")
        st.stop()
    if not current:
        st.error(t("error.stale_definitions", lang).format(path=path), icon=":material/update:")
        st.stop()
