"""Entry point for a Spark cluster: `spark-submit --master … cs_lib/batch/spark_submit.py INPUT_DIR OUT_DIR`.

Run from a checkout of this repository in client mode (the driver reads `sql/` and transpiles it);
the executors run Spark SQL only, no Python of ours, so nothing needs shipping to them. The
session, its master and its settings come from spark-submit.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, so `cs_lib` imports


def main(arguments: list[str]) -> int:
    from pyspark.sql import SparkSession

    from cs_lib.batch.spark_engine import build_with_spark

    if len(arguments) != 2:
        print("usage: spark-submit cs_lib/batch/spark_submit.py INPUT_DIR OUT_DIR", file=sys.stderr)
        return 2
    tables = build_with_spark(SparkSession.builder.appName("cs_cockpit_batch").getOrCreate(),
                              Path(arguments[0]), Path(arguments[1]))
    print(f"wrote {len(tables)} tables to {arguments[1]}: {', '.join(tables)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
