"""The Impact & ROI page's tables and sentences, translated and formatted (no Streamlit, no arithmetic
beyond unit changes): one row per outcome, the segment mix, the before/after rows, the ROI range."""

from __future__ import annotations

import pandas as pd

from cs_lib.metrics.impact import OUTCOMES, ImpactResult, OutcomeComparison
from cs_lib.present.formatting import UNDEFINED, count, is_undefined, money_compact, percent, points
from cs_lib.present.i18n import t
from cs_lib.present.tables import ColumnSpec
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS

# The §14 name whose label and definition each outcome borrows.
OUTCOME_KPI = {"logo_retention": "logo_retention_ttm", "renewal_rate": "renewal_rate_ttm", "nrr": "nrr_ttm"}
NONE_SEGMENT = "(none)"

OUTCOME_TABLE: ColumnSpec = {
    "outcome_label": ("impact.outcome", "text"),
    "treated": ("impact.treated", "rate"),
    "untreated": ("impact.untreated", "rate"),
    "difference_label": ("impact.difference", "text"),
    "interval_label": ("impact.interval", "text"),
    "p_label": ("impact.p", "text"),
    "stratified_label": ("impact.stratified_difference", "text"),
    "stratified_interval_label": ("impact.stratified_interval", "text"),
    "stratified_p_label": ("impact.stratified_p", "text"),
    "verdict_label": ("impact.verdict", "text"),
    "accounts_label": ("impact.accounts", "text"),
}
MIX_TABLE: ColumnSpec = {
    "segment": ("impact.segment", "text"),
    "treated": ("impact.treated_accounts", "count"),
    "treated_share": ("impact.treated_share", "rate"),
    "untreated": ("impact.untreated_accounts", "count"),
    "untreated_share": ("impact.untreated_share", "rate"),
}
DID_TABLE: ColumnSpec = {
    "role_label": ("impact.role", "text"),
    "before": ("impact.before", "rate"),
    "after": ("impact.after", "rate"),
    "change_label": ("impact.change", "text"),
}


def outcome_label(name: str, lang: str) -> str:
    return t(f"kpi.{OUTCOME_KPI[name]}", lang).split("（")[0].split(" (")[0]


def p_text(p: float | None) -> str:
    if is_undefined(p):
        return UNDEFINED
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def interval_text(lower: float | None, upper: float | None) -> str:
    return UNDEFINED if is_undefined(lower) or is_undefined(upper) else f"{points(lower)} … {points(upper)}"


def verdict(outcome: OutcomeComparison) -> str:
    """In plain words, from the stratified interval (the one a different mix of segments cannot fake):
    too few accounts under 30 in the smaller group, else a real difference when the interval excludes 0."""
    stratified = outcome.stratified
    if is_weak(outcome):
        return "too_few"
    if stratified.lower is None or stratified.upper is None:
        return "undefined"
    if stratified.lower > 0:
        return "higher"
    if stratified.upper < 0:
        return "lower"
    return "within_noise"


def is_weak(outcome: OutcomeComparison) -> bool:
    return min(outcome.treated_accounts, outcome.untreated_accounts) < WEAK_EVIDENCE_ACCOUNTS


def accounts_text(outcome: OutcomeComparison, lang: str) -> str:
    text = t("impact.accounts_pair", lang).format(treated=count(outcome.treated_accounts),
                                                  untreated=count(outcome.untreated_accounts))
    if outcome.name == "renewal_rate":
        text += " · " + t("impact.lines_pair", lang).format(treated=count(outcome.treated_units),
                                                           untreated=count(outcome.untreated_units))
    return text + (f" ⚠ {t('impact.weak', lang)}" if is_weak(outcome) else "")


def outcome_rows(result: ImpactResult, lang: str) -> pd.DataFrame:
    """One row per outcome: rates, differences (in points), intervals, p, the accounts behind them."""
    rows = []
    for name in OUTCOMES:
        outcome = result.outcomes[name]
        stratified = outcome.stratified
        rows.append({
            "outcome": name, "outcome_label": outcome_label(name, lang),
            "treated": outcome.treated, "untreated": outcome.untreated,
            "difference": outcome.difference, "lower": outcome.lower, "upper": outcome.upper, "p": outcome.p_value,
            "stratified_difference": stratified.difference, "stratified_lower": stratified.lower,
            "stratified_upper": stratified.upper, "stratified_p": stratified.p_value,
            "segments_left_out": stratified.strata_left_out,
            "treated_accounts": outcome.treated_accounts, "untreated_accounts": outcome.untreated_accounts,
            "weak": is_weak(outcome),
            "difference_label": points(outcome.difference), "interval_label": interval_text(outcome.lower,
                                                                                             outcome.upper),
            "p_label": p_text(outcome.p_value), "stratified_label": points(stratified.difference),
            "stratified_interval_label": interval_text(stratified.lower, stratified.upper),
            "stratified_p_label": p_text(stratified.p_value), "accounts_label": accounts_text(outcome, lang),
            "verdict": verdict(outcome), "verdict_label": t(f"impact.verdict.{verdict(outcome)}", lang),
        })
    return pd.DataFrame(rows)


def segment_mix(result: ImpactResult, lang: str) -> pd.DataFrame:
    mix = result.segment_mix.copy()
    mix["segment"] = mix["segment"].replace("", t("impact.no_segment", lang))
    return mix


def did_frame(result: ImpactResult, lang: str) -> pd.DataFrame | None:
    did = result.did
    if did is None or did.difference is None:
        return None
    frame = pd.DataFrame([
        {"role": "treated", "role_label": t("impact.treated", lang), "before": did.before_treated,
         "after": did.after_treated, "accounts": did.treated_accounts},
        {"role": "control", "role_label": t("impact.control", lang), "before": did.before_control,
         "after": did.after_control, "accounts": did.control_accounts},
    ])
    frame["change_label"] = [points(after - before) for before, after in zip(frame["before"], frame["after"],
                                                                             strict=True)]
    return frame


def did_sentence(result: ImpactResult, lang: str) -> str:
    did = result.did
    if did is None:
        return t("impact.did_programme_only", lang)
    if did.difference is None:
        return t("impact.did_none", lang)
    return t("impact.did_sentence", lang).format(
        difference=points(did.difference), interval=interval_text(did.lower, did.upper),
        stacks=did.stacks_used, left_out=did.stacks_left_out, treated=count(did.treated_accounts),
        control=count(did.control_accounts),
    )


def roi_sentence(result: ImpactResult, lang: str, currency: str) -> str:
    roi = result.roi
    if roi is None:
        return t("impact.roi_none", lang)
    return t("impact.roi_sentence", lang).format(
        low=percent(roi.low, 0), high=percent(roi.high, 0), mid=percent(roi.mid, 0),
        arr=money_compact(roi.attributable_arr, lang, currency), cost=money_compact(roi.cost, lang, currency),
    )


def groups_sentence(result: ImpactResult, lang: str) -> str:
    return t("impact.groups_sentence", lang).format(
        treated=count(result.treated), untreated=count(result.untreated), left_out=count(result.left_out),
        start=result.start_month, end=result.end_month,
    )
