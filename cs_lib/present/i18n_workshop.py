"""Labels of the workshop (facilitator and participant) and of access control (ja/en).

Merged into the one translation table of `cs_lib.present.i18n` (look labels up with `t`).
"""

from __future__ import annotations

WORKSHOP_LABELS: dict[str, dict[str, str]] = {
    # --- facilitator ---------------------------------------------------------------------
    "workshop.intro": {
        "en": "Run the maturity conversation live: open a workshop, share the join link, and watch the room's "
        "answers arrive. Closing it records every answer as a maturity assessment.",
        "ja": "成熟度の議論をその場で行います。ワークショップを開き、参加リンクを共有すると、回答がリアルタイムに"
        "集まります。終了すると各回答が成熟度評価として記録されます。",
    },
    "workshop.open_header": {"en": "Open a workshop", "ja": "ワークショップを開く"},
    "workshop.title": {"en": "Title", "ja": "タイトル"},
    "workshop.business_unit": {"en": "Business unit", "ja": "事業部"},
    "workshop.departments": {"en": "Departments to score", "ja": "評価する部門"},
    "workshop.target_level": {"en": "Target level", "ja": "目標レベル"},
    "workshop.open_button": {"en": "Open workshop", "ja": "ワークショップを開く"},
    "workshop.choose": {"en": "Workshop", "ja": "ワークショップ"},
    "workshop.none_yet": {
        "en": "No workshop yet: open one above.", "ja": "まだワークショップがありません。上で開いてください。",
    },
    "workshop.join_code": {"en": "Join code", "ja": "参加コード"},
    "workshop.join_url": {"en": "Participant link", "ja": "参加者用リンク"},
    "workshop.join_note": {
        "en": "Participants see only the scoring form of this workshop: no sidebar, no other page, no customer "
        "data. On a network, they need no passcode, only this link.",
        "ja": "参加者にはこのワークショップの評価フォームだけが表示されます（サイドバー、他のページ、顧客データは"
        "表示されません）。ネットワーク公開時もパスコードは不要で、このリンクだけで参加できます。",
    },
    "workshop.live_header": {"en": "The room, live", "ja": "会場の回答（リアルタイム）"},
    "workshop.participants": {"en": "Answers received", "ja": "回答数"},
    "workshop.target": {"en": "Target level", "ja": "目標レベル"},
    "workshop.status": {"en": "Status", "ja": "状態"},
    "workshop.open": {"en": "open", "ja": "受付中"},
    "workshop.still_open": {"en": "still open", "ja": "受付中"},
    "workshop.closed_on": {"en": "closed on {day}", "ja": "{day}に終了"},
    "workshop.recorded": {"en": "recorded as maturity assessments", "ja": "成熟度評価として記録済み"},
    "workshop.not_recorded": {
        "en": "closed, but not yet recorded in the warehouse: record it again.",
        "ja": "終了しましたが、まだデータに記録されていません。もう一度記録してください。",
    },
    "workshop.chart_title": {"en": "Answers per department", "ja": "部門別の回答分布"},
    "workshop.chart_axis_answers": {"en": "Answers", "ja": "回答数"},
    "workshop.comments": {"en": "Comments", "ja": "コメント"},
    "workshop.no_answers": {"en": "No answers yet.", "ja": "まだ回答がありません。"},
    "workshop.close_button": {"en": "Close and record", "ja": "終了して記録する"},
    "workshop.record_button": {"en": "Record again", "ja": "もう一度記録する"},
    "workshop.closed_done": {
        "en": "Closed: {participants} participants recorded as maturity assessments dated {day}. The Maturity "
        "page counts them from the as-of month {month} on.",
        "ja": "終了しました：{participants}名の回答を{day}付けの成熟度評価として記録しました。"
        "成熟度ページでは基準月{month}以降に反映されます。",
    },
    "workshop.record_failed": {"en": "Could not record the workshop: {error}", "ja": "記録できませんでした: {error}"},
    "workshop.download_csv": {"en": "Answers (CSV)", "ja": "回答（CSV）"},
    "workshop.download_summary": {"en": "One-page summary", "ja": "1ページのまとめ"},
    "workshop.summary_line": {
        "en": "Business unit {unit} · code {code} · {participants} participants · target level {target} · {status}",
        "ja": "事業部 {unit} ・ コード {code} ・ 参加者 {participants}名 ・ 目標レベル {target} ・ {status}",
    },
    "workshop.column.department": {"en": "Department", "ja": "部門"},
    "workshop.column.answers": {"en": "Answers", "ja": "回答数"},
    "workshop.column.mean": {"en": "Mean", "ja": "平均"},
    "workshop.column.spread": {"en": "Spread", "ja": "ばらつき"},
    "workshop.column.verdict": {"en": "Room", "ja": "会場の状況"},
    "workshop.column.gap": {"en": "Gap to target", "ja": "目標との差"},
    "workshop.column.level_1": {"en": "1", "ja": "1"},
    "workshop.verdict.consensus": {"en": "consensus", "ja": "合意"},
    "workshop.verdict.disagreement": {"en": "◆ disagreement", "ja": "◆ 意見が割れている"},
    "workshop.verdict.too_few": {"en": "too few answers", "ja": "回答が少ない"},
    "workshop.definition": {
        "en": "Per department: the answers' mean and spread (sample standard deviation, undefined under 2 "
        "answers); the room disagrees when the spread is {threshold} levels or more. Gap = mean − target level.",
        "ja": "部門ごとの回答の平均とばらつき（標本標準偏差、2件未満では計算しません）。ばらつきが{threshold}以上なら"
        "意見が割れています。目標との差＝平均−目標レベル。",
    },
    "workshop.store_busy": {
        "en": "The workshops cannot be opened: {error}. Only one app process can serve workshops for a warehouse; "
        "stop the other one (or finish the export) and reload.",
        "ja": "ワークショップを開けません：{error}。1つのデータに対してワークショップを扱えるアプリは1つだけです。"
        "もう一方を停止する（またはエクスポートの完了を待つ）と、再読み込みで開けます。",
    },
    # --- participant -------------------------------------------------------------------
    "join.title": {"en": "Maturity workshop", "ja": "成熟度ワークショップ"},
    "join.unit": {"en": "Business unit: {unit}", "ja": "事業部：{unit}"},
    "join.instructions": {
        "en": "For each department, choose the level that describes how it works today.",
        "ja": "各部門について、今の働き方に最も近いレベルを選んでください。",
    },
    "join.name": {"en": "Your name (optional)", "ja": "お名前（任意）"},
    "join.comment": {"en": "Comment (optional)", "ja": "コメント（任意）"},
    "join.submit": {"en": "Submit", "ja": "送信"},
    "join.update": {"en": "Update my answer", "ja": "回答を更新"},
    "join.thanks": {
        "en": "Thank you: your answer is in. You can change it until the workshop closes.",
        "ja": "回答を受け付けました。ワークショップの終了までは変更できます。",
    },
    "join.editing": {
        "en": "You have answered; changing and submitting again replaces your answer.",
        "ja": "回答済みです。変更して送信すると回答が置き換わります。",
    },
    "join.bad_code": {
        "en": "No open workshop has this join code. Check the link with the facilitator.",
        "ja": "この参加コードのワークショップはありません。進行役にリンクを確認してください。",
    },
    "join.closed": {
        "en": "This workshop is closed: answers can no longer be changed. Thank you for taking part.",
        "ja": "このワークショップは終了しました。回答は変更できません。ご参加ありがとうございました。",
    },
    # --- access control --------------------------------------------------------------------
    "access.title": {"en": "CS Cockpit: access passcode", "ja": "CS Cockpit：アクセスパスコード"},
    "access.prompt": {
        "en": "This app is served on a network. Enter the access passcode to see the data.",
        "ja": "このアプリはネットワークに公開されています。データを見るにはアクセスパスコードを入力してください。",
    },
    "access.passcode": {"en": "Passcode", "ja": "パスコード"},
    "access.enter": {"en": "Enter", "ja": "入る"},
    "access.wrong": {"en": "Wrong passcode.", "ja": "パスコードが違います。"},
    "access.title_sso": {"en": "CS Cockpit: sign in", "ja": "CS Cockpit：サインイン"},
    "access.prompt_sso": {
        "en": "This app is served on a network. Sign in with your company account to see the data.",
        "ja": "このアプリはネットワークに公開されています。データを見るには会社のアカウントでサインインしてください。",
    },
    "access.sign_in": {"en": "Sign in", "ja": "サインイン"},
    "access.not_set": {
        "en": "This app is served on a network, but no access passcode is set, so it opens nothing. Set one on "
        "the server with `python -m cs_lib settings --db PATH access_passcode=…` and reload.",
        "ja": "このアプリはネットワークに公開されていますが、アクセスパスコードが未設定のため何も表示しません。"
        "サーバーで `python -m cs_lib settings --db PATH access_passcode=…` を実行してから再読み込みしてください。",
    },
}
