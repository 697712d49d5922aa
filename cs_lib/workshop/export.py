"""A workshop's answers as a table to download (CSV or JSON) and its one-page summary (Markdown)."""

from __future__ import annotations

import pandas as pd

from cs_lib.present.formatting import UNDEFINED
from cs_lib.present.i18n import t
from cs_lib.workshop.results import comments, department_results, participant_count
from cs_lib.workshop.store import Workshop, WorkshopStore

EXPORT_COLUMNS = (
    "code", "title", "business_unit", "participant", "respondent", "department", "level", "comment", "submitted_at",
)  # fmt: skip


def answers_table(store: WorkshopStore, workshop: Workshop) -> pd.DataFrame:
    """Every participant's answer, one row per department (the latest submission of each)."""
    answers = store.latest_answers(workshop.code)
    frame = answers.assign(code=workshop.code, title=workshop.title, business_unit=workshop.business_unit)
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"]).dt.strftime("%Y-%m-%dT%H:%M:%S")
    return frame[list(EXPORT_COLUMNS)].reset_index(drop=True)


def summary_markdown(store: WorkshopStore, workshop: Workshop, high_spread: float, lang: str) -> str:
    """One page: what was scored, by how many, each department's result against the target, comments."""
    answers = store.latest_answers(workshop.code)
    results = department_results(answers, workshop, high_spread)
    status = (t("workshop.closed_on", lang).format(day=workshop.closed_on) if workshop.closed_on
              else t("workshop.still_open", lang))
    lines = [
        f"# {workshop.title}",
        "",
        t("workshop.summary_line", lang).format(
            unit=workshop.business_unit, code=workshop.code, participants=participant_count(answers),
            target=workshop.target_level, status=status,
        ),
        "",
        "| " + " | ".join(t(f"workshop.column.{name}", lang) for name in (
            "department", "answers", "mean", "spread", "verdict", "gap")) + " |",
        "|---|---:|---:|---:|---|---:|",
    ]  # fmt: skip
    for row in results.itertuples():
        lines.append(
            f"| {t(f'department.{row.department}', lang)} | {row.answers} | {_number(row.mean)} | "
            f"{_number(row.spread)} | {t(f'workshop.verdict.{row.verdict}', lang)} | {_number(row.gap, signed=True)} |"
        )
    remarks = comments(answers)
    if remarks:
        lines += ["", f"## {t('workshop.comments', lang)}", ""] + [f"- {text}" for text in remarks]
    return "\n".join(lines) + "\n"


def _number(value: float, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return UNDEFINED
    return f"{value:+.2f}" if signed else f"{value:.2f}"
