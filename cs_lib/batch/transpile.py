"""The batch layer's SQL for Spark, derived from `sql/` by sqlglot: the one place engine differences live.

`sql/` stays the single source of truth. Its staging views and materialised tables are
parsed as DuckDB SQL and written out as Spark SQL, with the few things Spark lacks
rewritten here, on the syntax tree rather than as strings:

- macros: sqlglot passes a call to a DuckDB macro through unchanged, so a clean
  transpile proves nothing. Scalar macros (`month_of`) and table macros
  (`account_retention_pairs(...)`) are inlined: the macro's body, with each parameter
  replaced by the argument of the call (a subquery such as `(select products from
  all_products)` stays a subquery, so the values are bound by the engine, not by Python).
  Macros named like Spark built-ins (`add_months`) are left as calls.
- `create or replace table … as select` becomes just the select: the engine writes it
  as Parquet and reads it back as a view.
- `list(distinct x order by x)`: Spark's `collect_list` keeps no order, so it is sorted.
- the month spine (`range(start, stop, interval 1 month) as spine(month_start)`): sqlglot's
  own rewrite loses the column name, so it becomes `lateral view explode(sequence(start,
  last, interval 1 month)) spine as month_start` (Spark's sequence includes its end,
  DuckDB's range does not: the last month is one step before `stop`).

The light metric layer (`sql/30_metrics`) is not transpiled: it stays on DuckDB.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlglot
from sqlglot import exp

from cs_lib import schema
from cs_lib.warehouse import SQL_DIR

# The contract tables a batch result carries as they are, for the app's light metric layer (accounts,
# touchpoints, tickets, ...). Usage is left out: it is the table that outgrows one machine, and the
# app reads only its aggregate (account_day_usage).
LIGHT_TABLES = tuple(table for table in schema.TABLES if table.name != "usage")
# The folders of `sql/` that make up the batch layer, in the order they apply.
BATCH_FOLDERS = ("00_helpers", "10_staging", "20_materialised")


@dataclass(frozen=True)
class BatchStatement:
    """One object of the batch layer: a view (kept in the session) or a table (written as Parquet)."""

    kind: str  # "view" or "table"
    name: str
    source: Path
    duckdb_select: str
    spark_select: str


@dataclass(frozen=True)
class _Macro:
    parameters: tuple[str, ...]
    body: exp.Expression
    is_table: bool


def batch_files(sql_dir: Path = SQL_DIR) -> list[Path]:
    return sorted(
        (path for folder in BATCH_FOLDERS for path in (sql_dir / folder).glob("*.sql")),
        key=lambda path: path.relative_to(sql_dir).as_posix(),
    )


def batch_statements(sql_dir: Path = SQL_DIR) -> list[BatchStatement]:
    """Every view and table of the batch layer, in file order, with its Spark SQL."""
    macros: dict[str, _Macro] = {}
    statements: list[BatchStatement] = []
    for path in batch_files(sql_dir):
        for parsed in sqlglot.parse(path.read_text(encoding="utf-8"), read="duckdb"):
            if not isinstance(parsed, exp.Create):
                continue
            kind = str(parsed.args.get("kind") or "").lower()
            if kind == "macro":
                name, macro = _macro_of(parsed)
                macros[name] = macro
            elif kind in ("view", "table"):
                select = parsed.expression
                spark_select = _for_spark(select.copy(), macros)
                statements.append(BatchStatement(
                    kind, parsed.this.name, path, select.sql("duckdb"), spark_select.sql("spark"),
                ))
    return statements


def materialised_tables(sql_dir: Path = SQL_DIR) -> list[str]:
    """The tables the batch layer writes (one Parquet directory each), in build order."""
    return [statement.name for statement in batch_statements(sql_dir) if statement.kind == "table"]


def _macro_of(create: exp.Create) -> tuple[str, _Macro]:
    signature = create.this
    parameters = tuple(identifier.name for identifier in signature.expressions)
    body = create.expression
    return signature.this.name, _Macro(parameters, body, isinstance(body, exp.Query))


def _for_spark(tree: exp.Expression, macros: dict[str, _Macro]) -> exp.Expression:
    tree = tree.transform(lambda node: _inline_macro_call(node, macros))
    tree = tree.transform(_sorted_distinct_list)
    return _month_spine_as_lateral_view(tree)


def _inline_macro_call(node: exp.Expression, macros: dict[str, _Macro]) -> exp.Expression:
    """`month_of(x)` → its body; `from some_macro(args)` → `from (body) as some_macro`."""
    if isinstance(node, exp.Table) and isinstance(node.this, exp.Anonymous):
        call = node.this
        macro = macros.get(call.name)
        if macro is None or not macro.is_table:
            return node
        body = _for_spark(_bound(macro, call.expressions), macros)
        return exp.Subquery(this=body, alias=exp.TableAlias(this=exp.to_identifier(node.alias or call.name)))
    if isinstance(node, exp.Anonymous):
        macro = macros.get(node.name)
        if macro is None or macro.is_table:
            return node
        return exp.Paren(this=_for_spark(_bound(macro, node.expressions), macros))
    return node


def _bound(macro: _Macro, arguments: list[exp.Expression]) -> exp.Expression:
    """The macro's body with each parameter (an unqualified column of that name) replaced by its argument."""
    if len(arguments) != len(macro.parameters):
        raise ValueError(f"macro expects {len(macro.parameters)} arguments, got {len(arguments)}")
    values = dict(zip(macro.parameters, arguments, strict=True))

    def replace(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table and node.name in values:
            return values[node.name].copy()
        return node

    return macro.body.copy().transform(replace)


def _sorted_distinct_list(node: exp.Expression) -> exp.Expression:
    """`list(distinct x order by x)`: Spark's collect_list(distinct x) has no order, so sort it."""
    if isinstance(node, exp.ArrayAgg) and isinstance(node.this, exp.Order):
        return exp.func("array_sort", exp.ArrayAgg(this=node.this.this.copy()))
    return node


def _month_spine_as_lateral_view(tree: exp.Expression) -> exp.Expression:
    """`from t, range(a, b, step) as spine(c)`
    → `from t lateral view explode(sequence(a, b - step, step)) spine as c`."""
    for select in list(tree.find_all(exp.Select)):
        for join in list(select.args.get("joins") or []):
            series = join.this.this if isinstance(join.this, exp.Table) else None
            if not isinstance(series, exp.GenerateSeries):
                continue
            alias = join.this.args["alias"]
            last = series.args["end"].copy()
            if series.args.get("is_end_exclusive"):
                last = exp.func("add_months", last, exp.Literal.number(-1))  # the spine steps by one month
            sequence = exp.func("sequence", series.args["start"].copy(), last, series.args["step"].copy())
            lateral = exp.Lateral(
                this=exp.Explode(this=sequence), view=True,
                alias=exp.TableAlias(this=alias.this.copy(), columns=[c.copy() for c in alias.columns]),
            )
            join.pop()
            select.append("laterals", lateral)
    return tree
