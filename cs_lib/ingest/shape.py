"""Matching headers to the data contract and gathering each table's rows in one place.

All sources of a table (a CSV, or also a sheet of a workbook) are gathered in
one temp table `_import_<table>`: every contract column as trimmed text (NULL
when empty or absent), next to it its value converted to the contract type
(`<column>__typed`, NULL when the text does not parse), the columns the
contract does not know as a JSON object in `extra_columns`, and
`_source`/`_row` to point back at the cell. Converting once, here, means the
checks and the write see exactly the same values.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from cs_lib import schema
from cs_lib.ingest.read import ReadSource, sql_text
from cs_lib.ingest.report import Problem, SourcePreview

# A date is YYYY-MM-DD or YYYY/MM/DD (month and day may have one digit); a time after it is ignored.
DATE_TEXT = r"\d{4}[-/]\d{1,2}[-/]\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?"
# Thousands separators are accepted only in groups of three ("12,000", "1,234.5"), never "1,5".
GROUPED_NUMBER = r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?"
NUMBER = r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?"
WHOLE_NUMBER = r"[+-]?\d+(\.0*)?"
# Japanese exports write full-width digits (１２００) and a yen sign (¥1,200 / ￥1,200).
FULL_WIDTH, HALF_WIDTH = "０１２３４５６７８９，．－＋", "0123456789,.-+"


def number_text(ref: str) -> str:
    """SQL: a number's text with full-width digits made ASCII and a leading yen sign dropped."""
    return f"regexp_replace(translate({ref}, '{FULL_WIDTH}', '{HALF_WIDTH}'), '^[¥￥]\\s*', '')"


def plain_number(ref: str) -> str:
    """SQL: a number's text as DuckDB parses it (thousands separators removed when grouped by three)."""
    text = number_text(ref)
    ungrouped = f"case when regexp_full_match({text}, '{GROUPED_NUMBER}') then replace({text}, ',', '') end"
    return f"(case when contains({text}, ',') then {ungrouped} else {text} end)"


def parsed(column: schema.Column) -> str:
    """SQL converting a column's text to its contract type; NULL when the text does not parse.

    The pattern is checked first because DuckDB's casts are more lenient than the contract
    (a cast to integer rounds 3.5, a date cast takes a 5-digit year).
    """
    ref = column.name
    if column.type == schema.DATE:
        day = f"replace(split_part(replace({ref}, 'T', ' '), ' ', 1), '/', '-')"
        return f"(case when regexp_full_match({ref}, '{DATE_TEXT}') then try_cast({day} as date) end)"
    number = plain_number(ref)
    if column.type == schema.DECIMAL:
        decimal = schema.SQL_TYPES[schema.DECIMAL]
        return f"(case when regexp_full_match({number}, '{NUMBER}') then try_cast({number} as {decimal}) end)"
    if column.type == schema.INTEGER:
        whole = f"try_cast(split_part({number}, '.', 1) as integer)"
        return f"(case when regexp_full_match({number}, '{WHOLE_NUMBER}') then {whole} end)"
    return ref


def typed(column: schema.Column) -> str:
    """The gathered column holding a column's typed value (text columns are their own)."""
    return column.name if column.type == schema.TEXT else f"{column.name}__typed"


@dataclass(frozen=True)
class ImportedTable:
    """A table's rows of this import, still as text, with where each came from."""

    table: schema.Table
    relation: str  # temp table: _source, _row, every contract column (text and typed), extra_columns
    labels: tuple[str, ...]  # _source -> the file (or sheet) the row came from
    present: tuple[frozenset[str], ...]  # _source -> the contract columns its header has
    rows: int
    previews: tuple[SourcePreview, ...] = ()  # _source -> what was read from it


@dataclass
class HeaderMatch:
    """Where a source's header puts each contract column, and what it holds besides."""

    columns: dict[str, int]  # contract column -> position in the header
    extras: list[tuple[str, int]]  # (name to keep in extra_columns, position)
    problems: list[Problem]
    warnings: list[str]


def cleaned(position: int) -> str:
    """A cell as stored text: surrounding spaces trimmed, empty = NULL."""
    return f"nullif(trim(c{position}), '')"


def unique_name(name: str, taken: list[tuple[str, int]]) -> str:
    """A JSON key for an extra column: a repeated header name gets a suffix (note, note_2)."""
    names, candidate, n = {t for t, _ in taken}, name, 1
    while candidate in names:
        n += 1
        candidate = f"{name}_{n}"
    return candidate


def match_header(
    con: duckdb.DuckDBPyConnection, source: ReadSource, table: schema.Table, renames: dict[str, str] | None = None
) -> HeaderMatch:
    """Match header names to the contract, ignoring case and surrounding spaces; `renames` maps a
    file's own header names (normalised by `mapping.header_key`) to contract columns."""
    match = HeaderMatch({}, [], [], [])
    known = {c.name for c in table.columns}
    renames = renames or {}
    for position, header in enumerate(source.headers):
        name = header.strip().lower()
        name = renames.get(name, name)
        if name in known and name not in match.columns:
            match.columns[name] = position
        elif name in known:
            match.problems.append(Problem(source.label, 1, header, header, "each column once in the header"))
        elif name:
            match.extras.append((unique_name(header.strip(), match.extras), position))
        elif con.execute(f"select count({cleaned(position)}) from {source.relation}").fetchone()[0]:
            match.extras.append((f"column_{position + 1}", position))  # values under an empty header
    for name, _ in match.extras:
        match.warnings.append(
            f"{source.label}: column {name!r} is not in the data contract for {table.name} — "
            "kept in extra_columns"
        )
    for column in table.columns:
        if column.required and column.name not in match.columns:
            expected = f"a column named {column.name} (required for {table.name})"
            match.problems.append(Problem(source.label, None, column.name, None, expected))
    return match


def source_rows_sql(index: int, source: ReadSource, table: schema.Table, match: HeaderMatch) -> str:
    """The select that shapes one source's rows; rows with every cell empty are left out."""
    cells = [f"{cleaned(position)} as {name}" for name, position in match.columns.items()]
    cells += [f"{cleaned(position)} as _extra{i}" for i, (_, position) in enumerate(match.extras)]
    columns = [c.name if c.name in match.columns else f"null::varchar as {c.name}" for c in table.columns]
    if match.extras:
        pairs = ", ".join(f"{sql_text(name)}, _extra{i}" for i, (name, _) in enumerate(match.extras))
        extra = f"json_object({pairs})::varchar"
    else:
        extra = "null::varchar"
    used = list(match.columns) + [f"_extra{i}" for i in range(len(match.extras))]
    not_empty = f"coalesce({', '.join(used)}) is not null" if used else "false"
    return (
        f"select {index} as _source, _row, {', '.join(columns)}, {extra} as extra_columns "
        f"from (select _row, {', '.join(cells) or 'null as _none'} from {source.relation}) where {not_empty}"
    )


def gather_table(
    con: duckdb.DuckDBPyConnection, table: schema.Table, sources: list[ReadSource],
    renames: dict[str, str] | None = None,
) -> tuple[ImportedTable, list[Problem], list[str]]:
    """Gather a table's sources into `_import_<table>` (text, and typed values) and note header problems."""
    selects, present, problems, warnings, matches = [], [], [], [], []
    for index, source in enumerate(sources):
        match = match_header(con, source, table, renames)
        matches.append(match)
        selects.append(source_rows_sql(index, source, table, match))
        present.append(frozenset(match.columns))
        problems += match.problems
        warnings += match.warnings
    relation = f"_import_{table.name}"
    conversions = "".join(f", {parsed(c)} as {typed(c)}" for c in table.columns if c.type != schema.TEXT)
    con.execute(
        f"create or replace temp table {relation} as "
        f"select *{conversions} from ({' union all '.join(selects)})"
    )
    per_source = dict(con.execute(f"select _source, count(*) from {relation} group by 1").fetchall())
    labels = tuple(source.label for source in sources)
    previews = tuple(
        preview(source, table, match, per_source.get(index, 0))
        for index, (source, match) in enumerate(zip(sources, matches, strict=True))
    )
    gathered = ImportedTable(table, relation, labels, tuple(present), sum(per_source.values()), previews)
    return gathered, problems, warnings


def preview(source: ReadSource, table: schema.Table, match: HeaderMatch, rows: int) -> SourcePreview:
    """What the Data page shows about one source before anything is written."""
    return SourcePreview(
        source.label, table.name, source.encoding, source.delimiter, rows, source.headers,
        tuple((source.headers[position], column) for column, position in match.columns.items()),
        tuple(name for name, _ in match.extras),
        tuple(c.name for c in table.columns if c.name not in match.columns),
    )
