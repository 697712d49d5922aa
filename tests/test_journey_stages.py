"""Editing the journey stages: every bad edit named, nothing written then; a good edit replaces them."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd

from cs_lib.metrics import journey
from cs_lib.metrics.journey_stages import check_stages, save_stages


def _stages(db) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return journey.stages(con)


def test_bad_edits_are_named(small_demo_db):
    stages = _stages(small_demo_db)
    bad = stages.astype(object)  # as the page's table editor hands edits over: any text
    bad.loc[0, "stage"] = "Onboarding!"
    bad.loc[1, "position"] = 1
    bad.loc[2, "target_days"] = "soon"
    bad.loc[3, "owner_department"] = "finance"
    problems = check_stages(bad, {"onboarding", "adoption"})
    assert problems == [
        "stage id 'Onboarding!': use lowercase letters, digits and _ (e.g. value_realization)",
        "two stages share an order",
        "renewal: target days must be empty (no target) or a whole number of days",
        "value_realization: owner department must be one of " + ", ".join(
            ("product", "marketing", "sales", "partners", "services", "support", "it", "cs", "executive")),
        "journey events refer to onboarding: these stages cannot be removed",
    ]
    assert check_stages(stages, {"onboarding"}) == []


def test_save_replaces_the_definitions_and_the_journey_follows(small_demo_db, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(small_demo_db, db)
    stages = _stages(db)
    stages.loc[stages["stage"] == "onboarding", "target_days"] = 30
    assert save_stages(db, stages) == []
    saved = _stages(db).set_index("stage")
    assert saved.loc["onboarding", "target_days"] == 30 and pd.isna(saved.loc["value_realization", "target_days"])
    with duckdb.connect(str(db), read_only=True) as con:
        stuck = journey.stuck_list(con)
    assert (stuck[stuck["stage"] == "onboarding"]["days_in_stage"] > 30).all()


def test_a_bad_save_writes_nothing(small_demo_db, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(small_demo_db, db)
    before = _stages(db)
    problems = save_stages(db, before[before["stage"] != "onboarding"])  # onboarding has events
    assert problems == ["journey events refer to onboarding: these stages cannot be removed"]
    pd.testing.assert_frame_equal(_stages(db), before)
