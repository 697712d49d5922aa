"""What an import found: one `Problem` per bad value, gathered in an `ImportReport`.

Kept apart from the reading and checking code so that every ingest module (and
the CLI or an import page) can speak about problems without importing the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VALUE_SHOWN_CHARS = 80  # a 10 MB cell is shown as its start and its length, not echoed whole


def shortened(value: str | None) -> str | None:
    """A value cut to a readable length, saying how long it was."""
    if value is None or len(value) <= VALUE_SHOWN_CHARS:
        return value
    return f"{value[:VALUE_SHOWN_CHARS]}… ({len(value):,} characters)"


def plural(count: int, noun: str) -> str:
    """`1 problem`, `2 problems` (nouns here take a plain s)."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def with_article(noun: str) -> str:
    """`an accounts file`, `a subscriptions file`."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


@dataclass(frozen=True)
class Problem:
    """One bad value (or a missing file or column), located as a spreadsheet shows it.

    `row` counts the header as row 1, so the first data row is 2; it is None for
    a problem of a whole file or column. `value` is the text found ("" for an
    empty cell) or None when there is no single value to show.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", shortened(self.value))

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f"{',' if self.row is not None else ''} column {self.column}"
        if self.value is None:
            return f"{where} — expected {self.expected}"
        found = "empty" if self.value == "" else repr(self.value)
        return f"{where}: {found} — expected {self.expected}"


@dataclass(frozen=True)
class SourcePreview:
    """What was read from one file or sheet, for the Data page's preview."""

    file: str
    table: str
    encoding: str  # "UTF-8", "UTF-8 (BOM)", "CP932"; "" for Parquet and Excel
    delimiter: str  # "comma", "semicolon", "tab"; "" for Parquet and Excel
    rows: int
    headers: tuple[str, ...]
    matched: tuple[tuple[str, str], ...]  # (header in the file, contract column)
    extra: tuple[str, ...]  # headers kept in extra_columns
    missing: tuple[str, ...]  # contract columns the file lacks (required ones are errors)


@dataclass
class ImportReport:
    """The outcome of one import: rows read, every error, and the warnings."""

    rows_by_table: dict[str, int] = field(default_factory=dict)  # rows read per table in this import
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # unknown tables / unknown columns
    sources: list[SourcePreview] = field(default_factory=list)  # what each file or sheet held
    dry_run: bool = False  # checked only: nothing was written even when ok

    @property
    def ok(self) -> bool:
        """True when the import had no errors (and so was written)."""
        return not self.errors
