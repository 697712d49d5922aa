"""The global view every page renders for: language, as-of month, comparison and filters.

All of it lives in the URL, so a copied link reproduces the view. Filters and
the as-of month are widgets bound to query parameters; the language and the
comparison period are synced by hand, so that the URL reads `?lang=en` and
`?compare=12` rather than their display labels. A link's values are checked
before the widgets read them: anything unknown is named in a warning, with
what is valid, instead of being dropped in silence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import streamlit as st

from cs_lib.app.queries import query
from cs_lib.app.warehouse_choice import current_warehouse
from cs_lib.filters import FILTER_DIMENSIONS, Filters
from cs_lib.metrics import kpis
from cs_lib.months import month_sequence
from cs_lib.present.i18n import LANGUAGE_NAMES, LANGUAGES, default_language, t
from cs_lib.present.link_check import LinkProblem, check_link
from cs_lib.settings import COMPARISON_LAGS, Settings, load_settings
from cs_lib.warehouse import WarehouseError, definitions_are_current

# Query-parameter names (and widget keys) of the global view.
LANGUAGE_KEY = "lang"
AS_OF_KEY = "as_of"
COMPARISON_KEY = "compare"
FILTER_KEYS = {dimension: dimension for dimension in FILTER_DIMENSIONS}
_LINK_PROBLEMS_KEY = "_link_problems"
_VIEW_KEY = "_view"  # the View of this run, for the page


@dataclass(frozen=True)
class View:
    """What every page renders for."""

    lang: str
    as_of: str
    filters: Filters
    settings: Settings
    comparison_lag_months: int


def settings() -> Settings:
    return query(load_settings)


def as_of_months() -> list[str]:
    """The months the as-of selector offers, latest first; the first is the default as-of
    (the `as_of_month` setting, else the data's last month)."""
    months = query(kpis.month_range)
    default = min(settings().as_of_month or months.last_month, months.last_month)  # never past the data
    return month_sequence(months.first_month, default)[::-1]


def dimension_values(dimension: str) -> list[str]:
    return query(kpis.dimension_values, dimension)


def render_sidebar() -> View:
    """Language, as-of month, comparison and filters in the sidebar; stops the page if there is no data."""
    locale_language = default_language(st.context.locale)
    lang = _url_synced_choice(
        st.sidebar, LANGUAGE_KEY, list(LANGUAGES), locale_language, t("sidebar.language", locale_language),
        format_func=LANGUAGE_NAMES.__getitem__, parse=str,
    )
    _require_warehouse(lang)
    problems = _link_problems()

    sidebar = st.sidebar
    months = as_of_months()
    as_of = sidebar.selectbox(
        t("sidebar.as_of", lang), months, index=0, key=AS_OF_KEY, bind="query-params",
        help=t("sidebar.as_of_help", lang),
    )
    lag = _url_synced_choice(
        sidebar, COMPARISON_KEY, list(COMPARISON_LAGS), settings().comparison_lag_months,
        t("sidebar.compare", lang), format_func=lambda months_back: t(f"sidebar.compare_option.{months_back}", lang),
        parse=int, help_text=t("sidebar.compare_help", lang),
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
    sidebar.caption(f"{t('sidebar.warehouse', lang)}: `{current_warehouse().name}`")
    for problem in problems:
        st.warning(problem.message(lang), icon=":material/link_off:")
    view = View(lang, as_of or months[0], Filters.from_mapping(selected), settings(), int(lag))
    st.session_state[_VIEW_KEY] = view
    return view


def current_view() -> View:
    """The view chosen in the sidebar of this run (call after `render_sidebar`, i.e. in a page)."""
    return st.session_state[_VIEW_KEY]


def _url_synced_choice(container, key: str, options: list, default, label: str, *, format_func, parse,
                       help_text: str | None = None):
    """A segmented control whose value is kept in `?key=value` (the raw option, not its label).

    The URL is the source of truth. A choice writes it at once (on_change), and every run reads it
    back: on the first rerun of a freshly started server Streamlit gives the entry point's widgets
    a new identity, and they fall back to their first option; the URL still knows the choice.
    """
    try:
        from_url = parse(st.query_params[key]) if key in st.query_params else None
    except ValueError:
        from_url = None
    wanted = from_url if from_url in options else None
    if wanted is not None or st.session_state.get(key) not in options:
        st.session_state[key] = wanted if wanted is not None else default

    def write_to_url() -> None:
        st.query_params[key] = str(st.session_state[key])

    choice = container.segmented_control(
        label, options=options, format_func=format_func, required=True, key=key, on_change=write_to_url,
        help=help_text,
    )
    if wanted is not None:
        return wanted
    return choice if choice in options else default


def _link_problems() -> list[LinkProblem]:
    """What the opening link asked for that does not exist; checked once per session, then kept."""
    if _LINK_PROBLEMS_KEY not in st.session_state:
        raw = {name: st.query_params.get_all(name) for name in st.query_params}
        months = query(kpis.month_range)
        valid = {dimension: dimension_values(dimension) for dimension in FILTER_DIMENSIONS}
        st.session_state[_LINK_PROBLEMS_KEY] = check_link(
            raw, valid_values=valid, first_month=months.first_month, last_month=as_of_months()[0],
            comparison_lags=COMPARISON_LAGS,
        )
    return st.session_state[_LINK_PROBLEMS_KEY]


def _require_warehouse(lang: str) -> None:
    path = current_warehouse()
    if not Path(path).exists():
        st.error(t("error.no_warehouse", lang).format(path=path), icon=":material/database_off:")
        st.stop()
    try:
        query(kpis.month_range)
        current = query(definitions_are_current)
    except (WarehouseError, duckdb.Error) as error:
        st.error(t("error.cannot_open", lang).format(error=error), icon=":material/error:")
        st.stop()
    if not current:
        st.error(t("error.stale_definitions", lang).format(path=path), icon=":material/update:")
        st.stop()
