"""The Maturity & culture page's words and tables (no Streamlit): headline cards, the sentences
under the regression charts, the thin-evidence warning, and the column specs of its tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cs_lib.metrics.maturity import CompanyMaturity, MaturityVsRetention, RetentionFit
from cs_lib.present.formatting import UNDEFINED, count, is_undefined, percent
from cs_lib.present.i18n import t
from cs_lib.present.tables import ColumnSpec

DEPARTMENT_TABLE: ColumnSpec = {
    "business_unit": ("column.business_unit", "text"),
    "department_label": ("column.department", "text"),
    "level": ("column.level", "level"),
    "spread": ("column.spread", "level"),
    "high_spread": ("column.high_spread", "disagreement"),
    "respondents": ("column.respondents", "count"),
    "assessed_on": ("column.assessed_on", "text"),
    "level_change": ("column.level_change", "level"),
}
UNIT_TABLE: ColumnSpec = {
    "business_unit": ("column.business_unit", "text"),
    "maturity": ("column.maturity", "level"),
    "maturity_change": ("column.maturity_change", "level"),
    "departments": ("column.departments", "count"),
    "arr": ("column.arr", "money"),
    "active_accounts": ("column.active_accounts", "count"),
    "latest_assessed_on": ("column.assessed_on", "text"),
}
CULTURE_TABLE: ColumnSpec = {
    "item": ("column.item", "text"),
    "mean_score": ("column.mean_score", "level"),
    "favourable": ("column.favourable", "rate"),
    "answers": ("column.answers", "count"),
}
CULTURE_UNIT_TABLE: ColumnSpec = {"business_unit": ("column.business_unit", "text"), **CULTURE_TABLE}
FIT_TABLE: ColumnSpec = {
    "business_unit": ("column.business_unit", "text"),
    "maturity": ("column.maturity", "level"),
    "grr_points": ("column.grr_points", "level"),
    "nrr_points": ("column.nrr_points", "level"),
    "retention_accounts": ("column.retention_accounts", "count"),
    "arr": ("column.arr", "money"),
}
EVIDENCE_TABLE: ColumnSpec = {
    "business_unit": ("column.business_unit", "text"),
    "maturity": ("column.maturity", "level"),
    "journey_coverage": ("column.journey_coverage", "rate"),
    "touchpoint_coverage": ("column.touchpoint_coverage", "rate"),
    "tech_touch_share": ("column.tech_touch_share", "rate"),
    "flagged_early_share": ("column.flagged_early_share", "rate"),
    "churned_arr": ("column.churned_arr", "money"),
    "active_accounts": ("column.active_accounts", "count"),
    "grr_ttm": ("kpi.grr_ttm", "rate"),
    "nrr_ttm": ("kpi.nrr_ttm", "rate"),
    "retention_accounts": ("column.retention_accounts", "count"),
    "weak_evidence": ("column.weak_evidence", "weak"),
}
CULTURE_DEPARTMENT_TABLE: ColumnSpec = {
    "business_unit": ("column.business_unit", "text"),
    "department": ("column.department", "text"),
    "mean_score": ("column.mean_score", "level"),
    "favourable": ("column.favourable", "rate"),
    "answers": ("column.answers", "count"),
}
CROSS_TABLE: ColumnSpec = {
    "department_label": ("column.department", "text"),
    "level": ("column.level", "level"),
    "units": ("column.units", "count"),
    "contribution": ("column.contribution", "text"),
}


@dataclass(frozen=True)
class HeadlineCard:
    label: str
    value: str
    help: str


def headline_cards(
    company: CompanyMaturity, levels: pd.DataFrame, lang: str, high_spread: float
) -> list[HeadlineCard]:
    """Company maturity, the ARR it covers, units assessed, and cells where the room disagrees."""
    maturity = UNDEFINED if company.maturity is None else f"{company.maturity:.2f} / 4"
    company_help = t("maturity.company_help", lang)
    return [
        HeadlineCard(t("maturity.company", lang), maturity, company_help),
        HeadlineCard(t("maturity.coverage", lang), percent(company.covered_share), company_help),
        HeadlineCard(t("maturity.units_assessed", lang), count(company.assessed_units), company_help),
        HeadlineCard(t("maturity.high_spread_cells", lang), count(int(levels["high_spread"].sum())),
                     t("maturity.heatmap_help", lang).format(threshold=f"{high_spread:g}")),
    ]  # fmt: skip


def with_department_labels(frame: pd.DataFrame, lang: str, roles: dict[str, str] | None = None) -> pd.DataFrame:
    """The frame with a translated `department_label` column (and, for the cross-functional view,
    each department's contribution to CS: the company's own text where it wrote one, else ours)."""
    labelled = frame.assign(department_label=[t(f"department.{name}", lang) for name in frame["department"]])
    if "units" in frame.columns:
        roles = roles or {}
        labelled["contribution"] = [roles.get(name) or t(f"maturity.role.{name}", lang) for name in frame["department"]]
    return labelled


def fit_sentence(fitted: RetentionFit, lang: str) -> str:
    """Slope in points per level with its CI, r and p — or why some of it is missing."""
    fit, measure = fitted.fit, t(f"kpi.{fitted.measure}", lang)
    if not fit.has_line:
        return t("maturity.fit_none", lang).format(measure=measure)
    r = UNDEFINED if fit.r is None else f"{fit.r:.2f}"
    if not fit.has_intervals:
        return t("maturity.fit_line_no_ci", lang).format(measure=measure, slope=f"{fit.slope:+.1f}", r=r, units=fit.n)
    return t("maturity.fit_line", lang).format(
        measure=measure, slope=f"{fit.slope:+.1f}", low=f"{fit.slope_low:+.1f}", high=f"{fit.slope_high:+.1f}",
        r=r, p=f"{fit.p:.3f}", units=fit.n,
    )


def thin_evidence_warning(result: MaturityVsRetention, lang: str) -> str | None:
    """The plain warning when fewer than 5 units, or any on fewer than 30 accounts, carry the line."""
    if not result.thin_evidence:
        return None
    weak = t("maturity.thin_weak_units", lang).format(names=", ".join(result.weak_units)) if result.weak_units else ""
    return t("maturity.thin_evidence", lang).format(units=len(result.units), weak=weak)


def level_or_undefined(value: object) -> str:
    return UNDEFINED if is_undefined(value) else f"{float(value):.2f}"


def changed_roles(edited: dict[str, str], lang: str) -> dict[str, str]:
    """The descriptions to store from the edit form: a text equal to our default (or empty) goes back to
    the default, so our wording in the other language keeps applying."""
    return {
        name: "" if text.strip() in ("", t(f"maturity.role.{name}", lang)) else text for name, text in edited.items()
    }
