"""The one translation table for every label the app shows (Japanese and English).

KPI labels and definitions live in the KPI catalogue
(`cs_lib.metrics.catalogue`) and are merged in here as `kpi.<name>` and
`definition.<name>`. Pages and charts look labels up with `t(key, lang)`; a key missing
from the table is a bug and raises KeyError.
"""

from __future__ import annotations

from cs_lib.metrics.catalogue import KPIS

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
    "chart.waterfall.amount_exact": {"en": "Exact amount", "ja": "正確な金額"},
    "chart.waterfall.narrow.start": {"en": "Start\nMRR", "ja": "期首\nMRR"},
    "chart.waterfall.narrow.new": {"en": "New", "ja": "新規"},
    "chart.waterfall.narrow.reactivation": {"en": "Reacti-\nvation", "ja": "再開"},
    "chart.waterfall.narrow.expansion": {"en": "Expan-\nsion", "ja": "拡大"},
    "chart.waterfall.narrow.contraction": {"en": "Contrac-\ntion", "ja": "縮小"},
    "chart.waterfall.narrow.churn": {"en": "Churn", "ja": "解約"},
    "chart.waterfall.narrow.end": {"en": "End\nMRR", "ja": "期末\nMRR"},
    "chart.trend.accounts": {"en": "Accounts it rests on", "ja": "対象の顧客数"},
    "chart.trend.weak_evidence": {
        "en": "{count} (weak evidence: fewer than {minimum} accounts)",
        "ja": "{count}（{minimum}社未満のため根拠が弱い）",
    },
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

for _kpi in KPIS:
    TRANSLATIONS[f"kpi.{_kpi.name}"] = dict(_kpi.label or {})
    TRANSLATIONS[f"definition.{_kpi.name}"] = dict(_kpi.definition or {})


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
