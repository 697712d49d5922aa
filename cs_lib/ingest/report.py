"""What an import found: one `Problem` per bad value, gathered in an `ImportReport`.

Kept apart from the reading and checking code so that every ingest module (and
the CLI or an import page) can speak about problems without importing the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass
class ImportReport:
    """The outcome of one import: rows read, every error, and the warnings."""

    rows_by_table: dict[str, int] = field(default_factory=dict)  # rows read per table in this import
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # unknown tables / unknown columns

    @property
    def ok(self) -> bool:
        """True when the import had no errors (and so was written)."""
        return not self.errors
