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
    # --- Health & alerts, Journey, Account view (issue 9; METRICS.md §8–10) ----------
    "page.account": {"en": "Account view", "ja": "顧客詳細"},
    "table.account_id": {"en": "Account ID", "ja": "顧客ID"},
    "table.account_name": {"en": "Account", "ja": "顧客名"},
    "band.healthy": {"en": "Healthy", "ja": "良好"},
    "band.watch": {"en": "Watch", "ja": "注意"},
    "band.at_risk": {"en": "At risk", "ja": "危険"},
    "band.unscored": {"en": "Unscored", "ja": "スコアなし"},
    "health.component.adoption": {"en": "Adoption", "ja": "活用度"},
    "health.component.engagement": {"en": "Engagement", "ja": "接点"},
    "health.component.support": {"en": "Support", "ja": "サポート"},
    "health.component.sentiment": {"en": "Sentiment", "ja": "NPS"},
    "health.component.growth": {"en": "Growth", "ja": "成長"},
    "health.section": {"en": "Section", "ja": "表示"},
    "health.section.scores": {"en": "Health score", "ja": "ヘルススコア"},
    "health.section.risk": {"en": "Renewal risk", "ja": "更新リスク"},
    "health.section.alerts": {"en": "Alerts", "ja": "アラート"},
    "health.section.backtest": {"en": "Does it deserve trust?", "ja": "信頼できるか"},
    "health.section.forecast": {"en": "Renewal forecast", "ja": "更新予測"},
    "health.accounts_scored": {"en": "Active accounts", "ja": "アクティブ顧客数"},
    "health.accounts": {"en": "Accounts", "ja": "顧客数"},
    "health.share": {"en": "Share", "ja": "構成比"},
    "health.band": {"en": "Band", "ja": "判定"},
    "health.score": {"en": "Health score", "ja": "ヘルススコア"},
    "health.month": {"en": "Month", "ja": "月"},
    "health.low_confidence": {"en": "Low confidence", "ja": "根拠不足"},
    "health.weights": {"en": "Weights", "ja": "重み"},
    "health.low_confidence_count": {"en": "{count} low-confidence scores (fewer than two components)",
                                    "ja": "根拠不足のスコア {count} 件（構成要素が2つ未満）"},
    "health.weak": {"en": "Only {count} accounts (under {minimum}): weak evidence, read the shares with care.",
                    "ja": "顧客数が {count} 件（{minimum} 件未満）のため根拠が弱く、構成比は参考値です。"},
    "health.chart.bands": {"en": "Accounts per band", "ja": "判定別の顧客数"},
    "health.chart.trend": {"en": "Band mix by month", "ja": "判定の構成比の推移"},
    "health.chart.auc": {"en": "Back-test AUC by month (0.5 = a coin toss)", "ja": "月別のAUC（0.5 = 当て推量）"},
    "health.coin_toss": {"en": "0.5: no better than a coin toss", "ja": "0.5: 当て推量と同じ"},
    "health.accounts_header": {"en": "Accounts, lowest score first", "ja": "顧客別スコア（低い順）"},
    "health.open_account": {"en": "Select a row to open the account view.", "ja": "行を選ぶと顧客詳細を開きます。"},
    "risk.header": {"en": "Renewals in the next {days} days", "ja": "今後 {days} 日以内の更新"},
    "risk.lines": {"en": "Expiring lines", "ja": "更新対象の契約"},
    "risk.arr_at_risk": {"en": "ARR at risk", "ja": "対象ARR"},
    "risk.expected_loss": {"en": "Expected loss", "ja": "予想損失"},
    "risk.end_date": {"en": "Contract end", "ja": "契約終了日"},
    "risk.renewal_booked": {"en": "Renewal booked", "ja": "更新済み"},
    "risk.last_touchpoint": {"en": "Last touchpoint", "ja": "最終接点"},
    "risk.download_excel": {"en": "Download Excel (for the SFA)", "ja": "Excelをダウンロード（SFA取込用）"},
    "alerts.header": {"en": "Open alerts", "ja": "アラート"},
    "alerts.rule": {"en": "Rule", "ja": "ルール"},
    "alerts.evidence": {"en": "Evidence", "ja": "根拠"},
    "alerts.owner": {"en": "Owner", "ja": "担当"},
    "alerts.none": {"en": "No alerts for this view.", "ja": "この条件でのアラートはありません。"},
    "alerts.off": {"en": "Switched off", "ja": "停止中のルール"},
    "alerts.count": {"en": "{count} alerts", "ja": "アラート {count} 件"},
    "alerts.rule.health_at_risk": {"en": "Fell into at risk", "ja": "危険に転落"},
    "alerts.rule.health_drop": {"en": "Health dropped 20+ points", "ja": "スコアが20点以上低下"},
    "alerts.rule.no_touchpoint": {"en": "No touchpoint in 90 days", "ja": "90日間接点なし"},
    "alerts.rule.renewal_not_healthy": {"en": "Renewal while not healthy", "ja": "良好でない更新"},
    "backtest.header": {"en": "Does the health score deserve trust?", "ja": "ヘルススコアは信頼できるか"},
    "backtest.pooled_auc": {"en": "AUC with the current weights", "ja": "現在の重みでのAUC"},
    "backtest.suggested_auc": {"en": "AUC with the suggested weights", "ja": "提案の重みでのAUC"},
    "backtest.rows": {"en": "Account-months tested", "ja": "検証した顧客×月"},
    "backtest.auc": {"en": "AUC", "ja": "AUC"},
    "backtest.churn_3m_healthy": {"en": "3-month churn, healthy", "ja": "3か月内解約率（良好）"},
    "backtest.churn_3m_watch": {"en": "3-month churn, watch", "ja": "3か月内解約率（注意）"},
    "backtest.churn_3m_at_risk": {"en": "3-month churn, at risk", "ja": "3か月内解約率（危険）"},
    "backtest.accounts_healthy": {"en": "Accounts, healthy", "ja": "顧客数（良好）"},
    "backtest.accounts_watch": {"en": "Accounts, watch", "ja": "顧客数（注意）"},
    "backtest.accounts_at_risk": {"en": "Accounts, at risk", "ja": "顧客数（危険）"},
    "backtest.calibration": {"en": "Calibration", "ja": "スコア帯別の実績"},
    "backtest.health_bin": {"en": "Health score", "ja": "スコア帯"},
    "backtest.mean_health": {"en": "Mean score", "ja": "平均スコア"},
    "backtest.retained_3m": {"en": "Retained 3 months later", "ja": "3か月後の継続率"},
    "backtest.weights": {"en": "Suggested weights", "ja": "重みの提案"},
    "backtest.component": {"en": "Component", "ja": "構成要素"},
    "backtest.current_weight": {"en": "Current", "ja": "現在"},
    "backtest.suggested_weight": {"en": "Suggested", "ja": "提案"},
    "backtest.never_applied": {
        "en": "Never applied automatically: to use them, change the weight settings.",
        "ja": "自動では適用しません。使う場合は重みの設定を変更してください。",
    },
    "forecast.header": {"en": "Renewal forecast", "ja": "更新予測"},
    "forecast.quarters": {"en": "Quarters ahead", "ja": "予測する四半期数"},
    "forecast.chart": {"en": "Renewed ARR: P10–P90 range and P50, against expiring ARR",
                       "ja": "更新ARR: P10〜P90の幅とP50（背景は更新対象ARR）"},
    "forecast.quarter": {"en": "Quarter", "ja": "四半期"},
    "forecast.arr": {"en": "ARR", "ja": "ARR"},
    "forecast.expiring_arr": {"en": "Expiring ARR", "ja": "更新対象ARR"},
    "forecast.expected_arr": {"en": "Expected renewed ARR", "ja": "更新ARRの期待値"},
    "forecast.range": {"en": "P10–P90", "ja": "P10〜P90"},
    "forecast.p10": {"en": "P10", "ja": "P10"},
    "forecast.p50": {"en": "P50", "ja": "P50"},
    "forecast.p90": {"en": "P90", "ja": "P90"},
    "forecast.lines": {"en": "Lines", "ja": "契約数"},
    "forecast.actual_arr": {"en": "Actually renewed ARR", "ja": "実際の更新ARR"},
    "forecast.inside": {"en": "Inside P10–P90", "ja": "P10〜P90内"},
    "forecast.backtest": {"en": "Checked against past quarters", "ja": "過去の四半期での検証"},
    "forecast.no_backtest": {"en": "No past quarter with known outcomes yet.",
                             "ja": "結果が確定した過去の四半期がまだありません。"},
    "forecast.coverage": {
        "en": "The actual renewed ARR fell inside P10–P90 in {inside} of {quarters} past quarters ({share}); "
        "a well-calibrated range catches about 80 %.",
        "ja": "実際の更新ARRがP10〜P90に入ったのは過去 {quarters} 四半期のうち {inside} 四半期（{share}）です。"
        "幅が適切なら約80%が入ります。",
    },
    "journey.stages_header": {"en": "Stages", "ja": "ステージ定義"},
    "journey.column.position": {"en": "Order", "ja": "順序"},
    "journey.column.stage_label": {"en": "Stage", "ja": "ステージ"},
    "journey.column.goal": {"en": "Goal", "ja": "ゴール"},
    "journey.column.kpi": {"en": "KPI", "ja": "KPI"},
    "journey.column.next_action": {"en": "Next action", "ja": "次のアクション"},
    "journey.column.owner_department": {"en": "Owner department", "ja": "担当部門"},
    "journey.column.target_days": {"en": "Target days", "ja": "目標日数"},
    "journey.column.stage": {"en": "Stage ID", "ja": "ステージID"},
    "journey.column.label_en": {"en": "Name (English)", "ja": "名称（英語）"},
    "journey.column.label_ja": {"en": "Name (Japanese)", "ja": "名称（日本語）"},
    "journey.edit_stages": {"en": "Edit the stages", "ja": "ステージを編集"},
    "journey.save_stages": {"en": "Save the stages", "ja": "ステージを保存"},
    "journey.stages_saved": {"en": "Saved. Every view now uses the new stages.",
                             "ja": "保存しました。すべての表示が新しいステージ定義を使います。"},
    "journey.funnel_header": {"en": "Funnel", "ja": "ファネル"},
    "journey.time_header": {"en": "Days in stage", "ja": "ステージ滞在日数"},
    "journey.chart.funnel": {"en": "Accounts that reached each stage", "ja": "各ステージに到達した顧客数"},
    "journey.chart.time": {"en": "Median days in stage (tick: 80th percentile)",
                           "ja": "滞在日数の中央値（目盛: 80パーセンタイル）"},
    "journey.stage": {"en": "Stage", "ja": "ステージ"},
    "journey.reached": {"en": "Reached", "ja": "到達数"},
    "journey.conversion": {"en": "Conversion from the stage before", "ja": "前ステージからの転換率"},
    "journey.median_days": {"en": "Median days", "ja": "中央値（日）"},
    "journey.p80_days": {"en": "80th percentile (days)", "ja": "80パーセンタイル（日）"},
    "journey.left": {"en": "Accounts that moved on", "ja": "次に進んだ顧客数"},
    "journey.stuck": {"en": "Stuck", "ja": "停滞"},
    "journey.days": {"en": "Days", "ja": "日数"},
    "journey.days_in_stage": {"en": "Days in stage", "ja": "滞在日数"},
    "journey.target_days": {"en": "Target days", "ja": "目標日数"},
    "journey.owner_department": {"en": "Owner department", "ja": "担当部門"},
    "journey.not_left": {"en": "{count} accounts still in a stage are left out of the days.",
                         "ja": "まだステージ内にいる {count} 件は日数に含めていません。"},
    "journey.stuck_header": {"en": "Stuck past the target days ({count})", "ja": "目標日数を超えて停滞（{count} 件）"},
    "journey.none_stuck": {"en": "No active account is past its stage's target days.",
                           "ja": "目標日数を超えたアクティブ顧客はいません。"},
    "account.choose": {"en": "Account", "ja": "顧客"},
    "account.placeholder": {"en": "Type an account ID", "ja": "顧客IDを入力"},
    "account.pick": {"en": "Choose an account, or select a row in any table that lists accounts.",
                     "ja": "顧客を選ぶか、顧客が並ぶ表の行を選んでください。"},
    "account.unknown": {"en": "No account with ID {account}.", "ja": "顧客ID {account} は見つかりません。"},
    "account.mrr_now": {"en": "MRR (as-of month)", "ja": "MRR（基準月）"},
    "account.mrr": {"en": "MRR", "ja": "MRR"},
    "account.movement": {"en": "Movement", "ja": "変動"},
    "account.amount": {"en": "Amount", "ja": "金額"},
    "account.why_moved": {"en": "Why the score moved since last month", "ja": "前月からスコアが動いた理由"},
    "account.weight_share": {"en": "Weight (share)", "ja": "重み（比率）"},
    "account.previous": {"en": "Last month", "ja": "前月"},
    "account.now": {"en": "Now", "ja": "今月"},
    "account.contribution": {"en": "Effect on the score (points)", "ja": "スコアへの影響（点）"},
    "account.renewals": {"en": "Renewals in the next 365 days", "ja": "今後365日以内の更新"},
    "account.no_renewals": {"en": "No paid line ends in the next 365 days.",
                            "ja": "今後365日以内に終了する有償契約はありません。"},
    "account.journey": {"en": "Journey", "ja": "ジャーニー"},
    "account.touchpoints": {"en": "Touchpoints", "ja": "接点"},
    "account.tickets": {"en": "Tickets", "ja": "問い合わせ"},
    "account.nps": {"en": "NPS responses", "ja": "NPS回答"},
    "account.column.stage": {"en": "Stage", "ja": "ステージ"},
    "account.column.entered_on": {"en": "Entered on", "ja": "開始日"},
    "account.column.touch_date": {"en": "Date", "ja": "日付"},
    "account.column.touch_type": {"en": "Type", "ja": "種類"},
    "account.column.channel": {"en": "Channel", "ja": "チャネル"},
    "account.column.department": {"en": "Department", "ja": "部門"},
    "account.column.ticket_id": {"en": "Ticket", "ja": "チケット"},
    "account.column.opened_on": {"en": "Opened", "ja": "起票日"},
    "account.column.closed_on": {"en": "Closed", "ja": "完了日"},
    "account.column.severity": {"en": "Severity", "ja": "重要度"},
    "account.column.csat": {"en": "CSAT", "ja": "CSAT"},
    "account.column.response_date": {"en": "Date", "ja": "回答日"},
    "account.column.score": {"en": "NPS score", "ja": "NPSスコア"},
    "definition.health": {
        "en": "A weighted mean of five components on 0–100 at the last day of the as-of month: adoption (usage "
        "per seat over 90 days, ranked within the segment), engagement (100 at a touchpoint today, 0 at 180 days), "
        "support (−20 per open high-severity ticket, averaged with recent CSAT), sentiment (latest NPS × 10) and "
        "growth (MRR against 3 months earlier). Absent components are left out and the weights rescaled; under "
        "two components the score is marked low-confidence.",
        "ja": "基準月末時点の5つの構成要素（0〜100）の加重平均です。"
        "活用度（90日間の席あたり利用量をセグメント内で順位付け）、"
        "接点（当日の接点で100、180日で0）、サポート（未解決の重大チケット1件につき−20、直近のCSATと平均）、"
        "NPS（最新回答×10）、成長（3か月前とのMRR比）。ない要素は除いて重みを按分し、2要素未満は根拠不足と表示します。",
    },
    "definition.bands": {
        "en": "Healthy at {healthy:.0f} or more, watch at {watch:.0f} or more, otherwise at risk (thresholds are "
        "settings).",
        "ja": "{healthy:.0f}以上は良好、{watch:.0f}以上は注意、それ未満は危険です（閾値は設定で変えられます）。",
    },
    "definition.risk": {
        "en": "Every paid line ending after the as-of month's last day and within the risk window. ARR at risk = 12 × "
        "the line's MRR; expected loss = ARR at risk × (1 − health/100). Renewal booked: a paid line of the same "
        "product starts within the grace days after the end. Sorted by expected loss.",
        "ja": "基準月末より後、リスク期間内に終了する有償契約すべてです。"
        "対象ARR = 契約MRR×12、予想損失 = 対象ARR×(1−スコア/100)。"
        "更新済み: 同じ製品の有償契約が猶予日数内に続いている場合。予想損失の大きい順です。",
    },
    "definition.expected_loss": {"en": "ARR at risk × (1 − health/100); unscored accounts are left out of the sum.",
                                 "ja": "対象ARR×(1−スコア/100)。スコアのない顧客は合計に含みません。"},
    "definition.alerts": {
        "en": "Four rules, each a setting: fell into at risk this month; health 20 or more points below last month; "
        "no touchpoint in the last 90 days; a renewal in the risk window while not healthy. The owner is the CSM.",
        "ja": "4つのルール（設定で停止可）: 今月危険に転落、前月より20点以上低下、直近90日間接点なし、"
        "良好でない顧客の更新がリスク期間内。担当はCSMです。",
    },
    "definition.backtest": {
        "en": "Each past month-end is scored with the data as it stood then; an account churns within 3 months when "
        "its MRR is 0 at one of the next three month-ends. AUC: the chance that a retained account scored higher than "
        "a churned one (0.5 = no better than chance).",
        "ja": "過去の各月末を当時のデータで採点し、その後3か月の月末のどこかでMRRが0になれば解約とします。"
        "AUCは継続した顧客が解約した顧客より高いスコアだった確率です（0.5 = 当て推量と同じ）。",
    },
    "definition.auc": {"en": "Pooled over every tested account-month of this view.",
                       "ja": "この条件で検証したすべての顧客×月をまとめたAUCです。"},
    "definition.calibration": {"en": "Tested account-months in 10-point score bins and the share still active 3 "
                               "months later: a trustworthy score rises bin by bin.",
                               "ja": "検証した顧客×月を10点刻みに分け、3か月後も継続していた割合を示します。"
                               "信頼できるスコアなら帯が上がるほど高くなります。"},
    "definition.suggested_weights": {
        "en": "A logistic regression of 3-month retention on the five components over the back-test; negative "
        "effects set to 0, the rest scaled to sum to 1.",
        "ja": "検証期間の3か月継続を5要素でロジスティック回帰し、負の係数は0、残りを合計1に按分した重みです。",
    },
    "definition.forecast": {
        "en": "Each paid line ending in a quarter renews with the historical renewal rate of its account's health "
        "band; 10,000 simulations give the P10, P50 and P90 of renewed ARR.",
        "ja": "四半期内に終了する有償契約ごとに、顧客のヘルス判定の過去の更新率で更新すると仮定し、"
        "1万回のシミュレーションで更新ARRのP10・P50・P90を求めます。",
    },
    "definition.forecast_backtest": {
        "en": "Each past quarter forecast from the month before it, with only what was known then.",
        "ja": "過去の各四半期を、その前月時点で分かっていた情報だけで予測し直したものです。",
    },
    "definition.journey_stages": {"en": "Stages, their order and target days are stored in the warehouse.",
                                  "ja": "ステージ・順序・目標日数はデータ側に保存されています。"},
    "definition.journey_funnel": {
        "en": "Reached: accounts whose furthest stage by the as-of month is this stage or later (churned accounts "
        "included). Conversion: reached ÷ reached at the stage before.",
        "ja": "到達数: 基準月までに到達した最も先のステージがこのステージ以降の顧客（解約済みを含む）。"
        "転換率: 到達数÷前ステージの到達数。",
    },
    "definition.journey_time": {
        "en": "Days from the first entry into a stage to the first entry into a later one; accounts still in the "
        "stage are left out.",
        "ja": "ステージに初めて入った日から、より先のステージに初めて入った日までの日数です。"
        "まだステージ内の顧客は除きます。",
    },
    "definition.journey_stuck": {"en": "Active accounts whose days in their current stage exceed its target days.",
                                 "ja": "現在のステージの滞在日数が目標日数を超えたアクティブ顧客です。"},
    "definition.why_moved": {
        "en": "Each component's share of the weights × its change since the previous month-end, in score points.",
        "ja": "各構成要素の重みの比率 × 前月末からの変化（スコアの点数）です。",
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
    # --- Retention, Growth and Segments pages (issue 7) -------------------------------------------
    "dimension.cohort_year": {"en": "Cohort year", "ja": "獲得年"},
    "dimension.tier": {"en": "Price tier", "ja": "価格帯"},
    "table.truncated": {
        "en": "Showing the first {shown} of {total} rows; the CSV download has them all.",
        "ja": "全{total}行のうち最初の{shown}行を表示しています。CSVには全行が含まれます。",
    },
    "table.accounts": {"en": "Accounts", "ja": "顧客数"},
    "retention.empty": {"en": "No data in this scope.", "ja": "この範囲にはデータがありません。"},
    "retention.cohorts_header": {"en": "Retention by cohort", "ja": "コホート別の継続率"},
    "retention.cohorts_help": {
        "en": "A cohort is the accounts whose first month with revenue is the same month (or quarter). Logo "
        "retention at age k: accounts of the cohort active k months later / accounts of the cohort. Revenue "
        "retention: their MRR k months later / their MRR in the first month. Ages after the as-of month are "
        "empty, not 0. By quarter, an age is shown once every month of the quarter has reached it. ⚠ marks "
        "cohorts of fewer than 30 accounts.",
        "ja": "コホートは、初めて売上が立った月（または四半期）が同じ顧客の集まりです。顧客継続率（経過k か月）= "
        "k か月後に契約中の顧客数 / コホートの顧客数。売上継続率 = k か月後のMRR / 初月のMRR。基準月より後は"
        "空欄で、0ではありません。四半期では、その四半期のすべての月が到達した経過月だけを示します。⚠は30社未満の"
        "コホートです。",
    },
    "retention.cohort_kind_label": {"en": "Measure", "ja": "指標"},
    "retention.cohort_kind.logo": {"en": "Logo retention", "ja": "顧客継続率"},
    "retention.cohort_kind.revenue": {"en": "Revenue retention", "ja": "売上継続率"},
    "retention.cohort_title.logo": {"en": "Logo retention by cohort and age", "ja": "コホート・経過月別の顧客継続率"},
    "retention.cohort_title.revenue": {"en": "Revenue retention by cohort and age",
                                       "ja": "コホート・経過月別の売上継続率"},
    "retention.cohort_period_label": {"en": "Cohorts by", "ja": "コホートの単位"},
    "retention.period.month": {"en": "Month", "ja": "月"},
    "retention.period.quarter": {"en": "Quarter", "ja": "四半期"},
    "retention.period.year": {"en": "Year", "ja": "年"},
    "retention.cohort": {"en": "Cohort", "ja": "コホート"},
    "retention.cohort_axis": {"en": "Cohort · accounts", "ja": "コホート・顧客数"},
    "retention.age": {"en": "Age (months)", "ja": "経過月数"},
    "retention.value": {"en": "Value", "ja": "値"},
    "retention.retained": {"en": "Retained (accounts or MRR)", "ja": "継続（顧客数またはMRR）"},
    "retention.base": {"en": "Base (accounts or MRR)", "ja": "基準（顧客数またはMRR）"},
    "retention.cohort_size": {"en": "Cohort size (accounts)", "ja": "コホートの顧客数"},
    "retention.counts": {"en": "Behind it", "ja": "内訳"},
    "retention.counts_logo": {"en": "{retained} of {size} accounts", "ja": "{size}社中{retained}社"},
    "retention.counts_revenue": {"en": "MRR {retained} of {base}", "ja": "MRR {base}のうち{retained}"},
    "retention.survival_header": {"en": "Customer lifetime (survival)", "ja": "取引期間（生存曲線）"},
    "retention.survival_help": {
        "en": "Lifetime runs from an account's first month with revenue to its first churn month; accounts "
        "still active are counted up to the as-of month (censored). The curve is the Kaplan–Meier estimate of "
        "the share still a customer after t months, with its 95 % band (log-log, Greenwood). Groups are "
        "compared with the log-rank test. The median is the first t where the curve reaches 50 %.",
        "ja": "取引期間は、初めて売上が立った月から最初の解約月までです。契約中の顧客は基準月までとして数えます"
        "（打ち切り）。曲線は t か月後も顧客である割合のカプラン・マイヤー推定で、帯は95 %信頼区間（log-log、"
        "Greenwood）です。グループ間はログランク検定で比べます。中央値は曲線が50 %に達する最初の月です。",
    },
    "retention.curves_left_out": {
        "en": "The chart draws the {limit} largest groups; {count} smaller ones are in the table below and in "
        "the test.",
        "ja": "図は顧客数の多い{limit}グループです。ほかの{count}グループは下の表と検定に含まれます。",
    },
    "retention.survival_by": {"en": "One curve per", "ja": "曲線を分ける軸"},
    "retention.no_split": {"en": "All accounts", "ja": "全顧客"},
    "retention.survival_title": {"en": "Share of customers still active", "ja": "契約が続いている顧客の割合"},
    "retention.lifetime_months": {"en": "Months since first revenue", "ja": "初回売上からの月数"},
    "retention.survival": {"en": "Still a customer", "ja": "継続している割合"},
    "retention.band": {"en": "95 % band", "ja": "95 %信頼区間"},
    "retention.lower": {"en": "Lower (95 %)", "ja": "下限（95 %）"},
    "retention.upper": {"en": "Upper (95 %)", "ja": "上限（95 %）"},
    "retention.group": {"en": "Group", "ja": "グループ"},
    "retention.at_risk": {"en": "Accounts at risk", "ja": "対象の顧客数"},
    "retention.events": {"en": "Churned at t", "ja": "この月の解約数"},
    "retention.median": {"en": "Median lifetime", "ja": "取引期間の中央値"},
    "retention.months": {"en": "{months} months", "ja": "{months}か月"},
    "retention.not_reached": {"en": "not reached", "ja": "未到達"},
    "retention.logrank_differ": {
        "en": "The groups' survival differs (log-rank χ² = {statistic}, {df} df, p {p}).",
        "ja": "グループ間で生存曲線に差があります（ログランク χ² = {statistic}、自由度 {df}、p {p}）。",
    },
    "retention.logrank_same": {
        "en": "No difference between the groups beyond noise (log-rank χ² = {statistic}, {df} df, p {p}).",
        "ja": "グループ間の差はばらつきの範囲内です（ログランク χ² = {statistic}、自由度 {df}、p {p}）。",
    },
    "retention.renewals_header": {"en": "Renewals by month of expiry", "ja": "契約満了月別の更新"},
    "retention.renewals_caption": {
        "en": "A paid line counts once its grace period ({grace} days) has passed; {pending} lines are still "
        "inside it (pending, not counted as lost). Hollow points rest on fewer than 30 lines.",
        "ja": "有償契約は猶予期間（{grace}日）が過ぎてから数えます。猶予期間中の{pending}件は保留中で、"
        "失注には数えません。白抜きの点は30件未満です。",
    },
    "retention.renewals_title": {"en": "Renewal and pilot conversion by month of expiry",
                                 "ja": "満了月別の更新率・トライアル転換率"},
    "retention.series.renewal_rate": {"en": "Renewal rate", "ja": "更新率"},
    "retention.series.first_renewal_rate": {"en": "First renewal rate", "ja": "初回更新率"},
    "retention.series.pilot_conversion_rate": {"en": "Pilot conversion", "ja": "トライアル転換率"},
    "retention.lines_detail": {"en": "{numerator} of {denominator} lines", "ja": "{denominator}件中{numerator}件"},
    "retention.expiry_month": {"en": "Month of expiry", "ja": "満了月"},
    "retention.expiring": {"en": "Paid lines counted", "ja": "対象の有償契約"},
    "retention.renewed": {"en": "Renewed", "ja": "更新"},
    "retention.first_expiring": {"en": "First paid lines", "ja": "初回の有償契約"},
    "retention.first_renewed": {"en": "First renewed", "ja": "初回更新"},
    "retention.pilots": {"en": "Pilots ended", "ja": "終了したトライアル"},
    "retention.pilots_converted": {"en": "Pilots converted", "ja": "転換したトライアル"},
    "retention.lines_expander": {"en": "Lines ending in the last 12 months and their outcome",
                                 "ja": "直近12か月に満了した契約と結果"},
    "retention.subscription": {"en": "Subscription", "ja": "契約"},
    "retention.account": {"en": "Account", "ja": "顧客"},
    "retention.end_date": {"en": "End date", "ja": "終了日"},
    "retention.line_kind": {"en": "Paid / free", "ja": "有償・無償"},
    "retention.outcome": {"en": "Outcome", "ja": "結果"},
    "retention.windows_header": {"en": "Retention over 3, 6 or 12 months", "ja": "3・6・12か月の継続率"},
    "retention.windows_help": {
        "en": "For each month m1, the accounts active n months earlier: GRR = their MRR now, capped at what it "
        "was, / their MRR then; NRR = their MRR now / then; logo retention = the share still active.",
        "ja": "各月 m1 について、n か月前に契約中だった顧客の GRR = 現在のMRR（当時の額を上限）/ 当時のMRR、"
        "NRR = 現在のMRR / 当時のMRR、顧客継続率 = いまも契約中の割合です。",
    },
    "retention.window_label": {"en": "Window", "ja": "期間"},
    "retention.window": {"en": "{months} months", "ja": "{months}か月"},
    "retention.windows_title": {"en": "GRR, NRR and logo retention over {months} months",
                                "ja": "{months}か月のGRR・NRR・顧客継続率"},
    "retention.grr": {"en": "GRR", "ja": "売上総継続率 GRR"},
    "retention.nrr": {"en": "NRR", "ja": "売上純継続率 NRR"},
    "retention.logo_retention": {"en": "Logo retention", "ja": "顧客継続率"},
    "retention.series": {"en": "Series", "ja": "系列"},
    "retention.nrr_bridge_header": {"en": "NRR bridge: GRR + expansion", "ja": "NRRの内訳: GRR + 拡大"},
    "retention.nrr_bridge_help": {
        "en": "NRR = GRR + expansion rate, exactly (twelve months): what is kept plus what existing accounts "
        "added. A rising NRR over a falling GRR means expansion hides churn.",
        "ja": "NRR = GRR + 拡大率（12か月）が常に成り立ちます。維持した売上と既存顧客の拡大分の和です。GRRが下がり"
        "NRRが保たれているなら、拡大が解約を隠しています。",
    },
    "retention.nrr_bridge_title": {"en": "NRR = GRR + expansion, by month", "ja": "NRR = GRR + 拡大率（月別）"},
    "retention.hidden_churn_warning": {
        "en": "Expansion is hiding churn: over the last 12 months GRR fell by a point or more while NRR held.",
        "ja": "拡大が解約を隠しています。直近12か月でGRRが1ポイント以上下がった一方、NRRは保たれています。",
    },
    "retention.concentration": {
        "en": "Expansion concentration: the top {top} accounts brought {share} of the twelve months' expansion "
        "({accounts} accounts expanded).",
        "ja": "拡大の集中度: 上位{top}社が12か月の拡大額の{share}を占めます（拡大した顧客は{accounts}社）。",
    },
    "retention.no_expansion": {"en": "No account expanded in the twelve months.",
                               "ja": "12か月間に拡大した顧客はありません。"},
    "retention.ledger_header": {"en": "Definition ledger: the same year, three definitions",
                                "ja": "定義の対照表: 同じ1年を3つの定義で"},
    "retention.ledger_help": {
        "en": "Retention differs with its definition. This product's (investor) definition follows the "
        "accounts active twelve months ago; finance often compounds a monthly rate; some CS platforms count "
        "only the contracts due for renewal.",
        "ja": "継続率は定義によって変わります。本製品（投資家向け）の定義は12か月前に契約中の顧客を追います。財務は"
        "月次の率を複利で年率化することが多く、一部のCSツールは更新期限を迎えた契約だけを数えます。",
    },
    "retention.ledger_expander": {"en": "Show the three definitions side by side", "ja": "3つの定義を並べて表示"},
    "retention.variant": {"en": "Definition", "ja": "定義"},
    "retention.variant.investor": {"en": "This product (accounts of 12 months ago)",
                                   "ja": "本製品（12か月前の顧客）"},
    "retention.variant.annualised_monthly": {"en": "Monthly rate annualised, 1 − (1 − m)¹²",
                                             "ja": "月次の率の年率換算 1 − (1 − m)¹²"},
    "retention.variant.renewal_based": {"en": "Renewal-based (contracts due)", "ja": "更新ベース（満了した契約）"},
    "retention.basis": {"en": "Rests on", "ja": "根拠"},
    "retention.basis.accounts": {"en": "{count} accounts", "ja": "{count}社"},
    "retention.basis.months": {"en": "{count} monthly rates", "ja": "{count}か月分の月次率"},
    "retention.basis.lines": {"en": "{count} paid lines due", "ja": "満了した有償契約{count}件"},
    "retention.ledger_why": {
        "en": "Why they differ: the annualised rate averages months of a growing base and compounds them, "
        "so new accounts' quiet first months lift it; the renewal-based rate looks only at contracts that came "
        "up for renewal, where churn concentrates, and ignores mid-term expansion and contraction.",
        "ja": "違いの理由: 年率換算は拡大中の顧客基盤の月次率を平均して複利にするため、新規顧客の解約の少ない初期の月が"
        "率を押し上げます。更新ベースは更新期限を迎えた契約（解約が集中する時点）だけを見て、期中の拡大・縮小を"
        "数えません。",
    },
    "segments.kpi": {"en": "KPI", "ja": "KPI"},
    "segments.dimension": {"en": "By", "ja": "軸"},
    "segments.second_dimension": {"en": "Second dimension", "ja": "2つ目の軸"},
    "segments.one_header": {"en": "{kpi} by {dimension}", "ja": "{dimension}別の{kpi}"},
    "segments.two_header": {"en": "Two dimensions at once", "ja": "2つの軸の組み合わせ"},
    "segments.two_help": {
        "en": "The same KPI for every pair of values; ⚠ marks cells resting on fewer than 30 accounts.",
        "ja": "値の組み合わせごとの同じKPIです。⚠は30社未満のセルです。",
    },
    "segments.no_second": {"en": "None", "ja": "なし"},
    "segments.pick_second": {"en": "Choose a second dimension (different from the first) to see the heatmap.",
                             "ja": "ヒートマップを見るには、1つ目と異なる2つ目の軸を選んでください。"},
    "segments.interval_help": {
        "en": "The bar is the 95 % interval: Wilson for shares of accounts, a bootstrap over accounts (2,000 "
        "draws) for revenue ratios. Hollow points and ⚠ rest on fewer than 30 accounts.",
        "ja": "線は95 %区間です。顧客数の割合はWilson法、売上の比率は顧客単位のブートストラップ（2,000回）です。"
        "白抜きと⚠は30社未満です。",
    },
    "segments.chart_title": {"en": "{kpi} with its 95 % interval", "ja": "{kpi}と95 %区間"},
    "segments.interval": {"en": "95 % interval", "ja": "95 %区間"},
    "segments.value": {"en": "Value", "ja": "値"},
    "segments.kpi_value": {"en": "KPI", "ja": "KPI"},
    "segments.weak": {"en": "Evidence", "ja": "根拠"},
    "segments.weak_yes": {"en": "⚠ weak (< 30 accounts)", "ja": "⚠ 弱い（30社未満）"},
    "segments.rows": {"en": "Rows", "ja": "行"},
    "segments.columns": {"en": "Columns", "ja": "列"},
    "growth.rates_header": {"en": "Expansion, upsell, cross-sell and contraction",
                            "ja": "拡大・アップセル・クロスセル・縮小"},
    "growth.rates_help": {
        "en": "Over the twelve months to each month, among the accounts active at the start: expansion rate = "
        "added MRR / starting MRR; upsell rate = share whose MRR grew; cross-sell rate = share with a new "
        "product; contraction rate = MRR lost by accounts that stayed / starting MRR.",
        "ja": "各月までの12か月、期首に契約中の顧客について: 拡大率 = 増えたMRR / 期首MRR、アップセル率 = MRRが"
        "増えた顧客の割合、クロスセル率 = 新しい製品を持った顧客の割合、縮小率 = 継続顧客が減らしたMRR / 期首MRRです。",
    },
    "growth.rates_title": {"en": "Growth rates (trailing twelve months)", "ja": "拡大の指標（直近12か月）"},
    "growth.series.expansion_rate": {"en": "Expansion rate", "ja": "拡大率"},
    "growth.series.upsell_rate": {"en": "Upsell rate", "ja": "アップセル率"},
    "growth.series.cross_sell_rate": {"en": "Cross-sell rate", "ja": "クロスセル率"},
    "growth.series.contraction_rate": {"en": "Contraction rate", "ja": "縮小率"},
    "growth.contraction_rate": {"en": "Contraction rate (TTM)", "ja": "縮小率（12か月）"},
    "kpi.contraction_rate_ttm": {"en": "Contraction rate (TTM)", "ja": "縮小率（12か月）"},
    "definition.contraction_rate_ttm": {
        "en": "MRR lost over twelve months by accounts that stayed (downgrades; churned accounts count as "
        "churn) / the MRR of the accounts active twelve months ago.",
        "ja": "12か月間に継続顧客が減らしたMRR（ダウングレード。解約した顧客の分は解約）/ 12か月前に契約中だった"
        "顧客のMRRです。",
    },
    "growth.by_segment": {"en": "By segment at the as-of month", "ja": "基準月のセグメント別"},
    "growth.to_segments": {"en": "Any KPI by any dimension, with intervals", "ja": "任意のKPIを任意の軸で（区間つき）"},
    "growth.bridge_header": {"en": "MRR bridge by period", "ja": "期間別のMRR推移"},
    "growth.bridge_title": {"en": "MRR movements per period", "ja": "期間ごとのMRR増減"},
    "growth.period_label": {"en": "Period", "ja": "期間"},
    "growth.period": {"en": "Period", "ja": "期間"},
    "growth.months": {"en": "Months so far", "ja": "経過月数"},
    "growth.start_mrr": {"en": "Start MRR", "ja": "期首MRR"},
    "growth.end_mrr": {"en": "End MRR", "ja": "期末MRR"},
    "growth.end_yoy": {"en": "End MRR vs a year earlier", "ja": "期末MRRの前年同月比"},
    "growth.yoy_header": {"en": "{period}, year on year (the same months a year earlier)",
                          "ja": "{period}の前年比較（前年の同じ月）"},
    "growth.component": {"en": "Component", "ja": "項目"},
    "growth.this_period": {"en": "This period", "ja": "当期"},
    "growth.year_earlier": {"en": "A year earlier", "ja": "前年同期"},
    "growth.change": {"en": "Change", "ja": "増減"},
    "growth.added_expander": {"en": "Show the products the climbers added", "ja": "上がった顧客が追加した製品を表示"},
    "growth.tiers_header": {"en": "The price-tier staircase", "ja": "価格帯の階段"},
    "growth.tiers_help": {
        "en": "Tiers are ranges of an account's MRR (the tier_breaks setting). The matrix shows where the "
        "accounts of each tier twelve months ago are now; 'new' accounts had no revenue then.",
        "ja": "価格帯は顧客のMRRの範囲です（設定 tier_breaks）。表は12か月前の各価格帯の顧客がいまどこにいるかを"
        "示します。「新規」は当時売上のなかった顧客です。",
    },
    "growth.tier_ranges": {"en": "Tiers by monthly revenue per account: {ranges}",
                           "ja": "顧客ごとの月額による価格帯: {ranges}"},
    "growth.tier_under": {"en": "under {upper}", "ja": "{upper}未満"},
    "growth.tier_over": {"en": "{lower} and over", "ja": "{lower}以上"},
    "growth.tier_between": {"en": "{lower} to under {upper}", "ja": "{lower}以上{upper}未満"},
    "growth.matrix_title": {"en": "Tier 12 months ago → now", "ja": "12か月前 → 現在の価格帯"},
    "growth.from_tier": {"en": "12 months ago", "ja": "12か月前"},
    "growth.to_tier": {"en": "Now", "ja": "現在"},
    "growth.share": {"en": "Share of the row", "ja": "行に占める割合"},
    "growth.tier_new": {"en": "new", "ja": "新規"},
    "growth.tier_churned": {"en": "churned", "ja": "解約"},
    "growth.added_header": {"en": "Products added by the accounts that climbed a tier",
                            "ja": "価格帯を上がった顧客が追加した製品"},
    "growth.accounts_added": {"en": "Accounts that added it", "ja": "追加した顧客数"},
    "growth.climbers": {"en": "Accounts that climbed", "ja": "上がった顧客数"},
    "growth.no_climbers": {"en": "No account climbed a tier by adding a product in these twelve months.",
                           "ja": "この12か月に製品を追加して価格帯を上がった顧客はありません。"},
    # --- Data page (issue 8) ---
    "data.intro": {
        "en": "Warehouse `{name}`. Files are checked completely before anything is written; an import is all or "
        "nothing, and other viewers keep reading until it is done.",
        "ja": "データベース `{name}`。書き込む前にすべてのファイルを検査します。取り込みは全件か0件かのどちらかで、"
        "完了するまで他の閲覧者には影響しません。",
    },
    "data.holds": {
        "en": "Holds **{accounts:,}** accounts, **{subscriptions:,}** subscriptions and **{usage:,}** usage rows.",
        "ja": "顧客 **{accounts:,}** 件、契約 **{subscriptions:,}** 件、利用データ **{usage:,}** 行。",
    },
    "data.tab_import": {"en": "Import", "ja": "取り込み"},
    "data.tab_quality": {"en": "Data quality", "ja": "データ品質"},
    "data.tab_warehouse": {"en": "Warehouse", "ja": "データベース"},
    "data.tab_settings": {"en": "Settings", "ja": "設定"},
    "data.upload": {"en": "Files (CSV, Excel, Parquet)", "ja": "ファイル（CSV・Excel・Parquet）"},
    "data.upload_help": {
        "en": "Name each file after its table (accounts.csv, subscriptions.csv, …) or its Excel sheet. "
        "UTF-8 or CP932; comma, semicolon or tab; dates 2024-04-01 or 2024/4/1.",
        "ja": "ファイル名（またはExcelのシート名）をテーブル名にします（accounts.csv、subscriptions.csv など）。"
        "UTF-8・CP932、カンマ・セミコロン・タブ区切り、日付は 2024-04-01 または 2024/4/1 に対応します。",
    },
    "data.into_new": {"en": "Import into a new warehouse", "ja": "新しいデータベースに取り込む"},
    "data.new_name": {
        "en": "Name of the new warehouse (saved under data/)", "ja": "新しいデータベースの名前（data/ に保存）",
    },
    "data.new_name_invalid": {
        "en": "Use letters, digits, - or _ for the name.", "ja": "名前には英数字、- または _ を使ってください。",
    },
    "data.checking": {
        "en": "Reading and checking every row (nothing is written)…",
        "ja": "すべての行を読み込んで検査しています（書き込みはしません）…",
    },
    "data.preview_header": {"en": "What was read", "ja": "読み込んだ内容"},
    "data.preview.file": {"en": "File", "ja": "ファイル"},
    "data.preview.table": {"en": "Table", "ja": "テーブル"},
    "data.preview.encoding": {"en": "Encoding", "ja": "文字コード"},
    "data.preview.delimiter": {"en": "Delimiter", "ja": "区切り文字"},
    "data.preview.rows": {"en": "Rows", "ja": "行数"},
    "data.preview.matched": {"en": "Columns matched", "ja": "対応した列"},
    "data.preview.extra": {"en": "Extra columns (kept)", "ja": "追加の列（保存のみ）"},
    "data.preview.missing": {"en": "Columns not in the file", "ja": "ファイルにない列"},
    "data.delimiter.comma": {"en": "comma", "ja": "カンマ"},
    "data.delimiter.semicolon": {"en": "semicolon", "ja": "セミコロン"},
    "data.delimiter.tab": {"en": "tab", "ja": "タブ"},
    "data.mapping_header": {"en": "Column mapping: {file}", "ja": "列の対応づけ: {file}"},
    "data.mapping_keep": {"en": "(keep as an extra column)", "ja": "（追加の列として保存）"},
    "data.report_clean": {
        "en": "No problems: {rows:,} rows are ready to import.", "ja": "問題はありません。{rows:,} 行を取り込めます。",
    },
    "data.report_problem": {
        "en": "1 problem found; nothing can be imported until it is fixed.",
        "ja": "1 件の問題があります。修正するまで取り込めません。",
    },
    "data.report_problems": {
        "en": "{count:,} problems found; nothing can be imported until they are fixed. The first may be the cause of "
        "the rest.",
        "ja": "{count:,} 件の問題があります。修正するまで取り込めません。先頭の問題が後続の原因の場合があります。",
    },
    "problem.more_rows": {
        "en": "{expected} ({count} more rows like this are not listed)",
        "ja": "{expected}（同様の行がほかに {count} 行あります）",
    },
    "problem.accounts_missing_rows": {
        "en": "an account_id that exists in accounts (accounts.csv is missing, so {rows} rows of {table} name "
        "unknown accounts)",
        "ja": "accounts に存在する account_id（accounts.csv がないため、{table} の {rows} 行が"
        "存在しない顧客を指しています）",
    },
    "problem.date": {
        "en": "a date (YYYY-MM-DD or YYYY/MM/DD)", "ja": "日付（YYYY-MM-DD または YYYY/MM/DD）",
    },
    "problem.number": {"en": "a number (such as 1200, 1,200 or 1200.50)", "ja": "数値（1200、1,200、1200.50 など）"},
    "problem.rounded": {
        "en": "a number with at most {places} decimal places (it would be rounded)",
        "ja": "小数点以下 {places} 桁までの数値（このままでは丸められます）",
    },
    "problem.whole_number_between": {"en": "a whole number from {low} to {high}", "ja": "{low}〜{high} の整数"},
    "problem.whole_number_at_least": {"en": "a whole number of at least {low}", "ja": "{low} 以上の整数"},
    "problem.number_at_least": {"en": "a number of at least {low}", "ja": "{low} 以上の数値"},
    "problem.whole_number": {"en": "a whole number", "ja": "整数"},
    "problem.required": {"en": "a value (required)", "ja": "値（必須）"},
    "problem.one_of": {"en": "one of {values}", "ja": "次のいずれか: {values}"},
    "problem.known_account": {"en": "an account_id that exists in accounts", "ja": "accounts に存在する account_id"},
    "problem.stage": {
        "en": "a stage defined in journey_stages ({stages})", "ja": "journey_stages に定義されたステージ（{stages}）",
    },
    "problem.date_not_before": {
        "en": "a date not before {column} ({date})", "ja": "{column}（{date}）以降の日付",
    },
    "problem.unique": {
        "en": "a unique {key} (also on row {row}{file})", "ja": "重複しない {key}（{file}{row} 行目と重複）",
    },
    "problem.of_file": {"en": " of {file}", "ja": "{file} の "},
    "problem.row_width": {
        "en": "a row of {width} {delimiter}-separated values (found {found})",
        "ja": "{delimiter}区切りで {width} 個の値がある行（{found} 個でした）",
    },
    "problem.closing_quote": {
        "en": "a closing quote for the quoted value that starts on this row",
        "ja": "この行で始まる引用符（\"）が閉じられていること（これ以降の行を読み込めません）",
    },
    "problem.every_row": {
        "en": "every row read ({rows} rows in the file, {read} read or reported)",
        "ja": "すべての行が読み込めること（ファイルに {rows} 行、読み込みまたは報告は {read} 行）",
    },
    "problem.encoding": {
        "en": "text in UTF-8 or CP932 (Shift_JIS): save the file as CSV UTF-8",
        "ja": "UTF-8 または CP932（Shift_JIS）のテキスト: 「CSV UTF-8」で保存し直してください",
    },
    "problem.header_row": {"en": "a header row with the column names", "ja": "列名の見出し行"},
    "problem.column_once": {"en": "each column once in the header", "ja": "見出しに同じ列が1回だけあること"},
    "problem.required_column": {
        "en": "a column named {column} (required for {table})", "ja": "{column} 列（{table} に必須）",
    },
    "problem.required_table": {
        "en": "a {table} file: the warehouse has no {table} yet and they are required",
        "ja": "{table} のファイル（.csv、.parquet、または {table} という名前の .xlsx シート）: "
        "まだ {table} がなく、必須です",
    },
    "problem.well_formed": {"en": "a well-formed CSV row ({reason})", "ja": "正しい形式の CSV 行（{reason}）"},
    "data.problem.file": {"en": "File", "ja": "ファイル"},
    "data.problem.row": {"en": "Row", "ja": "行"},
    "data.problem.column": {"en": "Column", "ja": "列"},
    "data.problem.value": {"en": "Value found", "ja": "値"},
    "data.problem.expected": {"en": "Expected", "ja": "期待される内容"},
    "data.commit": {"en": "Import", "ja": "取り込む"},
    "data.commit_progress": {"en": "Importing…", "ja": "取り込み中…"},
    "data.commit_done": {"en": "Import done", "ja": "取り込み完了"},
    "data.commit_failed": {"en": "Import stopped: nothing was changed", "ja": "取り込みを中止しました（変更なし）"},
    "data.committed": {
        "en": "Imported into `{target}`. Every page now shows the new data.",
        "ja": "`{target}` に取り込みました。すべてのページに新しいデータが反映されます。",
    },
    "data.quality_header": {"en": "Data quality per table", "ja": "テーブルごとのデータ品質"},
    "data.quality_help": {
        "en": "Rows, the date range of each table's main date, rows naming an account that does not exist "
        "(orphans), rows sharing a key (duplicates) and months inside the range with no rows.",
        "ja": "行数、主な日付の範囲、存在しない顧客を指す行（孤立行）、キーが重複する行、期間内でデータが0件の月です。",
    },
    "data.quality.table": {"en": "Table", "ja": "テーブル"},
    "data.quality.rows": {"en": "Rows", "ja": "行数"},
    "data.quality.first_date": {"en": "First date", "ja": "最初の日付"},
    "data.quality.last_date": {"en": "Last date", "ja": "最後の日付"},
    "data.quality.orphans": {"en": "Orphans", "ja": "孤立行"},
    "data.quality.duplicates": {"en": "Duplicates", "ja": "重複"},
    "data.quality.months_without_data": {"en": "Months with no data", "ja": "データのない月数"},
    "data.quality.empty_months": {"en": "Which months", "ja": "該当月"},
    "data.quality.dark_pages": {"en": "Pages left dark", "ja": "表示できないページ"},
    "data.quality.file_to_bring": {"en": "File that lights them", "ja": "必要なファイル"},
    "data.dark_note": {
        "en": "No {table} yet: {pages} cannot show it. Import {file} to light it up.",
        "ja": "{table} がまだありません: {pages} に表示できません。{file} を取り込むと表示されます。",
    },
    "data.missing_header": {"en": "Missing values per column", "ja": "列ごとの欠損値"},
    "data.missing.table": {"en": "Table", "ja": "テーブル"},
    "data.missing.column": {"en": "Column", "ja": "列"},
    "data.missing.required": {"en": "Required", "ja": "必須"},
    "data.missing.missing": {"en": "Empty rows", "ja": "空の行数"},
    "data.missing.share": {"en": "Share", "ja": "割合"},
    "data.warehouse_choose": {"en": "Warehouse to read", "ja": "表示するデータベース"},
    "data.warehouse_path": {"en": "…or the path of a .duckdb file", "ja": "…または .duckdb ファイルのパス"},
    "data.warehouse_switch": {"en": "Switch", "ja": "切り替える"},
    "data.warehouse_invalid": {
        "en": "`{path}` is not an existing .duckdb file.", "ja": "`{path}` は既存の .duckdb ファイルではありません。",
    },
    "data.settings_intro": {
        "en": "Stored in the warehouse and used by every page at once. Rates as fractions or percentages (0.95 or "
        "95%); add targets as target.<KPI>=value or target.<KPI>.<segment>=value; an empty field restores the "
        "default.",
        "ja": "データベースに保存され、すべてのページに反映されます。率は小数または百分率（0.95 または 95%）。"
        "目標は target.<KPI>=値 または target.<KPI>.<セグメント>=値 で追加します。空欄にすると初期値に戻ります。",
    },
    "data.settings_field_help": {
        "en": "Checked before saving: a value the setting cannot take is refused with the reason.",
        "ja": "保存前に検査し、使えない値は理由とともに拒否します。",
    },
    "data.settings_more": {"en": "More settings (KEY=VALUE, one per line)", "ja": "その他の設定（1行に1つ KEY=VALUE）"},
    "data.settings_save": {"en": "Save settings", "ja": "設定を保存"},
    "data.settings_saved": {"en": "Settings saved.", "ja": "設定を保存しました。"},
    "data.settings_nothing": {"en": "Nothing was changed.", "ja": "変更はありません。"},
    "data.settings_refused": {
        "en": "Nothing was saved: {error}", "ja": "保存しませんでした: {error}",
    },
}

# --- Impact & ROI (issue 11) ---------------------------------------------------
TRANSLATIONS.update({
    "impact.observational": {
        "en": "This is an observational comparison, not a controlled experiment: the accounts chose (or were "
              "chosen for) the treatment, so a difference can come from how they differ, not from the treatment. "
              "The stratified figures remove differences in the mix of segments, nothing more.",
        "ja": "これは観察データによる比較であり、対照実験ではありません。施策を受けた顧客は自ら選んだ（または選ばれた）"
              "顧客なので、差は施策ではなく顧客の違いから生じている可能性があります。層別の数値はセグメント構成の違いだけを"
              "取り除いたものです。",
    },
    "impact.treatment_kind": {"en": "Treatment", "ja": "比較する施策"},
    "impact.kind.program": {"en": "Programme", "ja": "プログラム"},
    "impact.kind.cs_model": {"en": "CS model", "ja": "CSモデル"},
    "impact.kind.journey_stage": {"en": "Reached journey stage", "ja": "到達したジャーニー段階"},
    "impact.treatment": {"en": "Which one", "ja": "対象"},
    "impact.empty": {"en": "One of the groups has no accounts here: nothing to compare.",
                     "ja": "この条件ではどちらかの群に顧客がいないため、比較できません。"},
    "impact.no_options": {"en": "The warehouse has none of these yet.", "ja": "このデータにはまだありません。"},
    "impact.groups_sentence": {
        "en": "{treated} treated and {untreated} untreated accounts active in {start}, followed to {end}; "
              "{left_out} that started during the window are left out of both groups.",
        "ja": "{start}に契約中だった施策あり{treated}社と施策なし{untreated}社を{end}まで追跡しました。"
              "期間中に施策を開始した{left_out}社はどちらの群にも含めていません。",
    },
    "impact.groups_help": {
        "en": "Treated: started the programme (earliest start) on or before the last day of the first month, or "
              "reached the journey stage by then, or has the CS model now. Untreated: every other account active "
              "then (a later start counts as untreated). Filters apply to both groups.",
        "ja": "施策あり：初月の末日までにプログラムを開始（最初の開始日）、またはジャーニー段階に到達、あるいは現在その"
              "CSモデル。施策なし：同じ時点で契約中だったその他の顧客（後から開始した顧客は施策なし）。絞り込みは両群に適用。",
    },
    "impact.outcomes_header": {"en": "Treated against untreated", "ja": "施策あり・なしの比較"},
    "impact.outcomes_help": {
        "en": "Difference treated − untreated in percentage points with its 95 % interval. Logo retention and "
              "renewal rate: Newcombe interval, p from the pooled z-test (Fisher's exact test for small counts); "
              "stratified: Mantel–Haenszel difference by segment with the CMH test. NRR: account bootstrap "
              "(2,000 draws); stratified: standardised to the treated segment mix. ⚠ under 30 accounts.",
        "ja": "施策あり − 施策なしの差（ポイント）と95%区間。顧客継続率・更新率：Newcombe区間、p値はプールしたz検定"
              "（件数が少ないときはFisherの正確検定）。層別：セグメント別のMantel–Haenszel差とCMH検定。NRR：顧客の"
              "ブートストラップ（2,000回）、層別は施策あり群のセグメント構成に標準化。⚠は30社未満。",
    },
    "impact.outcome": {"en": "Outcome", "ja": "指標"},
    "impact.treated": {"en": "Treated", "ja": "施策あり"},
    "impact.untreated": {"en": "Untreated", "ja": "施策なし"},
    "impact.control": {"en": "Control (not started)", "ja": "比較群（未開始）"},
    "impact.difference": {"en": "Difference", "ja": "差"},
    "impact.interval": {"en": "95 % interval", "ja": "95%区間"},
    "impact.p": {"en": "p", "ja": "p値"},
    "impact.stratified_difference": {"en": "By segment", "ja": "セグメント層別の差"},
    "impact.verdict": {"en": "Is it real? (by segment)", "ja": "判定（層別）"},
    "impact.verdict.higher": {"en": "treated higher", "ja": "施策ありが高い"},
    "impact.verdict.lower": {"en": "treated lower", "ja": "施策ありが低い"},
    "impact.verdict.within_noise": {"en": "within noise", "ja": "誤差の範囲"},
    "impact.verdict.too_few": {"en": "too few accounts to tell", "ja": "顧客数が少なく判断できません"},
    "impact.verdict.undefined": {"en": "cannot be tested", "ja": "検定できません"},
    "impact.stratified_interval": {"en": "By segment: 95 % interval", "ja": "層別の95%区間"},
    "impact.stratified_p": {"en": "By segment: p", "ja": "層別のp値"},
    "impact.accounts": {"en": "Accounts", "ja": "顧客数"},
    "impact.accounts_pair": {"en": "{treated} vs {untreated} accounts", "ja": "{treated}社 対 {untreated}社"},
    "impact.lines_pair": {"en": "{treated} vs {untreated} lines", "ja": "{treated}件 対 {untreated}件"},
    "impact.weak": {"en": "weak evidence (under 30)", "ja": "根拠が弱い（30社未満）"},
    "impact.estimate": {"en": "Estimate", "ja": "推定"},
    "impact.estimate.overall": {"en": "Overall", "ja": "全体"},
    "impact.estimate.stratified": {"en": "By segment", "ja": "セグメント層別"},
    "impact.axis_points": {"en": "difference (points)", "ja": "差（ポイント）"},
    "impact.chart_title": {"en": "Treated − untreated, with 95 % intervals", "ja": "施策あり − 施策なし（95%区間）"},
    "impact.strata_left_out": {
        "en": "Segments left out of the stratified figures (one group missing): {items}.",
        "ja": "層別の計算から外したセグメント数（片方の群がない）：{items}",
    },
    "impact.mix_header": {"en": "Mix of segments in each group", "ja": "各群のセグメント構成"},
    "impact.mix_help": {
        "en": "A different mix of segments alone can make the groups differ; the stratified figures compare "
              "within each segment.",
        "ja": "セグメント構成の違いだけでも差が生じます。層別の数値は各セグメントの中で比較したものです。",
    },
    "impact.segment": {"en": "Segment", "ja": "セグメント"},
    "impact.no_segment": {"en": "(none)", "ja": "（なし）"},
    "impact.treated_accounts": {"en": "Treated accounts", "ja": "施策あり 顧客数"},
    "impact.untreated_accounts": {"en": "Untreated accounts", "ja": "施策なし 顧客数"},
    "impact.treated_share": {"en": "Treated share", "ja": "施策あり 構成比"},
    "impact.untreated_share": {"en": "Untreated share", "ja": "施策なし 構成比"},
    "impact.did_header": {"en": "Before / after (difference in differences)", "ja": "開始前後の比較（差の差）"},
    "impact.did_help": {
        "en": "For each programme start month s: accounts that started in s against accounts active then that had "
              "not started a year later. Before = NRR over the 12 months to s, after = NRR over the 12 months "
              "from s; the effect = the treated change − the control change. Start months are pooled by summing "
              "MRR; the interval is an account bootstrap (2,000 draws).",
        "ja": "プログラム開始月sごとに、sに開始した顧客と、その時点で契約中で1年後まで開始しなかった顧客を比較します。"
              "前＝sまでの12か月のNRR、後＝sからの12か月のNRR。効果＝施策ありの変化 − 比較群の変化。"
              "開始月はMRRを合算してまとめ、区間は顧客のブートストラップ（2,000回）です。",
    },
    "impact.did_sentence": {
        "en": "Difference in differences of NRR: {difference} (95 % interval {interval}), from {stacks} start "
              "month(s) ({left_out} without control accounts left out), {treated} treated and {control} control "
              "accounts.",
        "ja": "NRRの差の差：{difference}（95%区間 {interval}）。開始月{stacks}か月分"
              "（比較群のない{left_out}か月は除外）、施策あり{treated}社・比較群{control}社。",
    },
    "impact.did_none": {
        "en": "No programme start month has a year of data before and after it with control accounts.",
        "ja": "前後1年のデータと比較群がそろう開始月がありません。",
    },
    "impact.did_programme_only": {
        "en": "Before / after needs a start date: it is shown for programmes only.",
        "ja": "開始前後の比較には開始日が必要なため、プログラムについてのみ表示します。",
    },
    "impact.did_chart_title": {"en": "NRR before and after the start", "ja": "開始前後のNRR"},
    "impact.role": {"en": "Group", "ja": "群"},
    "impact.period": {"en": "Period", "ja": "期間"},
    "impact.before": {"en": "Before (s−12 → s)", "ja": "開始前（s−12→s）"},
    "impact.after": {"en": "After (s → s+12)", "ja": "開始後（s→s+12）"},
    "impact.change": {"en": "Change", "ja": "変化"},
    "impact.roi_header": {"en": "Return on CS cost", "ja": "CS投資対効果（ROI）"},
    "impact.roi_help": {
        "en": "ROI = (attributable ARR − yearly CS cost) / cost, attributable ARR = 12 × the treated accounts' MRR "
              "at the start × the NRR difference by segment. The range is the 2.5th to 97.5th percentile over the "
              "same bootstrap draws as the NRR interval: read the range, not the middle.",
        "ja": "ROI ＝（寄与ARR − 年間CSコスト）÷ コスト。"
              "寄与ARR ＝ 12 × 施策あり顧客の開始時MRR × セグメント層別のNRR差。"
              "範囲はNRR区間と同じブートストラップの2.5〜97.5パーセンタイルです。"
              "中央の値ではなく範囲で読んでください。",
    },
    "impact.cost": {"en": "Yearly CS cost", "ja": "年間CSコスト"},
    "impact.cost_help": {
        "en": "Defaults to the setting cs_cost_per_year (the Data page's settings, or `python -m cs_lib settings "
              "--db PATH cs_cost_per_year=…`); a value typed here is used for this view only.",
        "ja": "既定値は設定 cs_cost_per_year です（データページの設定、またはコマンド settings）。"
              "ここで入力した値はこの表示にだけ使います。",
    },
    "impact.roi_sentence": {
        "en": "ROI between {low} and {high} (at the point estimate {mid}): attributable ARR {arr} against a yearly "
              "cost of {cost}.",
        "ja": "ROIは{low}〜{high}（点推定{mid}）。寄与ARR {arr}、年間コスト {cost}。",
    },
    "impact.roi_none": {
        "en": "Enter the yearly CS cost to see the ROI range (it also needs an NRR difference by segment).",
        "ja": "ROIの範囲を見るには年間CSコストを入力してください（セグメント層別のNRR差も必要です）。",
    },
    "impact.roi_low": {"en": "ROI, low (2.5 %)", "ja": "ROI 下限（2.5%）"},
    "impact.roi_high": {"en": "ROI, high (97.5 %)", "ja": "ROI 上限（97.5%）"},
    "impact.roi_mid": {"en": "ROI at the estimate", "ja": "ROI 点推定"},
    # --- KPI tree (issue 11) ---
    "page.kpi_tree": {"en": "KPI tree", "ja": "KPIツリー"},
    "kpi_tree.caption": {
        "en": "NRR, the goal, and the KPIs that drive it: GRR (held back by logo churn and contraction), "
              "expansion (upsell and cross-sell) and renewals. Each card: value, change, whether it is real, "
              "target. The line shows the last twelve months.",
        "ja": "目標であるNRRと、それを動かすKPI：GRR（顧客解約と縮小が押し下げる）、拡大（アップセルとクロスセル）、"
              "更新。各カードは値・変化・その変化が本物か・目標を示し、線は直近12か月の推移です。",
    },
    "kpi_tree.targets_note": {
        "en": "Targets are the settings target.<KPI> shared with the Overview's cards; the contraction rate and "
              "the healthy share are not §14 KPIs and have no target setting.",
        "ja": "目標は経営サマリーのカードと共通の設定 target.<KPI> です。"
              "縮小率と良好な顧客の割合は§14のKPIではないため目標の設定はありません。",
    },
    "kpi_tree.kpi": {"en": "KPI", "ja": "KPI"},
    "kpi.healthy_share": {"en": "Healthy share", "ja": "良好な顧客の割合"},
    "definition.healthy_share": {
        "en": "Accounts in the healthy band (health score at or above the healthy threshold) over the scored "
              "accounts at the month-end; accounts without a score are left out.",
        "ja": "月末時点でスコアのある顧客のうち、良好（ヘルススコアがしきい値以上）の顧客の割合です。"
              "スコアのない顧客は含めません。",
    },
    "kpi_tree.value": {"en": "Value", "ja": "値"},
    # --- Board pack (issue 11) ---
    "board.title": {"en": "Customer success: board pack", "ja": "カスタマーサクセス 取締役会資料"},
    "board.period": {"en": "As of {as_of}; changes against {lag} month(s) earlier.",
                     "ja": "基準月 {as_of}。変化は{lag}か月前との比較です。"},
    "board.filters": {"en": "Accounts: {filters}", "ja": "対象: {filters}"},
    "board.observational_note": {
        "en": "Every rate states the accounts it rests on; under 30 accounts it is marked as weak evidence. A "
              "change is called real only when the paired bootstrap says so.",
        "ja": "すべての率は対象の顧客数を示し、30社未満は根拠が弱いと明記します。変化を「本物」と呼ぶのは"
              "対応のあるブートストラップ検定がそう示すときだけです。",
    },
    "board.kpis": {"en": "KPIs, targets and whether the change is real", "ja": "KPI・目標・変化の有意性"},
    "board.card.kpi": {"en": "KPI", "ja": "KPI"},
    "board.card.value": {"en": "Value", "ja": "値"},
    "board.card.change": {"en": "Change", "ja": "変化"},
    "board.card.verdict": {"en": "Is it real?", "ja": "判定"},
    "board.card.basis": {"en": "Accounts", "ja": "対象"},
    "board.card.target": {"en": "Target", "ja": "目標"},
    "board.first_pack": {"en": "This is the first board pack for these filters: nothing to compare with yet.",
                         "ja": "この絞り込み条件で初めての取締役会資料です。前回との比較はまだありません。"},
    "board.since_last": {"en": "What changed since the last board (pack of {date}, as of {as_of}):",
                         "ja": "前回の取締役会（{date}作成、基準月 {as_of}）からの変化："},
    "board.then": {"en": "Last board ({as_of})", "ja": "前回（{as_of}）"},
    "board.now": {"en": "Now ({as_of})", "ja": "今回（{as_of}）"},
    "board.restated": {"en": "Restated figures", "ja": "修正された数値"},
    "board.restated_none": {"en": "No figure shown to the last board has changed since.",
                            "ja": "前回の取締役会で示した数値に修正はありません。"},
    "board.restated_intro": {
        "en": "A later import changed these figures after they were shown to the board:",
        "ja": "取締役会で示した後のデータ取り込みにより、次の数値が変わりました：",
    },
    "board.as_of": {"en": "As of", "ja": "基準月"},
    "board.shown": {"en": "Shown to the board", "ja": "取締役会で示した値"},
    "board.restated_now": {"en": "Now", "ja": "現在の値"},
    "board.appendix": {"en": "Appendix: definitions", "ja": "付録：指標の定義"},
    "board.definition": {"en": "Definition", "ja": "定義"},
    "board.risk": {"en": "Renewal risk", "ja": "更新リスク"},
    "board.risk_summary": {
        "en": "{lines} paid line(s) end in the risk window: ARR at risk {arr}, expected loss {loss} "
              "(ARR × (1 − health/100)).",
        "ja": "リスク期間内に終了する有料契約 {lines}件：リスクARR {arr}、予想損失 {loss}（ARR ×（1 − ヘルス/100））。",
    },
    "board.risk.account": {"en": "Account", "ja": "顧客"},
    "board.risk.end_date": {"en": "Ends", "ja": "終了日"},
    "board.risk.arr": {"en": "ARR at risk", "ja": "リスクARR"},
    "board.risk.band": {"en": "Health band", "ja": "ヘルス"},
    "board.risk.loss": {"en": "Expected loss", "ja": "予想損失"},
    "board.band.healthy": {"en": "healthy", "ja": "良好"},
    "board.band.watch": {"en": "watch", "ja": "注意"},
    "board.band.at_risk": {"en": "at risk", "ja": "リスク"},
    "board.band.unscored": {"en": "unscored", "ja": "スコアなし"},
    "board.maturity": {"en": "CS maturity", "ja": "CS成熟度"},
    "board.maturity_summary": {
        "en": "Company maturity {level} (levels 1–4, weighted by ARR) from {units} assessed business unit(s), "
              "covering {covered} of ARR.",
        "ja": "全社の成熟度 {level}（レベル1〜4、ARR加重）。評価済みの事業部 {units}、ARRの{covered}をカバー。",
    },
    "board.maturity.department": {"en": "Department", "ja": "部門"},
    "board.maturity.level": {"en": "Level (mean over units)", "ja": "レベル（事業部平均）"},
    "board.maturity.units": {"en": "Units", "ja": "事業部数"},
    "board.maturity.assessed_on": {"en": "Latest assessment", "ja": "最新の評価日"},
    "board.download_pdf": {"en": "Board pack (PDF)", "ja": "取締役会資料（PDF）"},
    "board.download_pptx": {"en": "Board pack (PowerPoint)", "ja": "取締役会資料（PowerPoint）"},
    "board.download_help": {
        "en": "The current filters and as-of month, in this language. The figures it shows are kept, so the "
              "next pack lists what changed since and any figure a later import restated.",
        "ja": "現在の絞り込みと基準月、この言語で作成します。示した数値は保存され、次回の資料で変化と"
              "その後の取り込みで修正された数値を一覧にします。",
    },
})

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
