"""What a board pack says, section by section, from the same engine calls, cards and chart specs as the
app (no Streamlit). The PDF and the PowerPoint writers lay out these sections; neither computes anything.

A section is one function in `SECTION_BUILDERS` taking the `PackContext` and returning a `Section`, or
None when its data does not exist: the renewal-risk and maturity sections (`engine_sections`) appear only
when their engines (`cs_lib.metrics.risk`, `cs_lib.metrics.maturity`) are installed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields

import duckdb

from cs_lib.boardpack.engine_sections import maturity_section, risk_section
from cs_lib.boardpack.snapshots import Snapshot
from cs_lib.filters import Filters
from cs_lib.metrics import kpis
from cs_lib.metrics.catalogue import KPIS, kpi
from cs_lib.metrics.comparison import compare_kpis
from cs_lib.metrics.kpi_tree import renewal_change
from cs_lib.metrics.retention_views import cohort_grid
from cs_lib.present import charts
from cs_lib.present.cards import KpiCard, kpi_card
from cs_lib.present.charts.grids import cohort_heatmap_spec
from cs_lib.present.formatting import describe_filters, format_kpi, format_kpi_change
from cs_lib.present.i18n import t
from cs_lib.present.summary import plain_summary
from cs_lib.settings import Settings

#: The figures a pack shows on its KPI page and stores in its snapshot (the Overview's cards and renewals).
PACK_KPIS = ("arr", "nrr_ttm", "grr_ttm", "logo_churn_rate_month", "upsell_rate_ttm", "arpa", "ltv",
             "renewal_rate_ttm")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()  # the first row holds the headings
    charts: tuple[dict, ...] = ()  # the app's Vega-Lite specs, light theme
    notes: str = ""  # each KPI's definition: the slide notes


@dataclass
class PackContext:
    con: duckdb.DuckDBPyConnection
    as_of: str
    lag_months: int
    filters: Filters
    settings: Settings
    lang: str
    previous_snapshot: Snapshot | None = None
    current: dict = field(default_factory=dict)
    previous: dict | None = None
    changes: dict = field(default_factory=dict)
    cards: list[KpiCard] = field(default_factory=list)


@dataclass(frozen=True)
class BoardPack:
    lang: str
    as_of: str
    scope: str
    sections: tuple[Section, ...]
    figures: dict[str, float | None]  # what the snapshot stores
    restated: tuple[tuple[str, str, str, str], ...]  # (kpi label, as-of, shown then, now)


def scope_key(filters: Filters) -> str:
    """The filters as canonical JSON: the snapshot's scope, compared for equality."""
    return json.dumps({f.name: sorted(getattr(filters, f.name)) for f in fields(filters)}, sort_keys=True)


def build_board_pack(
    con: duckdb.DuckDBPyConnection, as_of: str, lag_months: int, filters: Filters, settings: Settings, lang: str,
    previous_snapshot: Snapshot | None = None,
) -> BoardPack:
    context = PackContext(con, as_of, lag_months, filters, settings, lang, previous_snapshot)
    context.current, context.previous = kpis.kpis_with_comparison(con, as_of, lag_months, filters, settings)
    context.changes = compare_kpis(con, PACK_KPIS, as_of, lag_months, filters)
    if context.previous is not None:  # the renewal rate's own paired bootstrap (the KPI tree's)
        context.changes["renewal_rate_ttm"] = renewal_change(con, as_of, lag_months, filters, settings)
    context.cards = [
        kpi_card(name, context.current, context.previous, lang, settings.currency, context.changes.get(name),
                 settings.target_for(name, filters.segment))
        for name in PACK_KPIS
    ]
    sections = tuple(section for build in SECTION_BUILDERS if (section := build(context)) is not None)
    figures = {name: context.current.get(name) for name in PACK_KPIS}
    return BoardPack(lang, as_of, scope_key(filters), sections, figures, restated_figures(context))


def restated_figures(context: PackContext) -> tuple[tuple[str, str, str, str], ...]:
    """Figures the last board saw that the data now gives differently (as the app formats them)."""
    snapshot = context.previous_snapshot
    if snapshot is None:
        return ()
    now = kpis.kpis_at(context.con, snapshot.as_of, context.filters, context.settings)
    currency, lang = context.settings.currency, context.lang
    return tuple(
        (t(f"kpi.{name}", lang), snapshot.as_of, format_kpi(name, value, lang, currency),
         format_kpi(name, now.get(name), lang, currency))
        for name, value in snapshot.values.items()
        if name in now and format_kpi(name, value, lang, currency) != format_kpi(name, now.get(name), lang, currency)
    )


def _cover(context: PackContext) -> Section:
    lang = context.lang
    scope = describe_filters(context.filters, lang) or t("overview.unfiltered_caption", lang)
    return Section("cover", t("board.title", lang), (
        t("board.period", lang).format(as_of=context.as_of, lag=context.lag_months),
        t("board.filters", lang).format(filters=scope),
        t("board.observational_note", lang),
    ))


def _kpi_cards(context: PackContext) -> Section:
    lang = context.lang
    headings = tuple(t(f"board.card.{column}", lang) for column in ("kpi", "value", "change", "verdict", "basis",
                                                                    "target"))
    rows = tuple((card.label, card.value, f"{card.delta} ({card.delta_description})", card.verdict or "–",
                  card.basis or "–", card.target or "–") for card in context.cards)
    return Section("kpis", t("board.kpis", lang), (), (headings, *rows), notes=_definitions(PACK_KPIS, lang))


def _waterfall(context: PackContext) -> Section:
    movements = kpis.mrr_movements(context.con, context.as_of, context.filters)
    spec = charts.mrr_waterfall_spec(movements, context.as_of, context.lang, context.settings.currency, "light")
    return Section("waterfall", t("overview.waterfall_header", context.lang), charts=(spec,),
                   notes=t("definition.mrr_movements", context.lang))


def _grr_nrr(context: PackContext) -> Section | None:
    trend = kpis.retention_trend(context.con, context.as_of, context.filters)
    if not charts.has_retention_points(trend):
        return None
    return Section("grr_nrr", t("overview.trend_header", context.lang),
                   (t("overview.trend_caption", context.lang),),
                   charts=charts.retention_trend_specs(trend, context.lang, "light"),
                   notes=_definitions(("grr_ttm", "nrr_ttm"), context.lang))


def _cohorts(context: PackContext) -> Section | None:
    grid = cohort_grid(context.con, "logo", "quarter", context.as_of, context.filters)
    if grid.empty:
        return None
    return Section("cohorts", t("retention.cohorts_header", context.lang),
                   charts=(cohort_heatmap_spec(grid, "logo", context.lang, "light"),),
                   notes=t("retention.cohorts_help", context.lang))


def _summary(context: PackContext) -> Section:
    lang, currency = context.lang, context.settings.currency
    summary = plain_summary(context.current, context.previous, lang, currency, context.changes)
    paragraphs = [_plain_text(line) for line in summary.splitlines() if line.strip()]
    snapshot = context.previous_snapshot
    table: tuple = ()
    if snapshot is None:
        paragraphs.append(t("board.first_pack", lang))
    else:
        paragraphs.append(t("board.since_last", lang).format(as_of=snapshot.as_of, date=snapshot.generated_at[:10]))
        headings = (t("board.card.kpi", lang), t("board.then", lang).format(as_of=snapshot.as_of),
                    t("board.now", lang).format(as_of=context.as_of), t("board.card.change", lang))
        table = (headings, *(
            (t(f"kpi.{name}", lang), format_kpi(name, value, lang, currency),
             format_kpi(name, context.current.get(name), lang, currency),
             format_kpi_change(name, context.current.get(name), value, lang, currency))
            for name, value in snapshot.values.items() if name in context.current
        ))
    return Section("summary", t("overview.summary_header", lang), tuple(paragraphs), table)


def _restated(context: PackContext) -> Section | None:
    restated = restated_figures(context)
    if context.previous_snapshot is None:
        return None
    lang = context.lang
    if not restated:
        return Section("restated", t("board.restated", lang), (t("board.restated_none", lang),))
    headings = (t("board.card.kpi", lang), t("board.as_of", lang), t("board.shown", lang), t("board.restated_now",
                                                                                             lang))
    return Section("restated", t("board.restated", lang), (t("board.restated_intro", lang),),
                   (headings, *restated))


def _appendix(context: PackContext) -> Section:
    lang = context.lang
    rows = tuple((t(f"kpi.{entry.name}", lang), t(f"definition.{entry.name}", lang)) for entry in KPIS
                 if entry.name != "as_of")
    return Section("appendix", t("board.appendix", lang),
                   table=((t("board.card.kpi", lang), t("board.definition", lang)), *rows))


def _definitions(names, lang: str) -> str:
    return "\n".join(f"{t(f'kpi.{kpi(name).name}', lang)}: {t(f'definition.{name}', lang)}" for name in names)


def _plain_text(markdown: str) -> str:
    """Markdown of the app's summary as plain text for paper (bold markers and small-text tags removed)."""
    text = re.sub(r":small\[(.*?)\]", r"\1", markdown)
    return text.replace("**", "").lstrip("-* ").strip()


SECTION_BUILDERS: list[Callable[[PackContext], Section | None]] = [
    _cover, _kpi_cards, _waterfall, _grr_nrr, _cohorts,
    risk_section,
    maturity_section,
    _summary, _restated, _appendix,
]
