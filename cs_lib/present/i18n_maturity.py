"""Labels of the Maturity & culture page, the workshop and access control (ja/en).

Merged into the one translation table of `cs_lib.present.i18n` (look labels up with `t`);
kept in their own module so that table stays readable.
"""

from __future__ import annotations

_DEPARTMENTS = {
    "product": ("Product", "プロダクト"), "marketing": ("Marketing", "マーケティング"), "sales": ("Sales", "営業"),
    "partners": ("Partners", "パートナー"), "services": ("Services", "サービス"), "support": ("Support", "サポート"),
    "it": ("IT", "情報システム"), "cs": ("Customer success", "カスタマーサクセス"),
    "executive": ("Executive", "経営層"),
}  # fmt: skip
# What each department contributes to customer success (the cross-functional view).
_ROLES = {
    "product": ("Builds what customers succeed with; turns their feedback into the roadmap.",
                "顧客が成果を出せる製品をつくり、顧客の声をロードマップに反映する。"),
    "marketing": ("Attracts the customers who will succeed; runs the content and webinars of tech-touch.",
                  "成功できる顧客を呼び込み、テックタッチのコンテンツやウェビナーを担う。"),
    "sales": ("Sells to the right customer with the right expectations; shares renewal risk early.",
              "適切な顧客に適切な期待値で販売し、更新リスクを早めに共有する。"),
    "partners": ("Extend reach and deliver value where the company is not present.",
                 "自社が届かない顧客にも価値を届ける。"),
    "services": ("Onboard and implement so customers reach first value quickly.",
                 "導入・実装を支援し、早く最初の成果に到達させる。"),
    "support": ("Solves problems fast and records what customers struggle with.",
                "問題を素早く解決し、顧客のつまずきを記録する。"),
    "it": ("Keeps the data flowing: usage, health and alerts, automated.",
           "利用状況・ヘルス・アラートのデータが自動で流れる仕組みを整える。"),
    "cs": ("Owns the journey, the health of accounts and the actions on it.",
           "カスタマージャーニーと顧客の健全性、その対応を担う。"),
    "executive": ("Owns the transformation: makes customer success how the company runs.",
                  "変革の責任者として、カスタマーサクセスを会社の仕組みにする。"),
}
_LEVELS = {
    1: ("Reactive", "リアクティブ", "No CS: problems are handled when customers complain.",
        "CSなし：顧客から声が上がってから対応する。"),
    2: ("Informed", "インフォームド", "CS is one function, with its own data.", "CSは一つの部門として存在する。"),
    3: ("Proactive", "プロアクティブ", "CS works across departments, acting before customers ask.",
        "CSが部門を越えて動き、顧客より先に手を打つ。"),
    4: ("Predictive", "プレディクティブ", "CS is built into how the company runs, steered by data.",
        "CSが会社の運営そのものに組み込まれ、データで先を読む。"),
}

MATURITY_LABELS: dict[str, dict[str, str]] = {
    **{f"department.{key}": {"en": en, "ja": ja} for key, (en, ja) in _DEPARTMENTS.items()},
    **{f"maturity.role.{key}": {"en": en, "ja": ja} for key, (en, ja) in _ROLES.items()},
    **{f"maturity.level.{level}": {"en": f"{level} {en}", "ja": f"{level} {ja}"}
       for level, (en, ja, _, _) in _LEVELS.items()},
    **{f"maturity.level_desc.{level}": {"en": en, "ja": ja} for level, (_, _, en, ja) in _LEVELS.items()},
    # --- Maturity & culture page -------------------------------------------------------
    "maturity.company": {"en": "Company maturity", "ja": "全社の成熟度"},
    "maturity.coverage": {"en": "ARR covered by assessments", "ja": "評価済み事業部のARR比率"},
    "maturity.units_assessed": {"en": "Business units assessed", "ja": "評価済みの事業部"},
    "maturity.high_spread_cells": {"en": "High-disagreement cells", "ja": "意見が割れたセル"},
    "maturity.company_help": {
        "en": "Mean of the business units' maturity weighted by their ARR at the as-of month (within the "
        "filters); units without an assessment are left out, and the share of ARR they leave uncovered is shown.",
        "ja": "基準月のARRで重み付けした事業部成熟度の平均です（絞り込みの範囲内）。"
        "評価のない事業部は除き、評価済み事業部のARR比率を示します。",
    },
    "maturity.levels_header": {"en": "The four levels", "ja": "4つの成熟度レベル"},
    "maturity.heatmap_header": {"en": "Maturity by business unit and department", "ja": "事業部×部門の成熟度"},
    "maturity.heatmap_help": {
        "en": "Each cell: the mean level of the department's latest round (its assessments within 14 days of its "
        "latest one, up to the as-of month). ◆ marks a spread (sample standard deviation) of {threshold} levels or "
        "more: the room disagrees. The date shows how fresh it is.",
        "ja": "各セルは部門の直近ラウンド（基準月までの最新の評価日から14日以内の評価）の平均レベルです。"
        "◆はばらつき（標本標準偏差）が{threshold}以上で、意見が割れていることを示します。日付で鮮度が分かります。",
    },
    "maturity.units_header": {"en": "Business units", "ja": "事業部"},
    "maturity.culture_header": {"en": "Culture survey", "ja": "企業文化サーベイ"},
    "maturity.culture_help": {
        "en": "Mean of all answers (1–5) over the 12 months ending at the as-of month, and the share favourable "
        "(answers of 4 or 5). The weakest items come first.",
        "ja": "基準月までの12か月の全回答（1〜5）の平均と、好意的な回答（4または5）の割合です。弱い項目から並べます。",
    },
    "maturity.culture_empty": {
        "en": "No culture survey answers in the 12 months ending at the as-of month (import culture_survey).",
        "ja": "基準月までの12か月に企業文化サーベイの回答がありません（culture_surveyを取り込んでください）。",
    },
    "maturity.culture_by_unit": {"en": "Culture by item and business unit", "ja": "項目×事業部"},
    "maturity.culture_by_department": {"en": "Culture by business unit and department", "ja": "事業部×部門"},
    "maturity.regression_header": {"en": "Maturity against retention", "ja": "成熟度と継続率"},
    "maturity.regression_help": {
        "en": "Business units as points (size = ARR): GRR and NRR over the last 12 months against maturity. The "
        "line is ordinary least squares with its 95 % confidence band; the dashed line is the published benchmark "
        "(about +18 points from level 1 to level 4, i.e. 6 points per level) drawn through the mean point.",
        "ja": "事業部ごとの点（大きさ＝ARR）：直近12か月のGRR・NRRと成熟度。実線は最小二乗法の回帰直線と95 %信頼帯、"
        "破線は公表されたベンチマーク（レベル1から4で約+18ポイント、1レベルあたり6ポイント）を平均点に通したものです。",
    },
    "maturity.fit_line": {
        "en": "{measure}: {slope} points per level (95 % CI {low} to {high}), r = {r}, p = {p}, {units} units.",
        "ja": "{measure}：1レベルあたり{slope}ポイント（95 %信頼区間 {low}〜{high}）、"
        "r = {r}、p = {p}、{units}事業部。",
    },
    "maturity.fit_line_no_ci": {
        "en": "{measure}: {slope} points per level, r = {r}, on only {units} units: no interval or p-value.",
        "ja": "{measure}：1レベルあたり{slope}ポイント、r = {r}。{units}事業部しかないため区間とp値は出しません。",
    },
    "maturity.fit_none": {
        "en": "{measure}: no line (it needs two business units at different maturity with retention defined).",
        "ja": "{measure}：回帰直線なし（成熟度の異なる2つ以上の事業部の継続率が必要です）。",
    },
    "maturity.thin_evidence": {
        "en": "⚠ Thin evidence (business units in the fit: {units}, at least 5 wanted{weak}). Read the slope as a "
        "conversation starter, not a finding.",
        "ja": "⚠ 根拠が弱い（回帰に使った事業部：{units}、5以上が望ましい{weak}）。"
        "傾きは議論のきっかけとして読み、結論とはしないでください。",
    },
    "maturity.thin_weak_units": {
        "en": "; under 30 accounts: {names}",
        "ja": "。30社未満：{names}",
    },
    "maturity.reference": {"en": "Benchmark (+6 pt per level)", "ja": "ベンチマーク（1レベル+6pt）"},
    "maturity.fitted": {"en": "Fitted line", "ja": "回帰直線"},
    "maturity.band": {"en": "95 % band", "ja": "95 %信頼帯"},
    "maturity.evidence_header": {"en": "Evidence beside self-assessment", "ja": "自己評価とデータの裏付け"},
    "maturity.evidence_help": {
        "en": "What a mature CS organisation leaves in the data, over the accounts active at the as-of month: the "
        "share with a recorded journey stage, with a touchpoint in the last 90 days, and served by tech-touch; "
        "and, of the ARR that churned in the last twelve months, the share whose account the health score had "
        "flagged at risk 90 days or more before. Compare it with the level the unit gives itself.",
        "ja": "成熟したCS組織ならデータに残る痕跡です（基準月に契約中の顧客）：ジャーニー段階の記録がある割合、"
        "直近90日に接点がある割合、テックタッチで支援している割合、そして直近12か月に解約したARRのうち、"
        "解約の90日以上前にヘルススコアが「危険」と示していた割合。事業部の自己評価と見比べてください。",
    },
    "maturity.cross_header": {"en": "The cross-functional view", "ja": "部門横断の視点"},
    "maturity.cross_help": {
        "en": "Each department's level (mean over the business units that assessed it) and what it contributes "
        "to customer success.",
        "ja": "各部門のレベル（評価した事業部の平均）と、カスタマーサクセスへの貢献です。",
    },
    "maturity.edit_roles": {"en": "Edit the contributions", "ja": "貢献の説明を編集"},
    "maturity.save_roles": {"en": "Save", "ja": "保存"},
    "maturity.roles_busy": {
        "en": "The descriptions cannot be edited right now: another app process holds the workshop file.",
        "ja": "別のアプリがワークショップのファイルを使用中のため、説明は今は編集できません。",
    },
    "maturity.empty": {
        "en": "No maturity assessments up to the as-of month. Import maturity_assessments, or run a workshop.",
        "ja": "基準月までに成熟度評価がありません。"
        "maturity_assessmentsを取り込むか、ワークショップを実施してください。",
    },
    "maturity.stale_note": {"en": "oldest assessment used: {day}", "ja": "最も古い評価日: {day}"},
    # --- table columns ---------------------------------------------------------------
    "column.business_unit": {"en": "Business unit", "ja": "事業部"},
    "column.department": {"en": "Department", "ja": "部門"},
    "column.level": {"en": "Level", "ja": "レベル"},
    "column.spread": {"en": "Spread", "ja": "ばらつき"},
    "column.high_spread": {"en": "Room disagrees", "ja": "意見が割れている"},
    "column.respondents": {"en": "Respondents", "ja": "回答者数"},
    "column.assessed_on": {"en": "Assessed on", "ja": "評価日"},
    "column.level_change": {"en": "Change since previous", "ja": "前回からの変化"},
    "column.maturity": {"en": "Maturity", "ja": "成熟度"},
    "column.maturity_change": {"en": "Change", "ja": "変化"},
    "column.departments": {"en": "Departments", "ja": "部門数"},
    "column.arr": {"en": "ARR", "ja": "ARR"},
    "column.active_accounts": {"en": "Active accounts", "ja": "契約中の顧客数"},
    "column.item": {"en": "Item", "ja": "項目"},
    "column.mean_score": {"en": "Mean (1–5)", "ja": "平均（1〜5）"},
    "column.favourable": {"en": "Favourable", "ja": "好意的"},
    "column.answers": {"en": "Answers", "ja": "回答数"},
    "column.grr_points": {"en": "GRR (TTM)", "ja": "GRR（直近12か月）"},
    "column.nrr_points": {"en": "NRR (TTM)", "ja": "NRR（直近12か月）"},
    "column.retention_accounts": {"en": "Accounts (TTM)", "ja": "顧客数（12か月前）"},
    "column.journey_coverage": {"en": "Journey stage recorded", "ja": "ジャーニー記録あり"},
    "column.touchpoint_coverage": {"en": "Touchpoint in 90 days", "ja": "90日内の接点あり"},
    "column.tech_touch_share": {"en": "Tech-touch share", "ja": "テックタッチ比率"},
    "column.churned_arr": {"en": "ARR churned (12 mo)", "ja": "解約ARR（12か月）"},
    "column.flagged_early_share": {"en": "Flagged at risk 90+ days before", "ja": "90日以上前に危険検知"},
    "column.weak_evidence": {"en": "Weak evidence", "ja": "根拠が弱い"},
    "column.contribution": {"en": "Contribution to CS", "ja": "CSへの貢献"},
    "column.units": {"en": "Units", "ja": "事業部数"},
}
