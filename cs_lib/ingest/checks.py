"""Checking imported rows against the data contract, all rows at once, in SQL.

Each rule is one query over a table's gathered rows (`_import_<table>`, text
and typed values side by side) that returns the bad cells, so a
20-million-row file is checked in seconds and every problem is found, not
only the first. A huge broken file lists at most PROBLEMS_LISTED problems per
file, column and rule, plus one line counting the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from cs_lib import schema
from cs_lib.ingest.read import sql_text
from cs_lib.ingest.report import Problem, plural
from cs_lib.ingest.shape import ImportedTable, plain_number, typed

PROBLEMS_LISTED = 1000
DECIMAL_PLACES = 2  # schema.SQL_TYPES[DECIMAL] is decimal(18, 2)
ROWS_PER_SOURCE = 10**12  # (source, row) packed in one number to find a key's first row

EXPECTED_TYPE = {
    schema.DATE: "a date (YYYY-MM-DD or YYYY/MM/DD)",
    schema.DECIMAL: "a number (such as 1200, 1,200 or 1200.50)",
    schema.INTEGER: "a whole number",
}


@dataclass(frozen=True)
class Lookups:
    """What rows are checked against besides the contract: stored stages and accounts."""

    stages: tuple[str, ...]  # the journey stages defined in the warehouse, in order
    accounts_known: bool  # False when an accounts file of this import is unreadable or lacks account_id
    accounts_missing: bool = False  # no accounts stored and none in this import: one root cause


@dataclass(frozen=True)
class Check:
    """One rule: the rows of `relation` where `condition` holds are problems in `column`."""

    column: str
    condition: str
    expected: str
    value: str  # SQL for the value shown
    detail: str = "null"  # SQL for a row's detail, shown in parentheses after `expected`
    relation: str = ""  # defaults to the imported table


def run_check(
    con: duckdb.DuckDBPyConnection, imported: ImportedTable, check: Check
) -> tuple[list[tuple[int, int, Problem]], list[Problem]]:
    """The (source, row, problem) one rule finds, at most PROBLEMS_LISTED per file, and
    for a file with more, one line counting the rest."""
    rows = con.execute(
        f"""
        with bad as (
            select _source, _row, {check.value} as value, {check.detail} as detail
            from {check.relation or imported.relation} where {check.condition}
        )
        select _source, _row, value, detail, count(*) over (partition by _source) as total
        from bad
        qualify row_number() over (partition by _source order by _row) <= {PROBLEMS_LISTED}
        """
    ).fetchall()
    found, totals = [], {}
    for source, row, value, detail, total in rows:
        expected = check.expected if detail is None else f"{check.expected} ({detail})"
        problem = Problem(imported.labels[source], row, check.column, value or "", expected)
        found.append((source, row, problem))
        totals[source] = total
    more = [
        Problem(imported.labels[source], None, check.column, None,
                f"{check.expected} ({total - PROBLEMS_LISTED:,} more rows like this are not listed)")
        for source, total in sorted(totals.items()) if total > PROBLEMS_LISTED
    ]
    return found, more


def range_text(column: schema.Column) -> str:
    """What a column with a minimum and/or maximum expects, in words."""
    kind = "a whole number" if column.type == schema.INTEGER else "a number"
    low, high = (f"{v:g}" if v is not None else None for v in (column.minimum, column.maximum))
    if low is not None and high is not None:
        return f"{kind} from {low} to {high}"
    return f"{kind} of at least {low}" if low is not None else f"{kind} of at most {high}"


def column_checks(imported: ImportedTable, column: schema.Column, lookups: Lookups) -> list[Check]:
    """The rules on one column: required, type, allowed values, range, account, stage."""
    name, value = column.name, column.name
    checks = []
    if column.required:
        having = [i for i, present in enumerate(imported.present) if name in present]
        sources = ", ".join(map(str, having)) or "null"  # a source without the column had its own problem
        checks.append(Check(name, f"{name} is null and _source in ({sources})", "a value (required)", "''"))
    if column.type != schema.TEXT:
        checks.append(Check(name, f"{name} is not null and {typed(column)} is null",
                            EXPECTED_TYPE[column.type], value))
    if column.type == schema.DECIMAL:
        checks.append(rounding_check(column))
    if column.allowed:
        allowed = ", ".join(sql_text(a) for a in column.allowed)
        checks.append(Check(name, f"{name} not in ({allowed})", f"one of {', '.join(column.allowed)}", value))
    if column.minimum is not None or column.maximum is not None:
        low = f"{typed(column)} < {column.minimum}" if column.minimum is not None else "false"
        high = f"{typed(column)} > {column.maximum}" if column.maximum is not None else "false"
        checks.append(Check(name, f"({low} or {high})", range_text(column), value))
    if column.references_account and lookups.accounts_known and not lookups.accounts_missing:
        checks.append(Check(name, f"{name} not in (select account_id from _known_accounts)",
                            "an account_id that exists in accounts", value))
    if imported.table.name == "journey_events" and name == "stage":
        expected = f"a stage defined in journey_stages ({', '.join(lookups.stages)})"
        # METRICS.md §10: matched case-insensitively, against the stage id or its ja/en name.
        known = ("select lower(name) from (select stage as name from journey_stages union all select label_en "
                 "from journey_stages union all select label_ja from journey_stages) where name is not null")
        checks.append(Check(name, f"lower(trim({name})) not in ({known})", expected, value))
    return checks


def rounding_check(column: schema.Column) -> Check:
    """A number with more decimals than the column stores would be rounded on the way in: refuse it.

    Trailing zeros change nothing (1200.500 is 1200.50); an exponent form is compared by value.
    """
    scale = DECIMAL_PLACES
    text = plain_number(column.name)
    decimals = f"length(rtrim(regexp_extract({text}, '\\.(\\d+)', 1), '0'))"
    exponent_changed = f"(regexp_matches({text}, '[eE]') and try_cast({text} as double) <> {typed(column)}::double)"
    return Check(column.name, f"{typed(column)} is not null and ({decimals} > {scale} or {exponent_changed})",
                 f"a number with at most {scale} decimal places (it would be rounded)", column.name)


def date_order_check(imported: ImportedTable, earlier: str, later: str) -> Check:
    """`later` may be empty but not before `earlier` (an end on the start day is a one-day line)."""
    table = imported.table
    earlier_date, later_date = typed(table.column(earlier)), typed(table.column(later))
    return Check(later, f"{later_date} < {earlier_date}", f"a date not before {earlier}", later,
                 detail=f"strftime({earlier_date}, '%Y-%m-%d')")


def duplicate_key_check(imported: ImportedTable) -> Check:
    """Rows whose natural key an earlier row of this import already has (dates compared as dates).

    Grouping first and joining back only the duplicated keys keeps this cheap when,
    as usual, there are none.
    """
    table, span = imported.table, ROWS_PER_SOURCE
    keys = [typed(table.column(name)) for name in table.key]
    required = [typed(table.column(name)) for name in table.key if table.column(name).required]
    valid = " and ".join(f"{k} is not null" for k in required)
    key_values = ", ".join(f"{k} as _k{i}" for i, k in enumerate(keys))
    same_key = " and ".join(f"r._k{i} is not distinct from d._k{i}" for i in range(len(keys)))
    relation = f"""(
        with keyed as (
            select _source, _row, {key_values}, {', '.join(table.key)}
            from {imported.relation} where {valid or 'true'}
        ),
        dup as (
            select {', '.join(f'_k{i}' for i in range(len(keys)))}, min(_source * {span} + _row) as first
            from keyed group by all having count(*) > 1
        )
        select r.*, d.first // {span} as first_source, d.first % {span} as first_row
        from keyed r join dup d on {same_key}
    )"""
    labels = " ".join(f"when {i} then {sql_text(label)}" for i, label in enumerate(imported.labels))
    first_label = f"case first_source {labels} end"
    other_file = f"case when first_source <> _source then ' of ' || {first_label} else '' end"
    expected = "a unique " + ", ".join(table.key) + (" combination" if len(table.key) > 1 else "")
    return Check(
        ", ".join(table.key), "(_source, _row) <> (first_source, first_row)", expected,
        value=f"concat_ws(', ', {', '.join(table.key)})",
        detail=f"'also on row ' || first_row || {other_file}", relation=relation,
    )


def check_table(con: duckdb.DuckDBPyConnection, imported: ImportedTable, lookups: Lookups) -> list[Problem]:
    """Every problem of one table's rows, file by file and row by row (columns in contract order);
    the lines counting unlisted problems come last."""
    table = imported.table
    checks = [check for column in table.columns for check in column_checks(imported, column, lookups)]
    checks += [date_order_check(imported, earlier, later) for earlier, later in imported.table.date_order]
    checks.append(duplicate_key_check(imported))
    positions = {column.name: i for i, column in enumerate(imported.table.columns)}
    found, more = [], []
    for rank, check in enumerate(checks):
        listed, unlisted = run_check(con, imported, check)
        order = (positions[check.column.split(", ")[0]], rank)
        found += [(source, row, order, problem) for source, row, problem in listed]
        more += unlisted
    found.sort(key=lambda item: item[:3])
    return [problem for *_, problem in found] + more + unknown_accounts_summary(con, imported, lookups)


def unknown_accounts_summary(
    con: duckdb.DuckDBPyConnection, imported: ImportedTable, lookups: Lookups
) -> list[Problem]:
    """With no accounts at all, every account reference fails for one root cause: one line per file
    saying so, instead of one per row burying the missing file."""
    column = next((c for c in imported.table.columns if c.references_account), None)
    if column is None or not lookups.accounts_missing:
        return []
    counts = con.execute(
        f"select _source, count(*) from {imported.relation} where {column.name} is not null group by 1 order by 1"
    ).fetchall()
    return [
        Problem(imported.labels[source], None, column.name, None,
                f"an account_id that exists in accounts (accounts.csv is missing, so {plural(rows, 'row')} "
                f"of {imported.table.name} name unknown accounts)")
        for source, rows in counts
    ]


def prepare_lookups(
    con: duckdb.DuckDBPyConnection, imported_accounts: ImportedTable | None, accounts_readable: bool,
    accounts_missing: bool = False,
) -> Lookups:
    """Collect the accounts a row may refer to (stored or in this import) and the defined stages.

    When an accounts file of this import could not be read (`accounts_readable` False),
    references are not checked: its problem is reported already, and every row naming
    its accounts would only add noise.
    """
    from_import = f" union select account_id from {imported_accounts.relation}" if imported_accounts else ""
    con.execute(
        "create or replace temp table _known_accounts as select account_id from "
        f"(select account_id from raw_accounts{from_import}) where account_id is not null"
    )
    stages = con.execute("select stage from journey_stages order by position").fetchall()
    return Lookups(tuple(stage for (stage,) in stages), accounts_readable, accounts_missing)
