"""Presentation helpers of the Retention, Growth and Segments pages (no Streamlit): table column specs, the
rows their line charts draw, and the sentences under the charts (medians, the log-rank test, the ledger)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cs_lib.metrics.survival import SurvivalResult
from cs_lib.present.charts.grids import weak_label
from cs_lib.present.formatting import UNDEFINED, is_undefined, money, percent
from cs_lib.present.i18n import t
from cs_lib.present.tables import ColumnSpec
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS

SIGNIFICANCE = 0.05

COHORT_TABLE: ColumnSpec = {
    "cohort": ("retention.cohort", "text"), "age": ("retention.age", "count"), "value": ("retention.value", "rate"),
    "retained": ("retention.retained", "count"), "base": ("retention.base", "count"),
    "size": ("retention.cohort_size", "count"),
}
SURVIVAL_TABLE: ColumnSpec = {
    "group": ("retention.group", "text"), "t": ("retention.lifetime_months", "count"),
    "at_risk": ("retention.at_risk", "count"), "events": ("retention.events", "count"),
    "survival": ("retention.survival", "rate"), "lower": ("retention.lower", "rate"),
    "upper": ("retention.upper", "rate"),
}
RENEWAL_TABLE: ColumnSpec = {
    "month": ("retention.expiry_month", "month"), "expiring": ("retention.expiring", "count"),
    "renewed": ("retention.renewed", "count"), "renewal_rate": ("kpi.renewal_rate_ttm", "rate"),
    "first_expiring": ("retention.first_expiring", "count"), "first_renewed": ("retention.first_renewed", "count"),
    "first_renewal_rate": ("kpi.first_renewal_rate_ttm", "rate"), "pilots": ("retention.pilots", "count"),
    "pilots_converted": ("retention.pilots_converted", "count"),
    "pilot_conversion_rate": ("kpi.pilot_conversion_rate_ttm", "rate"), "pending": ("kpi.renewals_pending", "count"),
}
LINES_TABLE: ColumnSpec = {
    "subscription_id": ("retention.subscription", "text"), "account_id": ("retention.account", "text"),
    "product": ("dimension.product", "text"), "end_date": ("retention.end_date", "text"),
    "kind": ("retention.line_kind", "text"), "outcome": ("retention.outcome", "text"),
}
WINDOW_TABLE: ColumnSpec = {
    "month": ("table.month", "month"), "accounts_start": ("table.accounts_start", "count"),
    "grr": ("retention.grr", "rate"), "nrr": ("retention.nrr", "rate"),
    "logo_retention": ("retention.logo_retention", "rate"),
}
NRR_BRIDGE_TABLE: ColumnSpec = {
    "month": ("table.month", "month"), "accounts_start": ("table.accounts_start", "count"),
    "grr": ("kpi.grr_ttm", "rate"), "expansion": ("kpi.expansion_rate_ttm", "rate"), "nrr": ("kpi.nrr_ttm", "rate"),
}
LEDGER_TABLE: ColumnSpec = {
    "variant_label": ("retention.variant", "text"), "grr": ("retention.grr", "rate"),
    "nrr": ("retention.nrr", "rate"), "logo_retention": ("retention.logo_retention", "rate"),
    "basis_label": ("retention.basis", "text"),
}
SEGMENT_TABLE: ColumnSpec = {
    "value": ("segments.value", "text"), "accounts": ("table.accounts", "count"), "kpi": ("segments.kpi", "rate"),
    "lower": ("retention.lower", "rate"), "upper": ("retention.upper", "rate"), "weak_label": ("segments.weak", "text"),
}
SEGMENT_GRID_TABLE: ColumnSpec = {
    "row": ("segments.rows", "text"), "column": ("segments.columns", "text"), **{
        key: value for key, value in SEGMENT_TABLE.items() if key != "value"},
}
BRIDGE_TABLE: ColumnSpec = {
    "period": ("growth.period", "text"), "months": ("growth.months", "count"), "start": ("growth.start_mrr", "money"),
    "new": ("movement.new", "money"), "reactivation": ("movement.reactivation", "money"),
    "expansion": ("movement.expansion", "money"), "contraction": ("movement.contraction", "money"),
    "churn": ("movement.churn", "money"), "end": ("growth.end_mrr", "money"), "end_yoy": ("growth.end_yoy", "rate"),
}
YOY_TABLE: ColumnSpec = {
    "component_label": ("growth.component", "text"), "this_period": ("growth.this_period", "money"),
    "year_earlier": ("growth.year_earlier", "money"), "change": ("growth.change", "money"),
}
TIER_TABLE: ColumnSpec = {
    "from_tier": ("growth.from_tier", "text"), "to_tier": ("growth.to_tier", "text"),
    "accounts": ("table.accounts", "count"), "share": ("growth.share", "rate"),
}
ADDED_TABLE: ColumnSpec = {
    "product": ("dimension.product", "text"), "accounts_added": ("growth.accounts_added", "count"),
    "climbers": ("growth.climbers", "count"),
}
GROWTH_SEGMENT_TABLE: ColumnSpec = {
    "value": ("dimension.segment", "text"), "accounts": ("table.accounts", "count"),
    "expansion_rate_ttm": ("kpi.expansion_rate_ttm", "rate"), "upsell_rate_ttm": ("kpi.upsell_rate_ttm", "rate"),
    "cross_sell_rate_ttm": ("kpi.cross_sell_rate_ttm", "rate"),
    "contraction_rate_ttm": ("kpi.contraction_rate_ttm", "rate"), "weak_label": ("segments.weak", "text"),
}
GROWTH_RATES_TABLE: ColumnSpec = {
    "month": ("table.month", "month"), "accounts_start": ("table.accounts_start", "count"),
    "expansion_rate": ("kpi.expansion_rate_ttm", "rate"), "upsell_rate": ("kpi.upsell_rate_ttm", "rate"),
    "cross_sell_rate": ("kpi.cross_sell_rate_ttm", "rate"), "contraction_rate": ("growth.contraction_rate", "rate"),
}


def series_rows(frame: pd.DataFrame, series: dict[str, str], accounts_column: str | None, lang: str) -> list[dict]:
    """Rows for `charts.lines.rate_lines_spec`: one per month and column of `series` (column → label), the
    accounts behind it in the tooltip and weak under 30."""
    rows = []
    for record in frame.to_dict("records"):
        accounts = record.get(accounts_column) if accounts_column else None
        has_accounts = accounts is not None and not is_undefined(accounts)
        for column, label in series.items():
            rows.append({
                "month": record["month"], "series": label, "value": record[column],
                "detail": weak_label(int(accounts), lang) if has_accounts else UNDEFINED,
                "weak": bool(has_accounts and accounts < WEAK_EVIDENCE_ACCOUNTS),
            })
    return rows


def renewal_rows(renewals: pd.DataFrame, lang: str) -> list[dict]:
    """The three §7 rates by month of expiry, each with the lines it rests on."""
    rows = []
    for record in renewals.to_dict("records"):
        for rate, numerator, denominator in (
            ("renewal_rate", "renewed", "expiring"), ("first_renewal_rate", "first_renewed", "first_expiring"),
            ("pilot_conversion_rate", "pilots_converted", "pilots"),
        ):
            rows.append({
                "month": record["month"], "series": t(f"retention.series.{rate}", lang),
                "value": record[rate], "weak": record[denominator] < WEAK_EVIDENCE_ACCOUNTS,
                "detail": t("retention.lines_detail", lang).format(
                    numerator=f"{record[numerator]:,}", denominator=f"{record[denominator]:,}"),
            })
    return rows


def median_table(result: SurvivalResult, lang: str) -> pd.DataFrame:
    """Per group: accounts, the median lifetime in months or "not reached"."""
    return pd.DataFrame([{
        t("retention.group", lang): group,
        t("table.accounts", lang): weak_label(result.accounts[group], lang),
        t("retention.median", lang): t("retention.not_reached", lang) if median is None
        else t("retention.months", lang).format(months=median),
    } for group, median in result.median.items()])


def logrank_sentence(result: SurvivalResult, lang: str) -> str | None:
    """The log-rank test in words; None without a split into two or more groups."""
    test = result.logrank
    if test is None:
        return None
    key = "retention.logrank_differ" if test.p < SIGNIFICANCE else "retention.logrank_same"
    return t(key, lang).format(statistic=f"{test.statistic:.2f}", df=test.df, p=_p_value(test.p))


def _p_value(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def ledger_frame(ledger: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = ledger.copy()
    frame["variant_label"] = [t(f"retention.variant.{variant}", lang) for variant in frame["variant"]]
    frame["basis_label"] = [t(f"retention.basis.{basis}", lang).format(count=f"{count:,}")
                            for basis, count in zip(frame["basis"], frame["basis_count"], strict=True)]
    return frame


def concentration_sentence(concentration: dict[str, object], lang: str) -> str:
    if concentration["top_share"] is None:
        return t("retention.no_expansion", lang)
    return t("retention.concentration", lang).format(
        top=concentration["top"], share=percent(concentration["top_share"]),
        accounts=f"{concentration['accounts_expanding']:,}")


def weak_labels(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The Segments table with a readable weak-evidence column."""
    frame = frame.copy()
    frame["weak_label"] = [t("segments.weak_yes", lang) if weak else "" for weak in frame["weak"]]
    return frame


def dimension_label(dimension: str | None, lang: str) -> str:
    if dimension is None:
        return t("retention.no_split", lang)
    return t(f"dimension.{dimension}", lang)


def option_labels(options: Sequence[str], prefix: str, lang: str) -> dict[str, str]:
    return {option: t(f"{prefix}.{option}", lang) for option in options}


def tier_ranges_sentence(ranges: list[tuple[str, float, float | None]], lang: str, currency: str) -> str:
    """"T1: under ¥50,000 · T2: ¥50,000 to under ¥300,000 · T3: ¥300,000 and over" (MRR per account)."""
    parts = []
    for name, lower, upper in ranges:
        if lower == 0:
            text = t("growth.tier_under", lang).format(upper=money(upper, currency))
        elif upper is None:
            text = t("growth.tier_over", lang).format(lower=money(lower, currency))
        else:
            text = t("growth.tier_between", lang).format(lower=money(lower, currency), upper=money(upper, currency))
        parts.append(f"{name}: {text}")
    return t("growth.tier_ranges", lang).format(ranges=" · ".join(parts))


MAX_CURVES = 8  # distinct series colours; more curves than this no one can tell apart


def drawn_curves(result: SurvivalResult, limit: int = MAX_CURVES) -> tuple[pd.DataFrame, int]:
    """The curves of the `limit` groups with the most accounts (ties by name), and how many groups are left
    out of the chart (they stay in the table, and in the log-rank test)."""
    ranked = sorted(result.accounts, key=lambda group: (-result.accounts[group], group))
    kept = set(ranked[:limit])
    return result.curves[result.curves["group"].isin(kept)], max(0, len(ranked) - limit)


def year_on_year_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The year-on-year bridge with its components named in `lang` (start, the movements, end)."""
    names = {"start": t("growth.start_mrr", lang), "end": t("growth.end_mrr", lang)}
    return table.assign(component_label=[names.get(c) or t(f"movement.{c}", lang) for c in table["component"]])
