"""Column mappings: an export's own header names (`取引先ID`, `Account ID`) → contract columns.

A mapping is `{table: {header as written in the file: contract column}}`. It
comes from a JSON file (`import --mapping FILE`) or the Data page, and once an
import with it succeeds it is saved in the warehouse (`column_mappings`), so
the next export with the same headers is read without asking again. Headers
are compared ignoring case and surrounding spaces, like contract names.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from cs_lib import schema

ColumnMapping = dict[str, dict[str, str]]

MAPPINGS_DDL = """
create table if not exists column_mappings (
    table_name varchar not null, source_header varchar not null, column_name varchar not null,
    primary key (table_name, source_header)
)
"""


class MappingError(ValueError):
    """A mapping that names an unknown table or column; the message says what is valid."""


def header_key(header: str) -> str:
    return header.strip().lower()


def checked_mapping(raw: object) -> ColumnMapping:
    """A mapping checked against the contract, headers normalised; raises MappingError."""
    if not isinstance(raw, dict):
        raise MappingError('a mapping is a JSON object: {"accounts": {"取引先ID": "account_id"}}')
    mapping: ColumnMapping = {}
    for table_name, columns in raw.items():
        table = schema.TABLES_BY_NAME.get(str(table_name).strip().lower())
        if table is None:
            known = ", ".join(t.name for t in schema.TABLES)
            raise MappingError(f"mapping names no contract table {table_name!r} (tables: {known})")
        if not isinstance(columns, dict):
            raise MappingError(f"mapping for {table.name} must be an object of header: column")
        names = {c.name for c in table.columns}
        for header, column in columns.items():
            if str(column) not in names:
                raise MappingError(
                    f"mapping for {table.name} sends {header!r} to {column!r}, which is not one of its "
                    f"columns ({', '.join(c.name for c in table.columns)})"
                )
            mapping.setdefault(table.name, {})[header_key(str(header))] = str(column)
    return mapping


def read_mapping_file(path: str | Path) -> ColumnMapping:
    """A JSON mapping file, checked; raises MappingError with the reason."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, json.JSONDecodeError) as error:
        raise MappingError(f"cannot read mapping file {path}: {error}") from None
    return checked_mapping(raw)


def stored_mapping(con: duckdb.DuckDBPyConnection) -> ColumnMapping:
    """The mappings saved in the warehouse by earlier imports ({} for a warehouse without any)."""
    try:
        rows = con.execute("select table_name, source_header, column_name from column_mappings").fetchall()
    except duckdb.CatalogException:
        return {}
    mapping: ColumnMapping = {}
    for table_name, header, column in rows:
        mapping.setdefault(table_name, {})[header] = column
    return mapping


def merged(stored: ColumnMapping, given: ColumnMapping) -> ColumnMapping:
    """The stored mapping with the given one on top (a new choice replaces an old one)."""
    result = {table: dict(columns) for table, columns in stored.items()}
    for table, columns in given.items():
        result.setdefault(table, {}).update(columns)
    return result


def save_mapping(con: duckdb.DuckDBPyConnection, mapping: ColumnMapping) -> None:
    """Store the mapping in the warehouse (inside the import's transaction)."""
    con.execute(MAPPINGS_DDL)
    rows = [[table, header, column] for table, columns in mapping.items() for header, column in columns.items()]
    if rows:
        con.executemany(
            "insert into column_mappings values (?, ?, ?) on conflict (table_name, source_header) "
            "do update set column_name = excluded.column_name",
            rows,
        )
