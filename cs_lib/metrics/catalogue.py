"""The KPI catalogue: every KPI of METRICS.md §14 once, with what the app needs to know about it.

Machine name, kind (how it is formatted and how its change is read), whether
lower is better, its METRICS.md section, the `sql/` file that computes it,
and its label and one-sentence definition in Japanese and English. The
engine's column list, the number formats and the translation table are all
read from here, so adding a KPI is one entry (tests/test_catalogue.py checks
that each has its label, definition and docs entry).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

KpiKind = Literal["month", "money", "count", "rate", "ratio"]


@dataclass(frozen=True)
class Kpi:
    name: str
    kind: KpiKind
    section: str  # METRICS.md section that defines it
    computed_in: str  # the sql/ file that computes it
    lower_is_better: bool = False  # a fall is good news (churn rates)
    compact: bool = False  # large amounts shown as 1.2億 / ¥13.4M on cards
    label: dict[str, str] | None = None
    definition: dict[str, str] | None = None

    @property
    def is_rate(self) -> bool:
        return self.kind == "rate"


KPIS: tuple[Kpi, ...] = (
    Kpi(
        "as_of", "month", "§14", "sql/30_metrics/80_scoped_kpi_series.sql",
        label={"en": "As-of month", "ja": "基準月"},
        definition={
            "en": "The month the figures are computed for; nothing past it is extrapolated.",
            "ja": "数値を計算する月です。これより後は推計しません。",
        },
    ),
    Kpi(
        "mrr", "money", "§1", "sql/30_metrics/35_scoped_monthly_mrr_movements.sql",
        compact=True,
        label={"en": "MRR", "ja": "MRR（月次経常収益）"},
        definition={
            "en": "Sum of the monthly recurring revenue of all subscription lines active on the last day of the "
                "month.",
            "ja": "月末日に有効なすべての契約明細の月額料金の合計です。",
        },
    ),
    Kpi(
        "arr", "money", "§9", "sql/30_metrics/80_scoped_kpi_series.sql",
        compact=True,
        label={"en": "ARR", "ja": "ARR（年間経常収益）"},
        definition={
            "en": "ARR = 12 × MRR at the as-of month.",
            "ja": "ARR = 基準月のMRR × 12 です。",
        },
    ),
    Kpi(
        "active_accounts", "count", "§1", "sql/30_metrics/35_scoped_monthly_mrr_movements.sql",
        label={"en": "Active accounts", "ja": "契約中の顧客数"},
        definition={
            "en": "Accounts with MRR above zero at the end of the month.",
            "ja": "月末時点でMRRが0より大きい顧客の数です。",
        },
    ),
    Kpi(
        "arpa", "money", "§5", "sql/30_metrics/80_scoped_kpi_series.sql",
        label={"en": "ARPA", "ja": "顧客平均単価"},
        definition={
            "en": "ARPA = MRR ÷ active accounts in the month.",
            "ja": "顧客平均単価 = MRR ÷ その月の契約中の顧客数 です。",
        },
    ),
    Kpi(
        "logo_churn_rate_month", "rate", "§3", "sql/30_metrics/40_scoped_monthly_rates.sql",
        lower_is_better=True,
        label={"en": "Logo churn (month)", "ja": "顧客解約率（月次）"},
        definition={
            "en": "Accounts that churned this month ÷ accounts active the month before.",
            "ja": "当月に解約した顧客数 ÷ 前月に契約中だった顧客数 です。",
        },
    ),
    Kpi(
        "gross_mrr_churn_rate_month", "rate", "§3", "sql/30_metrics/40_scoped_monthly_rates.sql",
        lower_is_better=True,
        label={"en": "Gross MRR churn (month)", "ja": "総MRR解約率（月次）"},
        definition={
            "en": "Churned plus contracted MRR this month ÷ MRR of the month before.",
            "ja": "当月の解約MRRと縮小MRRの合計 ÷ 前月のMRR です。",
        },
    ),
    Kpi(
        "grr_month", "rate", "§3", "sql/30_metrics/40_scoped_monthly_rates.sql",
        label={"en": "GRR (month)", "ja": "売上総継続率（月次）"},
        definition={
            "en": "Monthly GRR = 1 − gross MRR churn rate.",
            "ja": "月次の売上総継続率 = 1 − 総MRR解約率 です。",
        },
    ),
    Kpi(
        "nrr_month", "rate", "§3", "sql/30_metrics/40_scoped_monthly_rates.sql",
        label={"en": "NRR (month)", "ja": "売上純継続率（月次）"},
        definition={
            "en": "Last month's MRR plus expansion, contraction and churn this month, ÷ last month's MRR (new "
                "and reactivated revenue excluded).",
            "ja": "（前月MRR + 当月の拡大・縮小・解約）÷ 前月MRR です（新規と再開は含みません）。",
        },
    ),
    Kpi(
        "quick_ratio_month", "ratio", "§3", "sql/30_metrics/40_scoped_monthly_rates.sql",
        label={"en": "Quick ratio (month)", "ja": "クイックレシオ（月次）"},
        definition={
            "en": "(New + reactivation + expansion) ÷ (churn + contraction) this month.",
            "ja": "（新規 + 再開 + 拡大）÷（解約 + 縮小）です。",
        },
    ),
    Kpi(
        "grr_ttm", "rate", "§4", "sql/30_metrics/55_scoped_trailing_retention.sql",
        label={"en": "GRR (TTM)", "ja": "売上総継続率（12か月）"},
        definition={
            "en": "Revenue kept from the accounts active 12 months ago, counting no expansion: Σ min(MRR now, "
                "MRR then) ÷ Σ MRR then. Never above 100 %.",
            "ja": "12か月前に契約中だった顧客から、拡大を数えずに維持した売上の割合"
                "（Σ min(現在MRR, 12か月前MRR) ÷ Σ 12か月前MRR）。100 %を超えません。",
        },
    ),
    Kpi(
        "nrr_ttm", "rate", "§4", "sql/30_metrics/55_scoped_trailing_retention.sql",
        label={"en": "NRR (TTM)", "ja": "売上純継続率（12か月）"},
        definition={
            "en": "MRR today of the accounts active 12 months ago ÷ their MRR then, expansion included.",
            "ja": "12か月前に契約中だった顧客の現在のMRR ÷ 12か月前のMRR（拡大を含みます）。",
        },
    ),
    Kpi(
        "logo_retention_ttm", "rate", "§4", "sql/30_metrics/55_scoped_trailing_retention.sql",
        label={"en": "Logo retention (TTM)", "ja": "顧客継続率（12か月）"},
        definition={
            "en": "Share of the accounts active 12 months ago that are still active.",
            "ja": "12か月前に契約中だった顧客のうち、現在も契約中の割合です。",
        },
    ),
    Kpi(
        "upsell_rate_ttm", "rate", "§4", "sql/30_metrics/55_scoped_trailing_retention.sql",
        label={"en": "Upsell rate (TTM)", "ja": "アップセル率（12か月）"},
        definition={
            "en": "Share of the accounts active 12 months ago whose MRR is now higher than then.",
            "ja": "12か月前に契約中だった顧客のうち、MRRが12か月前より増えた顧客の割合です。",
        },
    ),
    Kpi(
        "expansion_rate_ttm", "rate", "§4", "sql/30_metrics/55_scoped_trailing_retention.sql",
        label={"en": "Expansion rate (TTM)", "ja": "拡大率（12か月）"},
        definition={
            "en": "Revenue growth of the accounts that grew over 12 months ÷ the MRR of all accounts active 12 "
                "months ago.",
            "ja": "12か月で増えた顧客の増加MRRの合計 ÷ 12か月前に契約中だった顧客のMRRです。",
        },
    ),
    Kpi(
        "cross_sell_rate_ttm", "rate", "§4", "sql/30_metrics/55_scoped_trailing_retention.sql",
        label={"en": "Cross-sell rate (TTM)", "ja": "クロスセル率（12か月）"},
        definition={
            "en": "Share of the accounts active 12 months ago that now have a product they did not have then.",
            "ja": "12か月前に契約中だった顧客のうち、当時なかった製品を現在契約している割合です。",
        },
    ),
    Kpi(
        "ltv", "money", "§5", "sql/30_metrics/80_scoped_kpi_series.sql",
        compact=True,
        label={"en": "LTV", "ja": "顧客生涯価値 LTV"},
        definition={
            "en": "LTV = ARPA × gross margin ÷ the mean monthly gross MRR churn rate of the last 12 months.",
            "ja": "顧客生涯価値 = 顧客平均単価 × 粗利率 ÷ 直近12か月の月次総MRR解約率の平均 です。",
        },
    ),
    Kpi(
        "renewal_rate_ttm", "rate", "§7", "sql/30_metrics/70_scoped_expiring_lines.sql",
        label={"en": "Renewal rate (TTM)", "ja": "更新率（12か月）"},
        definition={
            "en": "Paid lines that expired in the last 12 months and whose grace period has passed: the share "
            "renewed by a paid line of the same product within the grace period (lines still in grace are "
            "pending, not counted).",
            "ja": "直近12か月に満了し猶予期間を過ぎた有料の契約明細のうち、猶予期間内に同じ製品の有料明細で"
            "更新されたものの割合です（猶予期間中の明細は判定待ちとして数えません）。",
        },
    ),
    Kpi(
        "first_renewal_rate_ttm", "rate", "§7", "sql/30_metrics/70_scoped_expiring_lines.sql",
        label={"en": "First-renewal rate (TTM)", "ja": "初回更新率（12か月）"},
        definition={
            "en": "The renewal rate counting only each account's first paid expiring line.",
            "ja": "各顧客の最初に満了した有料の契約明細だけで数えた更新率です。",
        },
    ),
    Kpi(
        "pilot_conversion_rate_ttm", "rate", "§7", "sql/30_metrics/70_scoped_expiring_lines.sql",
        label={"en": "Pilot conversion (TTM)", "ja": "トライアル転換率（12か月）"},
        definition={
            "en": "Free pilot or trial lines that ended in the last 12 months and were followed by a paid line "
                "within the grace period ÷ those free lines.",
            "ja": "直近12か月に終了した無料のトライアル明細のうち、"
                "猶予期間内に有料の契約明細へ移行したものの割合です。",
        },
    ),
    Kpi(
        "renewals_pending", "count", "§7", "sql/30_metrics/70_scoped_expiring_lines.sql",
        label={"en": "Renewals pending", "ja": "更新判定待ち"},
        definition={
            "en": "Paid lines that expired in the last 12 months whose grace period has not yet passed, so whether "
                "they renew is not known yet.",
            "ja": "直近12か月に満了した有料の契約明細のうち、"
                "猶予期間がまだ終わらず更新の有無が決まっていないものの数です。",
        },
    ),
)

KPIS_BY_NAME: dict[str, Kpi] = {kpi.name: kpi for kpi in KPIS}
KPI_NAMES: tuple[str, ...] = tuple(kpi.name for kpi in KPIS)


def kpi(name: str) -> Kpi:
    """The catalogue entry of a machine name; an unknown name raises KeyError naming the valid ones."""
    try:
        return KPIS_BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown KPI {name!r}; known: {', '.join(KPI_NAMES)}") from None
