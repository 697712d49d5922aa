"""The one translation table for every label the app shows (Japanese and English).

KPI labels and definitions follow METRICS.md word for word where it gives
them. Pages and charts look labels up with `t(key, lang)`; a key missing
from the table is a bug and raises KeyError.
"""

from __future__ import annotations

LANGUAGES = ("ja", "en")
LANGUAGE_NAMES = {"ja": "日本語", "en": "English"}

TRANSLATIONS: dict[str, dict[str, str]] = {
    # --- app and pages -------------------------------------------------------
    "app.title": {"en": "CS Cockpit", "ja": "CS Cockpit"},
    "page.overview": {"en": "Overview", "ja": "経営サマリー"},
    "page.retention": {"en": "Retention", "ja": "継続・解約"},
    "page.growth": {"en": "Growth", "ja": "拡大"},
    "page.segments": {"en": "Segments", "ja": "セグメント"},
    "page.journey": {"en": "Journey", "ja": "カスタマージャーニー"},
    "page.health": {"en": "Health & alerts", "ja": "ヘルス・アラート"},
    "page.maturity": {"en": "Maturity & culture", "ja": "成熟度・企業文化"},
    "page.workshop": {"en": "Workshop", "ja": "ワークショップ"},
    "page.impact": {"en": "Impact & ROI", "ja": "効果測定"},
    "page.data": {"en": "Data", "ja": "データ"},
    # --- sidebar -------------------------------------------------------------
    "sidebar.language": {"en": "言語 / Language", "ja": "言語 / Language"},
    "sidebar.as_of": {"en": "As-of month", "ja": "基準月"},
    "sidebar.as_of_help": {
        "en": "The month the KPIs are computed for. Later months are never extrapolated.",
        "ja": "KPIを計算する月です。これより後の月は推計しません。",
    },
    "sidebar.filters": {"en": "Filters", "ja": "絞り込み"},
    "sidebar.all": {"en": "All", "ja": "すべて"},
    "sidebar.warehouse": {"en": "Warehouse", "ja": "データ"},
    # --- filter dimensions (cs_lib.filters.FILTER_DIMENSIONS) -----------------
    "dimension.segment": {"en": "Segment", "ja": "セグメント"},
    "dimension.industry": {"en": "Industry", "ja": "業種"},
    "dimension.region": {"en": "Region", "ja": "地域"},
    "dimension.business_unit": {"en": "Business unit", "ja": "事業部"},
    "dimension.cs_model": {"en": "CS model", "ja": "CSモデル"},
    "dimension.csm": {"en": "CSM", "ja": "担当CSM"},
    "dimension.product": {"en": "Product", "ja": "製品"},
    # --- KPI names (METRICS.md §14 machine names) ------------------------------
    "kpi.as_of": {"en": "As-of month", "ja": "基準月"},
    "kpi.mrr": {"en": "MRR", "ja": "MRR（月次経常収益）"},
    "kpi.arr": {"en": "ARR", "ja": "ARR（年間経常収益）"},
    "kpi.active_accounts": {"en": "Active accounts", "ja": "契約中の顧客数"},
    "kpi.arpa": {"en": "ARPA", "ja": "顧客平均単価"},
    "kpi.logo_churn_rate_month": {"en": "Logo churn (month)", "ja": "顧客解約率（月次）"},
    "kpi.gross_mrr_churn_rate_month": {"en": "Gross MRR churn (month)", "ja": "総MRR解約率（月次）"},
    "kpi.grr_month": {"en": "GRR (month)", "ja": "売上総継続率（月次）"},
    "kpi.nrr_month": {"en": "NRR (month)", "ja": "売上純継続率（月次）"},
    "kpi.quick_ratio_month": {"en": "Quick ratio (month)", "ja": "クイックレシオ（月次）"},
    "kpi.grr_ttm": {"en": "GRR (TTM)", "ja": "売上総継続率（12か月）"},
    "kpi.nrr_ttm": {"en": "NRR (TTM)", "ja": "売上純継続率（12か月）"},
    "kpi.logo_retention_ttm": {"en": "Logo retention (TTM)", "ja": "顧客継続率（12か月）"},
    "kpi.upsell_rate_ttm": {"en": "Upsell rate (TTM)", "ja": "アップセル率（12か月）"},
    "kpi.expansion_rate_ttm": {"en": "Expansion rate (TTM)", "ja": "拡大率（12か月）"},
    "kpi.cross_sell_rate_ttm": {"en": "Cross-sell rate (TTM)", "ja": "クロスセル率（12か月）"},
    "kpi.ltv": {"en": "LTV", "ja": "顧客生涯価値 LTV"},
    "kpi.renewal_rate_ttm": {"en": "Renewal rate (TTM)", "ja": "更新率（12か月）"},
    "kpi.first_renewal_rate_ttm": {"en": "First-renewal rate (TTM)", "ja": "初回更新率（12か月）"},
    # --- one-sentence definitions (METRICS.md) ---------------------------------
    "definition.as_of": {
        "en": "The month the figures are computed for; nothing past it is extrapolated.",
        "ja": "数値を計算する月です。これより後は推計しません。",
    },
    "definition.mrr": {
        "en": "Sum of the monthly recurring revenue of all subscription lines active on the last day "
        "of the month.",
        "ja": "月末日に有効なすべての契約明細の月額料金の合計です。",
    },
    "definition.arr": {
        "en": "ARR = 12 × MRR at the as-of month.",
        "ja": "ARR = 基準月のMRR × 12 です。",
    },
    "definition.active_accounts": {
        "en": "Accounts with MRR above zero at the end of the month.",
        "ja": "月末時点でMRRが0より大きい顧客の数です。",
    },
    "definition.arpa": {
        "en": "ARPA = MRR ÷ active accounts in the month.",
        "ja": "顧客平均単価 = MRR ÷ その月の契約中の顧客数 です。",
    },
    "definition.logo_churn_rate_month": {
        "en": "Accounts that churned this month ÷ accounts active the month before.",
        "ja": "当月に解約した顧客数 ÷ 前月に契約中だった顧客数 です。",
    },
    "definition.gross_mrr_churn_rate_month": {
        "en": "Churned plus contracted MRR this month ÷ MRR of the month before.",
        "ja": "当月の解約MRRと縮小MRRの合計 ÷ 前月のMRR です。",
    },
    "definition.grr_month": {
        "en": "Monthly GRR = 1 − gross MRR churn rate.",
        "ja": "月次の売上総継続率 = 1 − 総MRR解約率 です。",
    },
    "definition.nrr_month": {
        "en": "Last month's MRR plus expansion, contraction and churn this month, ÷ last month's MRR "
        "(new and reactivated revenue excluded).",
        "ja": "（前月MRR + 当月の拡大・縮小・解約）÷ 前月MRR です（新規と再開は含みません）。",
    },
    "definition.quick_ratio_month": {
        "en": "(New + reactivation + expansion) ÷ (churn + contraction) this month.",
        "ja": "（新規 + 再開 + 拡大）÷（解約 + 縮小）です。",
    },
    "definition.grr_ttm": {
        "en": "Revenue kept from the accounts active 12 months ago, counting no expansion: "
        "Σ min(MRR now, MRR then) ÷ Σ MRR then. Never above 100 %.",
        "ja": "12か月前に契約中だった顧客から、拡大を数えずに維持した売上の割合"
        "（Σ min(現在MRR, 12か月前MRR) ÷ Σ 12か月前MRR）。100 %を超えません。",
    },
    "definition.nrr_ttm": {
        "en": "MRR today of the accounts active 12 months ago ÷ their MRR then, expansion included.",
        "ja": "12か月前に契約中だった顧客の現在のMRR ÷ 12か月前のMRR（拡大を含みます）。",
    },
    "definition.logo_retention_ttm": {
        "en": "Share of the accounts active 12 months ago that are still active.",
        "ja": "12か月前に契約中だった顧客のうち、現在も契約中の割合です。",
    },
    "definition.upsell_rate_ttm": {
        "en": "Share of the accounts active 12 months ago whose MRR is now higher than then.",
        "ja": "12か月前に契約中だった顧客のうち、MRRが12か月前より増えた顧客の割合です。",
    },
    "definition.expansion_rate_ttm": {
        "en": "Revenue growth of the accounts that grew over 12 months ÷ the MRR of all accounts "
        "active 12 months ago.",
        "ja": "12か月で増えた顧客の増加MRRの合計 ÷ 12か月前に契約中だった顧客のMRRです。",
    },
    "definition.cross_sell_rate_ttm": {
        "en": "Share of the accounts active 12 months ago that now have a product they did not have then.",
        "ja": "12か月前に契約中だった顧客のうち、当時なかった製品を現在契約している割合です。",
    },
    "definition.ltv": {
        "en": "LTV = ARPA × gross margin ÷ the mean monthly gross MRR churn rate of the last 12 months.",
        "ja": "顧客生涯価値 = 顧客平均単価 × 粗利率 ÷ 直近12か月の月次総MRR解約率の平均 です。",
    },
    "definition.renewal_rate_ttm": {
        "en": "Lines expiring in the last 12 months that were renewed within the grace period ÷ "
        "expiring lines.",
        "ja": "直近12か月に満了した契約明細のうち、猶予期間内に更新されたものの割合です。",
    },
    "definition.first_renewal_rate_ttm": {
        "en": "The renewal rate counting only each account's first expiring line.",
        "ja": "各顧客の最初に満了した契約明細だけで数えた更新率です。",
    },
    # --- MRR movements (METRICS.md §2) ----------------------------------------
    "definition.mrr_movements": {
        "en": "How MRR moved from the end of the previous month: new accounts, reactivated accounts, "
        "expansion and contraction of existing accounts, and churned accounts. "
        "Start MRR + movements = end MRR.",
        "ja": "前月末からのMRRの動きです。"
        "新規顧客、再開した顧客、既存顧客の拡大と縮小、解約した顧客に分けます。"
        "期首MRR + 各項目 = 期末MRR です。",
    },
    "movement.start": {"en": "Start MRR", "ja": "期首MRR"},
    "movement.new": {"en": "New", "ja": "新規"},
    "movement.reactivation": {"en": "Reactivation", "ja": "再開"},
    "movement.expansion": {"en": "Expansion", "ja": "拡大"},
    "movement.contraction": {"en": "Contraction", "ja": "縮小"},
    "movement.churn": {"en": "Churn", "ja": "解約"},
    "movement.end": {"en": "End MRR", "ja": "期末MRR"},
    "movement.kind.total": {"en": "MRR", "ja": "MRR"},
    "movement.kind.increase": {"en": "Increase", "ja": "増加"},
    "movement.kind.decrease": {"en": "Decrease", "ja": "減少"},
    # --- charts ---------------------------------------------------------------
    "chart.waterfall.title": {"en": "MRR movements, {month}", "ja": "MRR推移（{month}）"},
    "chart.waterfall.axis_y": {"en": "MRR ({unit})", "ja": "MRR（{unit}）"},
    "chart.waterfall.zoom_note": {
        "en": "The axis starts at {start}, not at 0, so that the movements are visible.",
        "ja": "増減が見えるよう、縦軸は0ではなく{start}から始まります。",
    },
    "chart.waterfall.step": {"en": "Step", "ja": "項目"},
    "chart.waterfall.amount": {"en": "Amount", "ja": "金額"},
    "chart.waterfall.running_total": {"en": "MRR after this step", "ja": "この項目後のMRR"},
    "chart.trend.month": {"en": "Month", "ja": "月"},
    "chart.trend.value": {"en": "Retention", "ja": "継続率"},
    "chart.trend.grr_title": {"en": "GRR (TTM)", "ja": "売上総継続率 GRR（12か月）"},
    "chart.trend.nrr_title": {"en": "NRR (TTM)", "ja": "売上純継続率 NRR（12か月）"},
    "chart.trend.reference": {"en": "100 %", "ja": "100 %"},
    # --- overview page --------------------------------------------------------
    "overview.delta_description": {"en": "vs {month}", "ja": "{month}比"},
    "overview.waterfall_header": {"en": "MRR movements", "ja": "MRR推移"},
    "overview.waterfall_month": {"en": "Month", "ja": "表示する月"},
    "overview.trend_header": {
        "en": "GRR and NRR, trailing 12 months",
        "ja": "売上総継続率（GRR）と売上純継続率（NRR）の推移（12か月）",
    },
    "overview.trend_caption": {
        "en": "Read the two side by side: NRR above GRR means expansion is hiding churn.",
        "ja": "2つを並べて読みます。NRRがGRRを上回る分は、拡大が解約を覆い隠している部分です。",
    },
    "overview.trend_empty": {
        "en": "Twelve-month retention needs at least 13 months of data.",
        "ja": "12か月継続率の表示には13か月以上のデータが必要です。",
    },
    "overview.summary_header": {"en": "Summary", "ja": "サマリー"},
    "overview.data_expander": {"en": "Data", "ja": "データ"},
    "overview.download_csv": {"en": "Download CSV", "ja": "CSVをダウンロード"},
    "overview.filtered_caption": {"en": "Filtered: {filters}", "ja": "絞り込み中: {filters}"},
    # --- plain-language summary (cs_lib.present.summary) ------------------------------
    "summary.arr": {
        "en": "ARR is {arr} in {as_of}, {change} from {previous} in {previous_month}.",
        "ja": "{as_of}のARRは{arr}で、{previous_month}の{previous}から{change}。",
    },
    "summary.arr_up": {"en": "up {percent}", "ja": "{percent}増えました"},
    "summary.arr_down": {"en": "down {percent}", "ja": "{percent}減りました"},
    "summary.arr_flat": {"en": "unchanged", "ja": "横ばいです"},
    "summary.arr_only": {"en": "ARR is {arr} in {as_of}.", "ja": "{as_of}のARRは{arr}です。"},
    "summary.retention_hidden_churn": {
        "en": "Over the last 12 months NRR is {nrr} but GRR only {grr}: expansion is hiding churn "
        "({gap} points of NRR come from expansion).",
        "ja": "直近12か月のNRRは{nrr}ですが、GRRは{grr}にとどまり、拡大が解約を覆い隠しています"
        "（NRRのうち{gap}ポイントは拡大によるものです）。",
    },
    "summary.retention_plain": {
        "en": "Over the last 12 months NRR is {nrr} and GRR {grr}: revenue is kept mostly by keeping "
        "customers, not by expansion.",
        "ja": "直近12か月のNRRは{nrr}、GRRは{grr}で、売上は拡大よりも顧客の維持によって保たれています。",
    },
    "summary.retention_shrinking": {
        "en": "Over the last 12 months NRR is {nrr} and GRR {grr}: existing customers bring in less "
        "revenue than a year ago.",
        "ja": "直近12か月のNRRは{nrr}、GRRは{grr}で、既存顧客からの売上は1年前より減っています。",
    },
    "summary.retention_undefined": {
        "en": "Twelve-month retention is not available yet (it needs 13 months of data).",
        "ja": "12か月継続率はまだ計算できません（13か月以上のデータが必要です）。",
    },
    "summary.churn": {
        "en": "Logo churn was {churn} this month ({previous} in {previous_month}).",
        "ja": "当月の顧客解約率は{churn}でした（{previous_month}は{previous}）。",
    },
    "summary.churn_only": {
        "en": "Logo churn was {churn} this month.",
        "ja": "当月の顧客解約率は{churn}でした。",
    },
    "summary.churn_undefined": {
        "en": "Logo churn is undefined this month (no accounts were active the month before).",
        "ja": "当月の顧客解約率は計算できません（前月に契約中の顧客がいません）。",
    },
    "summary.no_data": {
        "en": "There is no revenue in the selected scope at {as_of}.",
        "ja": "{as_of}時点で、選択した範囲に売上はありません。",
    },
    # --- errors for users -----------------------------------------------------
    "error.no_warehouse": {
        "en": "No warehouse found at `{path}`. Build the demo data with `make run`, or run "
        "`python -m cs_lib demo --db data/demo.duckdb` and reload this page.",
        "ja": "`{path}` にデータがありません。`make run` を実行するか、"
        "`python -m cs_lib demo --db data/demo.duckdb` でデモデータを作ってから"
        "ページを再読み込みしてください。",
    },
    "error.cannot_open": {
        "en": "The warehouse could not be opened: {error}",
        "ja": "データを開けませんでした: {error}",
    },
    "error.stale_definitions": {
        "en": "The warehouse `{path}` was built by an older version of CS Cockpit. Update it with "
        "`python -m cs_lib refresh --db {path}` (or `make run`) and reload this page.",
        "ja": "`{path}` は古いバージョンで作られたデータです。"
        "`python -m cs_lib refresh --db {path}`（または `make run`）で更新してから"
        "ページを再読み込みしてください。",
    },
    "error.empty_warehouse": {
        "en": "The warehouse holds no subscriptions yet. Import data or build the demo with "
        "`python -m cs_lib demo --db data/demo.duckdb`.",
        "ja": "契約データがまだありません。データを取り込むか、"
        "`python -m cs_lib demo --db data/demo.duckdb` でデモデータを作ってください。",
    },
}


def t(key: str, lang: str) -> str:
    """The label for `key` in `lang`; an unknown key or language raises KeyError."""
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return TRANSLATIONS[key][lang]


def default_language(locale: str | None) -> str:
    """Japanese for a Japanese or unknown browser locale, English otherwise.

    `locale` is the browser's `navigator.language` (e.g. "ja-JP", "en-US"),
    which Streamlit exposes as `st.context.locale` and may be None.
    """
    if not locale or not locale.strip():
        return "ja"
    return "ja" if locale.strip().lower().startswith("ja") else "en"
