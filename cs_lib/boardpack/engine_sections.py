"""Board-pack sections from the engines of other pages, present only when those engines are installed:
the renewal-risk summary (`cs_lib.metrics.risk`, with the health scores of `cs_lib.metrics.health`) and the
maturity summary (`cs_lib.metrics.maturity`). Each is one builder function of `content.SECTION_BUILDERS`."""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

import pandas as pd

from cs_lib.present.formatting import count, money, percent, ratio
from cs_lib.present.i18n import t

if TYPE_CHECKING:
    from cs_lib.boardpack.content import PackContext, Section

RISK_ROWS = 8  # the lines with the largest expected loss
BAND_ORDER = ("at_risk", "watch", "healthy", "unscored")  # the worst first


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def risk_section(context: PackContext) -> Section | None:
    from cs_lib.boardpack.content import Section

    if not installed("cs_lib.metrics.risk"):
        return None
    from cs_lib.metrics.risk import risk_list

    lines = risk_list(context.con, context.as_of, context.filters, context.settings)
    lang, currency = context.lang, context.settings.currency
    bands = lines.assign(band=lines["band"].fillna("unscored")).groupby("band").agg(
        lines=("subscription_id", "count"), arr=("arr_at_risk", "sum"))
    bands = bands.reindex([band for band in BAND_ORDER if band in bands.index])
    summary = t("board.risk_summary", lang).format(
        lines=count(len(lines)), arr=money(float(lines["arr_at_risk"].sum()), currency),
        loss=money(float(lines["expected_loss"].sum(min_count=1)), currency),
    )
    headings = (t("board.risk.account", lang), t("board.risk.end_date", lang), t("board.risk.arr", lang),
                t("board.risk.band", lang), t("board.risk.loss", lang))
    top = lines.head(RISK_ROWS)
    rows = tuple(
        (str(row.account_name or row.account_id), str(row.end_date), money(row.arr_at_risk, currency),
         t(f"board.band.{row.band}", lang) if isinstance(row.band, str) else "–", money(row.expected_loss, currency))
        for row in top.itertuples()
    )
    by_band = "; ".join(
        f"{t(f'board.band.{band}', lang)} {count(values.lines)} / {money(values.arr, currency)}"
        for band, values in bands.iterrows())
    return Section("risk", t("board.risk", lang), (summary, by_band), (headings, *rows))


def maturity_section(context: PackContext) -> Section | None:
    from cs_lib.boardpack.content import Section

    if not installed("cs_lib.metrics.maturity"):
        return None
    from cs_lib.metrics.maturity import company_maturity, department_overview

    lang = context.lang
    company = company_maturity(context.con, context.as_of, context.filters, context.settings)
    if company.assessed_units == 0:  # nothing assessed (yet, or in this scope): no section
        return None
    overview = department_overview(context.con, context.as_of, context.filters, context.settings)
    summary = t("board.maturity_summary", lang).format(
        level=ratio(company.maturity, 1), units=count(company.assessed_units),
        covered=percent(company.covered_share),
    )
    headings = (t("board.maturity.department", lang), t("board.maturity.level", lang),
                t("board.maturity.units", lang), t("board.maturity.assessed_on", lang))
    rows = tuple((t(f"department.{row.department}", lang), ratio(row.level, 1), count(row.units),
                  "–" if pd.isna(row.assessed_on) else str(row.assessed_on))
                 for row in overview.itertuples())
    return Section("maturity", t("board.maturity", lang), (summary,), (headings, *rows))
