"""The room's result per department, live: how many answered, the distribution over the four
levels, mean, spread, consensus or disagreement, and the gap to the target level.

The same definitions as a department's latest round (METRICS.md §11): the level is the mean of
the answers, the spread their sample standard deviation (n − 1, undefined under 2 answers), and
the room disagrees when the spread reaches the `maturity_high_spread` setting.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cs_lib.workshop.store import LEVELS, Workshop

CONSENSUS, DISAGREEMENT, TOO_FEW_ANSWERS = "consensus", "disagreement", "too_few"


def department_results(answers: pd.DataFrame, workshop: Workshop, high_spread: float) -> pd.DataFrame:
    """One row per department of the workshop, in its order (departments nobody scored yet too):
    department, answers, level_1..level_4 (counts), mean, spread, verdict, gap (mean − target)."""
    con = duckdb.connect()
    try:
        con.register("answers", answers[["department", "level"]])
        con.register("departments", pd.DataFrame({
            "department": list(workshop.departments), "position": range(len(workshop.departments))}))
        frame = con.execute(
            f"""
            select
                departments.department,
                count(answers.level) as answers,
                {", ".join(f"count(*) filter (where answers.level = {level}) as level_{level}" for level in LEVELS)},
                avg(answers.level) as mean,
                stddev_samp(answers.level) as spread
            from departments
            left join answers using (department)
            group by departments.department, departments.position
            order by departments.position
            """
        ).fetchdf()
    finally:
        con.close()
    frame["verdict"] = [
        TOO_FEW_ANSWERS if pd.isna(spread) else DISAGREEMENT if spread >= high_spread else CONSENSUS
        for spread in frame["spread"]
    ]
    frame["gap"] = frame["mean"] - workshop.target_level
    return frame


def participant_count(answers: pd.DataFrame) -> int:
    return int(answers["participant_id"].nunique())


def comments(answers: pd.DataFrame) -> list[str]:
    """Each participant's comment once, in order of participation."""
    first_rows = answers.drop_duplicates("participant_id")
    return [text for text in first_rows["comment"] if isinstance(text, str) and text.strip()]
