"""Import problems in Japanese on the Data page (cs_lib.present.problem_text).

Every problem the bad-file corpus produces must have a Japanese wording (no English left), and
the values of the English text must survive into the Japanese one.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from cs_lib.ingest import import_paths
from cs_lib.present.problem_text import expected_text

DATA = Path(__file__).parent / "data"
CASES = json.loads((DATA / "bad" / "cases.json").read_text(encoding="utf-8"))
# Words of the importer's English sentences (not column names such as `date`, which stay as written).
ENGLISH_WORDS = re.compile(r"\b(a|an|the|of|expected|value|row|rows|number|exists|found|separated|required)\b")


@pytest.fixture(scope="module")
def corpus_problems(tmp_path_factory: pytest.TempPathFactory) -> list:
    root = tmp_path_factory.mktemp("problem_text")
    base = root / "base.duckdb"
    assert import_paths(base, [DATA / "good"]).ok
    problems = []
    for case in sorted(CASES):
        db = root / f"{case}.duckdb"
        shutil.copyfile(base, db)
        problems += import_paths(db, [DATA / "bad" / case], dry_run=True).errors
    problems += import_paths(root / "empty.duckdb", [DATA / "bad" / "usage_negative_value"], dry_run=True).errors
    return problems


def test_every_corpus_problem_reads_in_japanese(corpus_problems: list) -> None:
    assert len(corpus_problems) > len(CASES)
    for problem in corpus_problems:
        japanese = expected_text(problem.expected, "ja")
        assert japanese != problem.expected, problem.expected
        assert not ENGLISH_WORDS.search(japanese), japanese


def test_english_is_the_importers_own_text() -> None:
    text = "a number with at most 2 decimal places (it would be rounded)"
    assert expected_text(text, "en") == text


@pytest.mark.parametrize(("english", "japanese"), [
    ("a whole number from 0 to 10", "0〜10 の整数"),
    ("a row of 6 comma-separated values (found 3)", "カンマ区切りで 6 個の値がある行（3 個でした）"),
    ("a date not before start_date (2024-06-01)", "start_date（2024-06-01）以降の日付"),
    ("a unique account_id, date, metric combination (also on row 2)",
     "重複しない account_id, date, metric（2 行目と重複）"),
    ("a unique ticket_id (also on row 4 of tickets_2.csv)", "重複しない ticket_id（tickets_2.csv の 4 行目と重複）"),
    ("a date (YYYY-MM-DD or YYYY/MM/DD) (1,234 more rows like this are not listed)",
     "日付（YYYY-MM-DD または YYYY/MM/DD）（同様の行がほかに 1,234 行あります）"),
    ("something new the importer learned to say", "something new the importer learned to say"),  # shown as is
])
def test_japanese_keeps_the_values(english: str, japanese: str) -> None:
    assert expected_text(english, "ja") == japanese
