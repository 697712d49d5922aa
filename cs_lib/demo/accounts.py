"""Demo accounts: who the customers are, and the hidden traits that drive their story.

Each account gets visible attributes (name, industry, region, segment, CS
model, CSM, business unit) and hidden ones the rest of the generator reads: a
latent health that makes churn less likely and expansion more likely, the
date it arrives, an optional free pilot, and the CS programmes it will join.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from cs_lib.demo import names
from cs_lib.demo.calendar import DATA_MONTHS, MONTH_START, NEVER, day, last_day_of_term, stream

SEGMENTS = ("Enterprise", "Mid-market", "SMB")
SEGMENT_SHARE = (0.15, 0.35, 0.50)
SEATS_MEDIAN = np.array([350.0, 60.0, 12.0])
TIER_PROBABILITY = np.array([[0.15, 0.50, 0.35], [0.35, 0.50, 0.15], [0.70, 0.27, 0.03]])  # starter/standard/premium
TERM_PROBABILITY = np.array([[0.05, 0.55, 0.40], [0.15, 0.65, 0.20], [0.40, 0.52, 0.08]])  # monthly/12/24 months
TERM_MONTHS = np.array([0, 12, 24])
PILOT_PROBABILITY = np.array([0.25, 0.15, 0.08])
CS_MODELS = ("high_touch", "low_touch", "tech_touch")
CS_MODEL_PROBABILITY = np.array([[0.85, 0.15, 0.0], [0.25, 0.60, 0.15], [0.0, 0.25, 0.75]])

# The vendor's business units and their CS maturity (1 reactive … 4 predictive).
BUSINESS_UNITS = ("SMB事業部", "パートナー事業部", "西日本営業本部", "東日本営業本部", "エンタープライズ事業部")
BUSINESS_UNIT_MATURITY = np.array([1.5, 2.0, 2.5, 3.0, 3.5])
SMB_UNIT, PARTNER, WEST, EAST, ENTERPRISE_UNIT = range(5)
# Per segment: chance of the segment's own unit, of the partner unit; the rest go east/west by region.
UNIT_CHOICE = {0: (ENTERPRISE_UNIT, 0.75, 0.05), 1: (SMB_UNIT, 0.05, 0.20), 2: (SMB_UNIT, 0.50, 0.25)}

INDUSTRIES = tuple(names.INDUSTRY_SUFFIXES)
INDUSTRY_SHARE = np.array([0.18, 0.14, 0.10, 0.18, 0.10, 0.10, 0.11, 0.09])
INDUSTRY_CHURN = np.array([1.0, 1.2, 0.8, 1.1, 0.9, 1.1, 1.0, 1.3])
REGIONS = ("北海道", "東北", "関東", "中部", "関西", "中国・四国", "九州・沖縄")
REGION_SHARE = np.array([0.05, 0.06, 0.40, 0.14, 0.18, 0.08, 0.09])
EAST_REGIONS = np.array([True, True, True, False, False, False, False])

PROGRAMS = ("onboarding_program", "success_plan")
PROGRAM_LAUNCH = (day("2023-04-01"), day("2024-04-01"))
PROGRAM_REACH = np.array([[0.50, 0.35, 0.20], [0.30, 0.15, 0.05]])  # per programme and CS model
ACCOUNTS_PER_CSM = 60
POOLED_OWNER = "デジタルCSチーム"  # tech-touch accounts share one owner, except in the partner unit (none)


@dataclass(frozen=True)
class Accounts:
    """Index-aligned arrays, one entry per account (account i is ACC-{i+1:06d})."""

    name: np.ndarray
    industry: np.ndarray
    region: np.ndarray
    segment: np.ndarray
    business_unit: np.ndarray
    cs_model: np.ndarray
    csm: np.ndarray  # object: a name, or None when the account has no owner
    csm_effect: np.ndarray  # log-hazard effect of the owner: some CSMs retain better
    health: np.ndarray  # latent, ~N(0, 1): lowers churn, raises expansion, shows in activity
    price_factor: np.ndarray  # negotiated discount or premium on list price
    created_day: np.ndarray  # deal signed, a few days before service starts
    arrival_day: np.ndarray  # first day of service: the pilot's start, else the paid start
    pilot_end: np.ndarray  # last day of the free pilot, NEVER when there is none
    paid_day: np.ndarray  # first paid day, NEVER when a pilot never converts
    seats: np.ndarray
    tier: np.ndarray  # 0 starter, 1 standard, 2 premium
    term: np.ndarray  # 0 monthly, 12 or 24 months
    program_day: np.ndarray  # (2, n): start of each programme, NEVER when the account never joins

    @property
    def count(self) -> int:
        return len(self.name)


ACCOUNT_ID_PREFIX, ACCOUNT_ID_WIDTH = "ACC-", 6


def numbered_ids(prefix: str, count: int, width: int) -> pd.Series:
    """prefix + zero-padded 1, 2, … (never truncated), built in Arrow: an f-string per row is 7× slower."""
    digits = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, count + 1)), pa.string()), width, "0")
    return pd.Series(pc.binary_join_element_wise(prefix, digits, "").to_pandas(), dtype="str")


@lru_cache(maxsize=4)
def account_ids(count: int) -> pd.Series:
    """IDs in arrival order: ACC-000001 is the first customer. Cached: every table needs them; never mutate."""
    return numbered_ids(ACCOUNT_ID_PREFIX, count, ACCOUNT_ID_WIDTH)


def pick(rng: np.random.Generator, probabilities: np.ndarray) -> np.ndarray:
    """One category per row of a (rows × categories) probability matrix."""
    cumulative = np.cumsum(probabilities, axis=1)
    draws = rng.random(len(probabilities))[:, None] * cumulative[:, -1:]
    return (draws >= cumulative).sum(axis=1)


def make_accounts(count: int, seed: int) -> Accounts:
    rng = stream(seed, "accounts")
    arrival_day = _arrival_days(rng, count)
    segment = rng.choice(3, count, p=SEGMENT_SHARE)
    industry = rng.choice(len(INDUSTRIES), count, p=INDUSTRY_SHARE)
    region = rng.choice(len(REGIONS), count, p=REGION_SHARE)
    cs_model = pick(rng, CS_MODEL_PROBABILITY[segment])
    business_unit = _business_units(rng, segment, region)
    csm, csm_effect = _owners(rng, business_unit, cs_model)
    pilot_end, paid_day = _pilots(rng, segment, arrival_day)
    seats = np.maximum(3, np.round(SEATS_MEDIAN[segment] * rng.lognormal(0.0, 0.5, count))).astype(np.int64)
    term = TERM_MONTHS[pick(rng, TERM_PROBABILITY[segment])]
    return Accounts(
        name=names.company_names(rng, industry, len(INDUSTRIES)),
        industry=industry, region=region, segment=segment, business_unit=business_unit,
        cs_model=cs_model, csm=csm, csm_effect=csm_effect,
        health=rng.normal(0.0, 1.0, count),
        price_factor=rng.uniform(0.85, 1.05, count),
        created_day=arrival_day - rng.integers(0, 22, count),
        arrival_day=arrival_day, pilot_end=pilot_end, paid_day=paid_day,
        seats=seats, tier=pick(rng, TIER_PROBABILITY[segment]), term=term,
        program_day=_program_days(rng, cs_model, paid_day),
    )


def _arrival_days(rng: np.random.Generator, count: int) -> np.ndarray:
    """Arrivals grow ~2.5 % a month; most start on the 1st, some mid-month. Sorted: IDs follow arrival."""
    weights = np.exp(0.025 * np.arange(DATA_MONTHS))
    month = rng.choice(DATA_MONTHS, count, p=weights / weights.sum())
    day_of_month = np.where(rng.random(count) < 0.7, 1, rng.integers(2, 29, count))
    return np.sort(MONTH_START[month] + day_of_month - 1)


def _business_units(rng: np.random.Generator, segment: np.ndarray, region: np.ndarray) -> np.ndarray:
    """Enterprise and SMB accounts mostly sit in their own unit; the rest go east or west by region."""
    regional = np.where(EAST_REGIONS[region], EAST, WEST)
    draw = rng.random(len(segment))
    unit = regional.copy()
    for seg, (own_unit, own_share, partner_share) in UNIT_CHOICE.items():
        in_segment = segment == seg
        unit[in_segment & (draw < own_share)] = own_unit
        unit[in_segment & (draw >= own_share) & (draw < own_share + partner_share)] = PARTNER
    return unit


def _owners(rng: np.random.Generator, unit: np.ndarray, model: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each unit has its own pool of CSMs for human-touch accounts; tech-touch ones are pooled."""
    human = model != CS_MODELS.index("tech_touch")
    pool_sizes = [max(2, -(-int((human & (unit == u)).sum()) // ACCOUNTS_PER_CSM)) for u in range(5)]
    pool_names = names.person_names(rng, sum(pool_sizes))
    pool_effect = rng.normal(0.0, 0.15, sum(pool_sizes))
    first_of_pool = np.concatenate([[0], np.cumsum(pool_sizes)[:-1]])
    member = first_of_pool[unit] + (rng.random(len(unit)) * np.array(pool_sizes)[unit]).astype(np.int64)
    csm = np.where(human, pool_names[member], np.where(unit == PARTNER, None, POOLED_OWNER))
    return csm, np.where(human, pool_effect[member], 0.0)


def _pilots(rng: np.random.Generator, segment: np.ndarray, arrival: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Some accounts start with a free pilot of 1–2 months; 30 % of pilots never convert."""
    count = len(segment)
    has_pilot = rng.random(count) < PILOT_PROBABILITY[segment]
    pilot_end = np.where(has_pilot, last_day_of_term(arrival, rng.integers(1, 3, count)), NEVER)
    converts = rng.random(count) < 0.7
    paid_day = np.where(~has_pilot, arrival, np.where(converts, pilot_end + 1, NEVER))
    return pilot_end, paid_day


def _program_days(rng: np.random.Generator, model: np.ndarray, paid_day: np.ndarray) -> np.ndarray:
    """Onboarding programme for new accounts after its launch; success plans for established ones."""
    count = len(model)
    paid = paid_day < NEVER
    joins = rng.random((2, count)) < PROGRAM_REACH[:, model]
    onboarding = np.where(joins[0] & paid & (paid_day >= PROGRAM_LAUNCH[0]),
                          paid_day + rng.integers(0, 15, count), NEVER)
    plan_start = np.maximum(PROGRAM_LAUNCH[1], paid_day + 90) + rng.integers(0, 181, count)
    success_plan = np.where(joins[1] & paid, plan_start, NEVER)
    return np.vstack([onboarding, success_plan])


def accounts_frame(accounts: Accounts) -> pd.DataFrame:
    """The `accounts` table of the data contract."""
    return pd.DataFrame({
        "account_id": account_ids(accounts.count),
        "account_name": pd.Series(accounts.name, dtype="str"),
        "industry": pd.Categorical.from_codes(accounts.industry, INDUSTRIES),
        "region": pd.Categorical.from_codes(accounts.region, REGIONS),
        "segment": pd.Categorical.from_codes(accounts.segment, SEGMENTS),
        "cs_model": pd.Categorical.from_codes(accounts.cs_model, CS_MODELS),
        "csm": pd.Series(accounts.csm, dtype="str"),
        "business_unit": pd.Categorical.from_codes(accounts.business_unit, BUSINESS_UNITS),
        "created_on": accounts.created_day.astype("datetime64[D]"),
    })
