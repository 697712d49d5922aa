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
    "sidebar.compare": {"en": "Compare with (months back)", "ja": "比較する月"},
    "sidebar.compare_option.1": {"en": "1 mo", "ja": "前月"},
    "sidebar.compare_option.3": {"en": "3 mo", "ja": "3か月前"},
    "sidebar.compare_option.12": {"en": "12 mo", "ja": "前年同月"},
    "sidebar.compare_help": {
        "en": "Each card compares the as-of month with this many months earlier and says whether the change "
        "is real.",
        "ja": "各カードは基準月をこの月数前と比べ、変化が本物かどうかを示します。",
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
    # --- data tables (cs_lib.present.tables) ----------------------------------
    "table.month": {"en": "Month", "ja": "月"},
    "table.mrr_end": {"en": "MRR (month end)", "ja": "月末MRR"},
    "table.accounts_start": {"en": "Accounts at start", "ja": "期首の顧客数"},
    # --- overview page --------------------------------------------------------
    "overview.delta_description": {"en": "vs {month}", "ja": "{month}比"},
    "overview.waterfall_header": {"en": "MRR movements", "ja": "MRR推移"},
    "overview.waterfall_month": {"en": "Month", "ja": "表示する月"},
    "overview.trend_header": {
        "en": "GRR and NRR, trailing 12 months",
        "ja": "売上総継続率（GRR）と売上純継続率（NRR）の推移（12か月）",
    },
    "overview.trend_caption": {
        "en": "Read the two side by side: the gap between NRR and GRR is what expansion adds on top of the "
        "revenue kept; when NRR holds while GRR falls, expansion is covering for churn.",
        "ja": "2つを並べて読みます。NRRとGRRの差は拡大による上乗せ分です。GRRが下がるのにNRRが保たれているときは、"
        "拡大が解約を埋め合わせています。",
    },
    "overview.trend_empty": {
        "en": "Twelve-month retention needs at least 13 months of data.",
        "ja": "12か月継続率の表示には13か月以上のデータが必要です。",
    },
    "overview.summary_header": {"en": "Summary", "ja": "サマリー"},
    "overview.data_expander": {"en": "Data", "ja": "データ"},
    "overview.download_csv": {"en": "Download CSV", "ja": "CSVをダウンロード"},
    "overview.filtered_caption": {"en": "Filtered: {filters}", "ja": "絞り込み中: {filters}"},
    "overview.unfiltered_caption": {"en": "All accounts (no filter)", "ja": "全顧客（絞り込みなし）"},
    # --- KPI cards (cs_lib.present.cards) -------------------------------------
    "card.vs": {"en": "vs {month}", "ja": "{month}比"},
    "card.no_comparison": {"en": "no comparison month in the data", "ja": "比較する月のデータがありません"},
    "card.verdict.improvement": {"en": "a real improvement", "ja": "実質的な改善"},
    "card.verdict.decline": {"en": "a real decline", "ja": "実質的な悪化"},
    "card.verdict.within_noise": {"en": "within noise", "ja": "誤差の範囲"},
    "card.verdict.too_few": {"en": "too few accounts to tell", "ja": "顧客数が少なく判断できません"},
    "card.verdict.undefined": {"en": "cannot be tested", "ja": "検定できません"},
    "card.basis": {"en": "on {accounts} accounts", "ja": "対象 {accounts}社"},
    "card.weak_evidence": {"en": "⚠ weak evidence (under 30)", "ja": "⚠ 根拠が弱い（30社未満）"},
    "card.target": {"en": "target {target}", "ja": "目標 {target}"},
    "card.on_track": {"en": "on track", "ja": "達成"},
    "card.off_track": {"en": "off track", "ja": "未達"},
    "card.help_amount": {
        "en": "An amount: its change is shown as it is, without a test.",
        "ja": "金額のため、変化は検定せずそのまま表示します。",
    },
    "card.help_test": {
        "en": "Is the change real? A paired bootstrap over the accounts of both months ({now} now, {before} "
        "then; 2,000 resamples, seed 0): real when the 95 % interval of the change excludes 0. Under "
        "{minimum} accounts: too few to tell.",
        "ja": "変化は本物か：両月の顧客（現在{now}社、比較月{before}社）を対にしたブートストラップ"
        "（2,000回、シード0）で、変化の95 %区間が0を含まなければ実質的な変化とします。"
        "{minimum}社未満では判断しません。",
    },
    "card.help_interval": {"en": " 95 % interval: {lower} to {upper}.", "ja": " 95 %区間: {lower} ～ {upper}。"},
    # --- links (cs_lib.present.link_check) -------------------------------------
    "link.unknown_value": {
        "en": "The link's {parameter} “{value}” matches no account and was ignored. Valid: {valid}.",
        "ja": "リンクの{parameter}「{value}」に該当する顧客がないため無視しました。有効な値: {valid}",
    },
    "link.malformed_month": {
        "en": "The link's as-of month “{value}” is not a month (YYYY-MM) and was ignored. The data covers {valid}.",
        "ja": "リンクの基準月「{value}」は月（YYYY-MM）として読めないため無視しました。データの期間: {valid}",
    },
    "link.month_outside": {
        "en": "The link's as-of month “{value}” is outside the data and was ignored. The data covers {valid}.",
        "ja": "リンクの基準月「{value}」はデータの期間外のため無視しました。データの期間: {valid}",
    },
    "link.unknown_language": {
        "en": "The link's language “{value}” is not available and was ignored. Valid: {valid}.",
        "ja": "リンクの言語「{value}」は使えないため無視しました。有効な値: {valid}",
    },
    "link.unknown_comparison": {
        "en": "The link's comparison “{value}” was ignored. Valid: {valid} (months back).",
        "ja": "リンクの比較期間「{value}」は無視しました。有効な値: {valid}（か月前）",
    },
    # --- plain-language summary (cs_lib.present.summary) ------------------------------
    "summary.arr": {
        "en": "ARR is {arr} in {as_of}, {change} from {previous} in {previous_month}.",
        "ja": "{as_of}のARRは{arr}で、{previous_month}の{previous}から{change}。",
    },
    "summary.arr_up": {"en": "up {percent}", "ja": "{percent}増えました"},
    "summary.arr_down": {"en": "down {percent}", "ja": "{percent}減りました"},
    "summary.arr_flat": {"en": "unchanged", "ja": "横ばいです"},
    "summary.arr_only": {"en": "ARR is {arr} in {as_of}.", "ja": "{as_of}のARRは{arr}です。"},
    "summary.retention_shrinking": {
        "en": "Net revenue from existing customers is shrinking: over the last 12 months NRR is {nrr} "
        "(GRR {grr}).",
        "ja": "既存顧客からの売上は純減しています。直近12か月のNRRは{nrr}（GRRは{grr}）です。",
    },
    "summary.retention_expansion_offsets_churn": {
        "en": "Over the last 12 months NRR is {nrr} while GRR is {grr}: expansion offsets the revenue "
        "lost to churn and contraction ({gap} points of NRR come from expansion).",
        "ja": "直近12か月のNRRは{nrr}、GRRは{grr}で、解約と縮小で失った売上を拡大が補っています"
        "（NRRのうち{gap}ポイントは拡大によるものです）。",
    },
    "summary.retention_nothing_lost": {
        "en": "Over the last 12 months existing customers lost no revenue to churn or contraction "
        "(GRR {grr}); NRR is {nrr}.",
        "ja": "直近12か月、既存顧客からの解約・縮小による売上減はありません（GRR {grr}）。NRRは{nrr}です。",
    },
    "summary.retention_weak": {
        "en": "Twelve-month retention rests on only {accounts} accounts (NRR {nrr}, GRR {grr}): "
        "too few to draw a conclusion.",
        "ja": "12か月継続率は{accounts}社だけに基づくため（NRR {nrr}、GRR {grr}）、結論は出せません。",
    },
    "summary.change": {
        "en": "Against {previous_month}, {kpi} moved {change}: {verdict}.",
        "ja": "{previous_month}と比べて{kpi}は{change}変化しました（{verdict}）。",
    },
    "summary.retention_undefined": {
        "en": "Twelve-month retention is not available yet (it needs 13 months of data).",
        "ja": "12か月継続率はまだ計算できません（13か月以上のデータが必要です）。",
    },
    "summary.churn": {
        "en": "Logo churn was {churn} this month ({previous} in {previous_month}; {verdict}).",
        "ja": "当月の顧客解約率は{churn}でした（{previous_month}は{previous}、{verdict}）。",
    },
    "summary.churn_weak": {
        "en": "Logo churn was {churn} this month, on only {accounts} accounts: too few to tell.",
        "ja": "当月の顧客解約率は{churn}ですが、{accounts}社だけに基づくため判断できません。",
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


# --- Maturity & culture, workshop and access control (issue 10) ---
from cs_lib.present.i18n_maturity import MATURITY_LABELS  # noqa: E402
from cs_lib.present.i18n_workshop import WORKSHOP_LABELS  # noqa: E402

for _labels in (MATURITY_LABELS, WORKSHOP_LABELS):
    assert not set(_labels) & set(TRANSLATIONS), set(_labels) & set(TRANSLATIONS)
    TRANSLATIONS.update(_labels)
