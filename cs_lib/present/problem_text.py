"""What an import problem expected, in the page's language (no Streamlit).

The importer writes `Problem.expected` in English, which the CLI prints as is.
The Data page shows it in Japanese too: each known wording is matched by a
pattern here and rewritten through the translation table (`problem.<name>`
keys of cs_lib.present.i18n) with the same values; a wording no pattern knows
is shown as written, so nothing is ever hidden.
"""

from __future__ import annotations

import re

from cs_lib.present.i18n import t

# (name, pattern over the whole `expected` text); names are `problem.<name>` keys of the translation table.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.DOTALL)) for name, pattern in (
        ("more_rows", r"(?P<expected>.+) \((?P<count>[\d,]+) more rows like this are not listed\)"),
        ("accounts_missing_rows", r"an account_id that exists in accounts \(accounts\.csv is missing, so "
                                  r"(?P<rows>[\d,]+) rows? of (?P<table>\w+) name unknown accounts\)"),
        ("date", r"a date \(YYYY-MM-DD or YYYY/MM/DD\)"),
        ("number", r"a number \(such as 1200, 1,200 or 1200\.50\)"),
        ("rounded", r"a number with at most (?P<places>\d+) decimal places \(it would be rounded\)"),
        ("whole_number_between", r"a whole number from (?P<low>\S+) to (?P<high>\S+)"),
        ("whole_number_at_least", r"a whole number of at least (?P<low>\S+)"),
        ("number_at_least", r"a number of at least (?P<low>\S+)"),
        ("whole_number", r"a whole number"),
        ("required", r"a value \(required\)"),
        ("one_of", r"one of (?P<values>.+)"),
        ("known_account", r"an account_id that exists in accounts"),
        ("stage", r"a stage defined in journey_stages \((?P<stages>.+)\)"),
        ("date_not_before", r"a date not before (?P<column>\w+) \((?P<date>[\d-]+)\)"),
        ("unique", r"a unique (?P<key>.+?)(?: combination)? \(also on row (?P<row>\d+)(?: of (?P<file>.+))?\)"),
        ("row_width", r"a row of (?P<width>\d+) (?P<delimiter>comma|semicolon|tab)-separated values "
                      r"\(found (?P<found>[^)]+)\)"),
        ("closing_quote", r"a closing quote .+"),
        ("every_row", r"every row read \((?P<rows>[\d,]+) rows in the file, (?P<read>[\d,]+) read or reported\)"),
        ("encoding", r"text in UTF-8 or CP932 \(Shift_JIS\): save the file as CSV UTF-8"),
        ("header_row", r"a header row with the column names"),
        ("column_once", r"each column once in the header"),
        ("required_column", r"a column named (?P<column>\w+) \(required for (?P<table>\w+)\)"),
        ("required_table", r"an? (?P<table>\w+) file \(.+\): the warehouse has no \w+ yet and they are required"),
        ("well_formed", r"a well-formed CSV row \((?P<reason>.+)\)"),
    )
)


def expected_text(expected: str, lang: str) -> str:
    """`expected` in `lang`: English as the importer wrote it; Japanese where the wording is known."""
    if lang == "en":
        return expected
    for name, pattern in PATTERNS:
        match = pattern.fullmatch(expected)
        if match:
            values = {key: value or "" for key, value in match.groupdict().items()}
            if "expected" in values:
                values["expected"] = expected_text(values["expected"], lang)
            if "file" in values and values["file"]:
                values["file"] = t("problem.of_file", lang).format(file=values["file"])
            if "delimiter" in values:
                values["delimiter"] = t(f"data.delimiter.{values['delimiter']}", lang)
            return t(f"problem.{name}", lang).format(**values)
    return expected
