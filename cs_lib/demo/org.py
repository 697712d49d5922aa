"""Maturity assessments and culture survey of the vendor's own business units.

Respondents score each department of their unit on the four CS maturity
levels; their answers centre on the unit's maturity (the same number that
lowers its customers' churn in lifecycle), with a department profile
(CS ahead, IT and partners behind), a personal bias and noise, so the
workshop pages have real spread to show. Units mature a little between
assessments. Culture answers rise with maturity too: culture is what makes
the effect last.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cs_lib.demo.accounts import BUSINESS_UNIT_MATURITY, BUSINESS_UNITS, PARTNER
from cs_lib.demo.calendar import stream
from cs_lib.demo.names import person_names
from cs_lib.schema import DEPARTMENTS

ASSESSMENT_DATES = ("2025-04-15", "2025-10-15", "2026-09-15")
ASSESSMENT_TREND = (-0.3, -0.15, 0.0)  # the latest assessment sits on the unit's maturity
DEPARTMENT_OFFSET = dict(
    product=-0.1, marketing=-0.4, sales=-0.2, partners=-0.5, services=0.1, support=0.3, it=-0.6, cs=0.6,
    executive=0.2,
)
PANEL_SIZE = 8
SURVEY_DATES = ("2025-06-10", "2026-06-10")
CULTURE_ITEMS = (
    ("顧客の成功を最優先に考えている", 0.3),
    ("部門を越えて顧客の情報を共有している", -0.3),
    ("解約の兆候に早く気づける仕組みがある", -0.5),
    ("顧客の声が製品改善に反映されている", -0.2),
    ("経営層がカスタマーサクセスを重視している", 0.2),
    ("顧客のビジネス成果を数字で把握している", -0.4),
    ("自分の仕事が顧客の成功につながっていると感じる", 0.4),
    ("失敗から学び、やり方を改善している", 0.1),
)


def maturity_assessments_frame(seed: int) -> pd.DataFrame:
    """One row per respondent, date and department; the partner unit joined the programme later."""
    rng = stream(seed, "maturity")
    offsets = np.array([DEPARTMENT_OFFSET[name] for name in DEPARTMENTS])
    offsets -= offsets.mean()
    panels = person_names(rng, PANEL_SIZE * len(BUSINESS_UNITS)).reshape(len(BUSINESS_UNITS), PANEL_SIZE)
    parts = []
    for unit, maturity in enumerate(BUSINESS_UNIT_MATURITY):
        bias = rng.normal(0.0, 0.35, PANEL_SIZE)
        anonymous = rng.random(PANEL_SIZE) < 0.15
        for when, trend in zip(ASSESSMENT_DATES, ASSESSMENT_TREND, strict=True):
            if unit == PARTNER and when == ASSESSMENT_DATES[0]:
                continue
            panel = np.sort(rng.choice(PANEL_SIZE, rng.integers(5, PANEL_SIZE + 1), replace=False))
            noise = rng.normal(0.0, 0.45, (len(panel), len(DEPARTMENTS)))
            level = np.clip(np.round(maturity + trend + offsets + bias[panel, None] + noise), 1, 4)
            parts.append(pd.DataFrame({
                "assessment_id": np.repeat([f"MA-{when.replace('-', '')}-{unit + 1}-{r + 1:02d}" for r in panel],
                                           len(DEPARTMENTS)),
                "assessed_on": np.datetime64(when, "D"),
                "business_unit": BUSINESS_UNITS[unit],
                "department": np.tile(DEPARTMENTS, len(panel)),
                "respondent": np.repeat(np.where(anonymous[panel], None, panels[unit, panel]), len(DEPARTMENTS)),
                "level": level.ravel().astype(np.int64),
            }))
    return pd.concat(parts, ignore_index=True).astype({"respondent": "str"})


def culture_survey_frame(seed: int) -> pd.DataFrame:
    """Likert answers (1–5) per item from a few people per department, once a year."""
    rng = stream(seed, "culture")
    item_names = [item for item, _ in CULTURE_ITEMS]
    item_offset = np.array([offset for _, offset in CULTURE_ITEMS])
    parts = []
    for year, when in enumerate(SURVEY_DATES):
        for unit, maturity in enumerate(BUSINESS_UNIT_MATURITY):
            people = rng.integers(2, 6, len(DEPARTMENTS))
            department = np.repeat(np.arange(len(DEPARTMENTS)), people)
            bias = rng.normal(0.0, 0.4, len(department))
            noise = rng.normal(0.0, 0.7, (len(department), len(item_names)))
            score = np.clip(np.round(1.6 + 0.6 * maturity + 0.1 * year + item_offset + bias[:, None] + noise), 1, 5)
            ids = [f"CS-{when.replace('-', '')}-{unit + 1}-{k + 1:03d}" for k in range(len(department))]
            parts.append(pd.DataFrame({
                "response_id": np.repeat(ids, len(item_names)),
                "answered_on": np.datetime64(when, "D"),
                "business_unit": BUSINESS_UNITS[unit],
                "department": np.repeat(np.array(DEPARTMENTS)[department], len(item_names)),
                "item": np.tile(item_names, len(department)),
                "score": score.ravel().astype(np.int64),
            }))
    return pd.concat(parts, ignore_index=True)
