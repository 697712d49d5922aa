"""Running the batch layer on Spark (pyspark, an optional dependency: `requirements-spark.txt`).

Reads the contract files (CSV with headers, or Parquet) typed as in `cs_lib.schema`,
registers each raw table, runs the transpiled statements of `cs_lib.batch.transpile` in
file order and writes every materialised table as a Parquet directory. Each written table
is read back from its Parquet as the view the next statements use, so the plan of a later
table never re-runs an earlier one.
"""

from __future__ import annotations

from pathlib import Path

from cs_lib import schema
from cs_lib.batch.transpile import LIGHT_TABLES, batch_statements

# Spark type of each contract column type (cs_lib.schema.SQL_TYPES gives DuckDB's).
SPARK_TYPES = {schema.TEXT: "string", schema.DATE: "date", schema.DECIMAL: "decimal(18,2)", schema.INTEGER: "int"}
JOURNEY_STAGE_COLUMNS = ("stage", "position", "label_en", "label_ja", "goal", "kpi", "next_action",
                         "owner_department", "target_days")


def local_session(app_name: str = "cs_cockpit_batch"):
    """A small local Spark: two cores, few shuffle partitions, no UI (tests and one-machine runs).
    On a cluster, spark-submit passes its own master and the session is taken from there."""
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]").appName(app_name)
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # progress bars would fill a job's log
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def build_with_spark(spark, input_dir: Path, out_dir: Path) -> list[str]:
    """Run the batch layer over the contract files in `input_dir`; write `out_dir/<table>/` as Parquet.
    Returns the tables written, in build order."""
    register_raw_tables(spark, Path(input_dir))
    written = []
    for statement in batch_statements():
        frame = spark.sql(statement.spark_select)
        if statement.kind == "view":
            frame.createOrReplaceTempView(statement.name)
            continue
        target = Path(out_dir) / statement.name
        frame.write.mode("overwrite").parquet(str(target))
        spark.read.parquet(str(target)).createOrReplaceTempView(statement.name)
        written.append(statement.name)
    for table in LIGHT_TABLES:  # what the app reads beside the batch tables, as read here
        spark.table(table.raw_name).write.mode("overwrite").parquet(str(Path(out_dir) / table.raw_name))
    return written


def register_raw_tables(spark, input_dir: Path) -> None:
    """Every contract table as a temp view `raw_<name>`, typed; a table without a file is empty."""
    for table in schema.TABLES:
        frame = _read_contract_file(spark, input_dir, table.name)
        columns = []
        for column in table.columns:
            spark_type = SPARK_TYPES[column.type]
            if frame is not None and column.name in frame.columns and column.type == schema.TEXT:
                value = f"cast(`{column.name}` as string)"  # the staging views trim text
            elif frame is not None and column.name in frame.columns:
                value = f"cast(nullif(trim(cast(`{column.name}` as string)), '') as {spark_type})"
            else:
                value = f"cast(null as {spark_type})"
            columns.append(f"{value} as {column.name}")
        base = frame if frame is not None else spark.range(0)
        base.selectExpr(*columns).createOrReplaceTempView(table.raw_name)
    stages = [tuple(stage) for stage in schema.DEFAULT_JOURNEY_STAGES]
    spark.createDataFrame(stages, schema=_journey_stage_schema()).createOrReplaceTempView("journey_stages")


def _read_contract_file(spark, input_dir: Path, table_name: str):
    csv_path, parquet_path = input_dir / f"{table_name}.csv", input_dir / f"{table_name}.parquet"
    if parquet_path.exists():
        return spark.read.parquet(str(parquet_path))
    if csv_path.exists():
        return spark.read.option("header", "true").option("inferSchema", "false").csv(str(csv_path))
    return None


def _journey_stage_schema() -> str:
    types = {"position": "int", "target_days": "int"}
    return ", ".join(f"{name} {types.get(name, 'string')}" for name in JOURNEY_STAGE_COLUMNS)
