"""The data-quality report: what each contract table holds, what is missing, and what that leaves dark.

Per table: rows, the date range of its main date, missing values per column,
rows whose account does not exist (orphans), rows sharing a natural key
(duplicates), and months inside the date range with no rows at all. A table
with no rows names the pages it leaves dark and the file that would light
them. Read by the Data page and `python -m cs_lib quality`. Table and column
names come from `cs_lib.schema` only, never from input.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cs_lib import schema

# The date a table's rows are spread over (its "when").
MAIN_DATE = {
    "accounts": "created_on", "subscriptions": "start_date", "usage": "date", "touchpoints": "date",
    "tickets": "opened_on", "nps": "date", "journey_events": "entered_on", "maturity_assessments": "assessed_on",
    "culture_survey": "answered_on", "programs": "started_on",
}
# The pages that read a table (page keys of cs_lib.present.i18n: `page.<key>`).
PAGES_NEEDING = {
    "accounts": ("overview", "retention", "growth", "segments"),
    "subscriptions": ("overview", "retention", "growth", "segments"),
    "usage": ("health",),
    "touchpoints": ("journey", "health"),
    "tickets": ("health",),
    "nps": ("health",),
    "journey_events": ("journey",),
    "maturity_assessments": ("maturity", "workshop"),
    "culture_survey": ("maturity",),
    "programs": ("impact",),
}
TABLE_COLUMNS = ["table", "rows", "first_date", "last_date", "orphans", "duplicates", "months_without_data",
                 "empty_months", "dark_pages", "file_to_bring"]


def table_quality(con: duckdb.DuckDBPyConnection, table: schema.Table) -> dict[str, object]:
    """One table's line of the report."""
    raw, date = table.raw_name, MAIN_DATE[table.name]
    rows, first, last = con.execute(f"select count(*), min({date}), max({date}) from {raw}").fetchone()
    orphans = 0
    if any(c.references_account for c in table.columns):
        orphans = con.execute(
            f"select count(*) from {raw} where account_id is not null "
            "and account_id not in (select account_id from raw_accounts where account_id is not null)"
        ).fetchone()[0]
    keys = ", ".join(table.key)
    duplicates = con.execute(f"select count(*) - count(distinct ({keys})) from {raw}").fetchone()[0]
    empty = empty_months(con, raw, date) if rows else []
    dark = () if rows else PAGES_NEEDING[table.name]
    return {
        "table": table.name, "rows": rows,
        "first_date": first.isoformat() if first else None, "last_date": last.isoformat() if last else None,
        "orphans": orphans, "duplicates": duplicates, "months_without_data": len(empty),
        "empty_months": ", ".join(empty), "dark_pages": ", ".join(dark),
        "file_to_bring": "" if rows else f"{table.name}.csv",
    }


def empty_months(con: duckdb.DuckDBPyConnection, raw: str, date: str) -> list[str]:
    """Months (YYYY-MM) between the first and the last date with no row at all."""
    found = con.execute(
        f"""
        with span as (select date_trunc('month', min({date})) as first, date_trunc('month', max({date})) as last
                      from {raw}),
        months as (select unnest(generate_series(first, last, interval 1 month)) as month from span
                   where first is not null)
        select strftime(month, '%Y-%m') from months
        where month not in (select date_trunc('month', {date}) from {raw} where {date} is not null)
        order by month
        """
    ).fetchall()
    return [month for (month,) in found]


def quality_report(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One line per contract table, in contract order (columns: TABLE_COLUMNS)."""
    return pd.DataFrame([table_quality(con, table) for table in schema.TABLES], columns=TABLE_COLUMNS)


def missing_values(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per table and column: how many rows leave it empty, and what share of the rows that is."""
    lines = []
    for table in schema.TABLES:
        counts = ", ".join(f"count(*) - count({c.name})" for c in table.columns)
        rows, *missing = con.execute(f"select count(*), {counts} from {table.raw_name}").fetchone()
        for column, empty in zip(table.columns, missing, strict=True):
            lines.append({"table": table.name, "column": column.name, "required": column.required,
                          "missing": empty, "share": empty / rows if rows else None})
    return pd.DataFrame(lines, columns=["table", "column", "required", "missing", "share"])
