"""The data contract (DATA_CONTRACT.md) as data.

One place says which tables a company imports, their columns, types and
rules. The warehouse creates its raw tables from it and the importer checks
files against it, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TEXT, DATE, DECIMAL, INTEGER = "text", "date", "decimal", "integer"

SQL_TYPES = {TEXT: "varchar", DATE: "date", DECIMAL: "decimal(18, 2)", INTEGER: "integer"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str = TEXT
    required: bool = False
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    references_account: bool = False  # value must be an account_id of `accounts`


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    # Natural key: a re-import replaces rows with the same key (idempotent),
    # and two rows of one file with the same key are an error.
    key: tuple[str, ...]
    required: bool = False
    # Pairs (earlier, later) of date columns where later may not precede earlier.
    date_order: tuple[tuple[str, str], ...] = field(default=())

    @property
    def raw_name(self) -> str:
        return f"raw_{self.name}"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


CS_MODELS = ("high_touch", "low_touch", "tech_touch")
DEPARTMENTS = ("product", "marketing", "sales", "partners", "services", "support", "it", "cs", "executive")

TABLES: tuple[Table, ...] = (
    Table(
        "accounts",
        (
            Column("account_id", required=True),
            Column("account_name"),
            Column("industry"),
            Column("region"),
            Column("segment"),
            Column("cs_model", allowed=CS_MODELS),
            Column("csm"),
            Column("business_unit"),
            Column("created_on", DATE),
        ),
        key=("account_id",),
        required=True,
    ),
    Table(
        "subscriptions",
        (
            Column("subscription_id", required=True),
            Column("account_id", required=True, references_account=True),
            Column("product", required=True),
            Column("start_date", DATE, required=True),
            Column("end_date", DATE),
            Column("mrr", DECIMAL, required=True, minimum=0),
            Column("seats", INTEGER, minimum=0),
        ),
        key=("subscription_id",),
        required=True,
        date_order=(("start_date", "end_date"),),
    ),
    Table(
        "usage",
        (
            Column("account_id", required=True, references_account=True),
            Column("date", DATE, required=True),
            Column("metric", required=True),
            Column("value", DECIMAL, required=True, minimum=0),
        ),
        key=("account_id", "date", "metric"),
    ),
    Table(
        "touchpoints",
        (
            Column("account_id", required=True, references_account=True),
            Column("date", DATE, required=True),
            Column("type"),
            Column("channel", allowed=("high_touch", "tech_touch")),
            Column("department", allowed=DEPARTMENTS),
        ),
        key=("account_id", "date", "type"),
    ),
    Table(
        "tickets",
        (
            Column("ticket_id", required=True),
            Column("account_id", required=True, references_account=True),
            Column("opened_on", DATE, required=True),
            Column("closed_on", DATE),
            Column("severity", allowed=("low", "medium", "high")),
            Column("csat", INTEGER, minimum=1, maximum=5),
        ),
        key=("ticket_id",),
        date_order=(("opened_on", "closed_on"),),
    ),
    Table(
        "nps",
        (
            Column("account_id", required=True, references_account=True),
            Column("date", DATE, required=True),
            Column("score", INTEGER, required=True, minimum=0, maximum=10),
        ),
        key=("account_id", "date"),
    ),
    Table(
        "journey_events",
        (
            Column("account_id", required=True, references_account=True),
            Column("stage", required=True),  # must be a stage of journey_stages
            Column("entered_on", DATE, required=True),
        ),
        key=("account_id", "stage", "entered_on"),
    ),
    Table(
        "maturity_assessments",
        (
            Column("assessment_id", required=True),
            Column("assessed_on", DATE, required=True),
            Column("business_unit", required=True),
            Column("department", required=True, allowed=DEPARTMENTS),
            Column("respondent"),
            Column("level", INTEGER, required=True, minimum=1, maximum=4),
        ),
        key=("assessment_id", "department"),
    ),
    Table(
        "culture_survey",
        (
            Column("response_id", required=True),
            Column("answered_on", DATE, required=True),
            Column("business_unit"),
            Column("department"),
            Column("item", required=True),
            Column("score", INTEGER, required=True, minimum=1, maximum=5),
        ),
        key=("response_id", "item"),
    ),
    Table(
        "programs",
        (
            Column("account_id", required=True, references_account=True),
            Column("program", required=True),
            Column("started_on", DATE, required=True),
        ),
        key=("account_id", "program"),
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}

# Journey stages shipped with every warehouse (METRICS.md §10: target days 90, 180, 90, none);
# a company may edit them.
DEFAULT_JOURNEY_STAGES = (
    # stage, position, label_en, label_ja, goal, kpi, next action, owner department, target days
    ("onboarding", 1, "Onboarding", "導入", "First value within 90 days", "kickoff and training done",
     "run kickoff and admin training", "cs", 90),
    ("adoption", 2, "Adoption", "活用定着", "Weekly active use across teams", "active users per seat",
     "usage review and tutorials", "cs", 180),
    ("renewal", 3, "Renewal", "更新", "Renew on time, at a higher tier", "renewal rate",
     "share health with sales 3 months before renewal", "sales", 90),
    ("value_realization", 4, "Value realization", "価値実現", "Customer reports business outcomes",
     "NPS and expansion", "joint success plan and case study", "cs", None),
)


def raw_table_ddl(table: Table) -> str:
    """`create table` for a raw table: typed contract columns, then extra columns as JSON."""
    columns = ",\n    ".join(f"{c.name} {SQL_TYPES[c.type]}" for c in table.columns)
    return (
        f"create table if not exists {table.raw_name} (\n    {columns},\n"
        "    extra_columns json\n)"
    )
