"""The tables of the Health & alerts, Journey and account pages: which columns, their headers and
formats (see `cs_lib.present.tables`), and the risk list as an Excel workbook for an SFA import."""

from __future__ import annotations

import io

import pandas as pd

from cs_lib.present.tables import ColumnSpec, escape_formula

COMPONENT_COLUMNS: ColumnSpec = {
    name: (f"health.component.{name}", "score")
    for name in ("adoption", "engagement", "support", "sentiment", "growth")
}
HEALTH_ACCOUNTS_TABLE: ColumnSpec = {
    "account_id": ("table.account_id", "text"),
    "account_name": ("table.account_name", "text"),
    "csm": ("dimension.csm", "text"),
    "health": ("health.score", "score"),
    "band_label": ("health.band", "text"),
    "low_confidence": ("health.low_confidence", "warning"),
    **COMPONENT_COLUMNS,
}
BAND_TABLE: ColumnSpec = {"band_label": ("health.band", "text"), "accounts": ("health.accounts", "count"),
                          "share": ("health.share", "rate")}
BAND_TREND_TABLE: ColumnSpec = {"month": ("health.month", "month"), **BAND_TABLE}
RISK_TABLE: ColumnSpec = {
    "account_id": ("table.account_id", "text"),
    "account_name": ("table.account_name", "text"),
    "product": ("dimension.product", "text"),
    "end_date": ("risk.end_date", "text"),
    "arr_at_risk": ("risk.arr_at_risk", "money"),
    "health": ("health.score", "score"),
    "band_label": ("health.band", "text"),
    "expected_loss": ("risk.expected_loss", "money"),
    "renewal_booked": ("risk.renewal_booked", "flag"),
    "csm": ("dimension.csm", "text"),
    "last_touchpoint": ("risk.last_touchpoint", "text"),
}
ALERT_TABLE: ColumnSpec = {
    "account_id": ("table.account_id", "text"),
    "rule_label": ("alerts.rule", "text"),
    "evidence": ("alerts.evidence", "text"),
    "owner": ("alerts.owner", "text"),
}
BACKTEST_TABLE: ColumnSpec = {
    "month": ("health.month", "month"),
    "accounts": ("health.accounts", "count"),
    "auc": ("backtest.auc", "ratio"),
    "churn_3m_healthy": ("backtest.churn_3m_healthy", "rate"),
    "accounts_healthy": ("backtest.accounts_healthy", "count"),
    "churn_3m_watch": ("backtest.churn_3m_watch", "rate"),
    "accounts_watch": ("backtest.accounts_watch", "count"),
    "churn_3m_at_risk": ("backtest.churn_3m_at_risk", "rate"),
    "accounts_at_risk": ("backtest.accounts_at_risk", "count"),
}
CALIBRATION_TABLE: ColumnSpec = {
    "health_bin": ("backtest.health_bin", "text"),
    "accounts": ("health.accounts", "count"),
    "mean_health": ("backtest.mean_health", "score"),
    "retained_3m": ("backtest.retained_3m", "rate"),
}
WEIGHTS_TABLE: ColumnSpec = {
    "component_label": ("backtest.component", "text"),
    "current": ("backtest.current_weight", "rate"),
    "suggested": ("backtest.suggested_weight", "rate"),
}
FORECAST_TABLE: ColumnSpec = {
    "quarter": ("forecast.quarter", "text"),
    "expiring_arr": ("forecast.expiring_arr", "money"),
    "expected_arr": ("forecast.expected_arr", "money"),
    "p10": ("forecast.p10", "money"),
    "p50": ("forecast.p50", "money"),
    "p90": ("forecast.p90", "money"),
}
FORECAST_BACKTEST_TABLE: ColumnSpec = {
    "quarter": ("forecast.quarter", "text"),
    "lines": ("forecast.lines", "count"),
    "p10": ("forecast.p10", "money"),
    "p90": ("forecast.p90", "money"),
    "actual_arr": ("forecast.actual_arr", "money"),
    "inside": ("forecast.inside", "flag"),
}
JOURNEY_TABLE: ColumnSpec = {
    "stage_label": ("journey.stage", "text"),
    "reached": ("journey.reached", "count"),
    "conversion": ("journey.conversion", "rate"),
    "median_days": ("journey.median_days", "count"),
    "p80_days": ("journey.p80_days", "count"),
    "left": ("journey.left", "count"),
    "stuck": ("journey.stuck", "count"),
}
STUCK_TABLE: ColumnSpec = {
    "account_id": ("table.account_id", "text"),
    "account_name": ("table.account_name", "text"),
    "stage_label": ("journey.stage", "text"),
    "days_in_stage": ("journey.days_in_stage", "count"),
    "target_days": ("journey.target_days", "count"),
    "owner_department": ("journey.owner_department", "text"),
    "csm": ("dimension.csm", "text"),
}
SCORE_CHANGE_TABLE: ColumnSpec = {
    "component_label": ("backtest.component", "text"),
    "weight": ("account.weight_share", "rate"),
    "previous": ("account.previous", "score"),
    "now": ("account.now", "score"),
    "contribution": ("account.contribution", "score"),
}
# The risk list for a sales team's SFA: stable machine column names, dates as dates, numbers as numbers.
SFA_COLUMNS = ("subscription_id", "account_id", "account_name", "product", "end_date", "arr_at_risk", "health",
               "band", "expected_loss", "renewal_booked", "csm", "last_touchpoint")


def risk_excel_bytes(risk: pd.DataFrame) -> bytes:
    """The risk list as one sheet `renewal_risk` (openpyxl), text that a spreadsheet would run escaped."""
    sheet = risk[list(SFA_COLUMNS)].copy()
    for column in ("subscription_id", "account_id", "account_name", "product", "band", "csm"):
        sheet[column] = sheet[column].map(escape_formula)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        sheet.to_excel(writer, sheet_name="renewal_risk", index=False)
    return buffer.getvalue()


def labelled(frame: pd.DataFrame, lang: str, stage_labels: dict[str, str] | None = None) -> pd.DataFrame:
    """The frame with translated `*_label` columns beside its band, rule, component and stage codes."""
    from cs_lib.present.i18n import t

    labels = {
        "band": lambda code: t(f"band.{code}", lang) if isinstance(code, str) else t("band.unscored", lang),
        "rule": lambda code: t(f"alerts.rule.{code}", lang),
        "component": lambda code: t(f"health.component.{code}", lang),
        "stage": lambda code: (stage_labels or {}).get(code, code),
    }
    extra = {f"{column}_label": frame[column].map(label) for column, label in labels.items() if column in frame}
    return frame.assign(**extra)
