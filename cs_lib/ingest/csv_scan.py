"""One pass over a CSV's bytes before DuckDB reads it: what the reader cannot tell us itself.

DuckDB skips empty lines (which would shift row numbers) and, given an
unterminated quote, silently stops at it: the rows after it vanish without a
rejected line. So the importer counts the file's records here, quote-aware,
and afterwards checks that every record was either read or reported.
The delimiter is detected from the first records, not from the header alone.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

CHUNK_BYTES = 16 * 1024 * 1024
HEADER_BYTES = 1024 * 1024
EMPTY_LINE = re.compile(rb"\n(?=\r?\n)")  # a line break followed by an empty line
QUOTE, NEWLINE = ord('"'), ord("\n")
DELIMITERS = (",", ";", "\t")  # in order of preference when several fit equally well
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
SNIFF_RECORDS = 50
csv.field_size_limit(HEADER_BYTES)  # the sniffed text is at most this long, so any of its fields fits


@dataclass
class ByteScan:
    """What one pass over the bytes found (line numbers count from 1, the header is line 1)."""

    bad_utf8_line: int | None = None  # first line that is not UTF-8 (None = valid UTF-8)
    empty_lines: set[int] = field(default_factory=set)  # empty lines outside quotes
    records: int = 0  # records including the header, empty lines not counted
    open_quote_line: int | None = None  # where an unterminated quoted value starts


def scan_csv_bytes(path: Path) -> ByteScan:
    """Encoding, empty lines, record count and an unterminated quote, in one pass.

    A line break is inside quotes when an odd number of quote characters precede it
    (RFC 4180 escapes a quote by doubling it, which keeps the parity). numpy finds the
    parity at every line break of a chunk at once, so 1 GB scans in seconds.
    """
    scan = ByteScan()
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    lines_before, quotes_before, tail = 0, 0, b""  # tail: the previous chunk's last bytes
    boundaries, last_boundary_line, last_byte = 0, 0, b""
    with path.open("rb") as file:
        while chunk := file.read(CHUNK_BYTES):
            if scan.bad_utf8_line is None:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as error:
                    scan.bad_utf8_line = lines_before + chunk[: error.start].count(b"\n") + 1
            scan.empty_lines |= _empty_lines(chunk, tail, lines_before, quotes_before)
            data = np.frombuffer(chunk, dtype=np.uint8)
            parity = (quotes_before + np.cumsum(data == QUOTE)) % 2
            newline_positions = np.flatnonzero(data == NEWLINE)
            outside = np.flatnonzero(parity[newline_positions] == 0)  # indexes among this chunk's newlines
            boundaries += len(outside)
            if len(outside):
                last_boundary_line = lines_before + int(outside[-1]) + 1
            lines_before += len(newline_positions)
            quotes_before += int(np.count_nonzero(data == QUOTE))
            tail, last_byte = chunk[-2:], chunk[-1:]
    if scan.bad_utf8_line is None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            scan.bad_utf8_line = lines_before + 1
    unfinished_last_line = last_byte not in (b"", b"\n")
    scan.records = boundaries + unfinished_last_line - len(scan.empty_lines)
    if quotes_before % 2:
        scan.open_quote_line = last_boundary_line + 1
    return scan


def _empty_lines(chunk: bytes, tail: bytes, lines_before: int, quotes_before: int) -> set[int]:
    """Line numbers of the empty lines (outside quotes) that start in this chunk."""
    found: set[int] = set()
    window, counted = tail + chunk, 0
    line = lines_before - tail.count(b"\n") + 1
    quotes = quotes_before - tail.count(b'"')
    for match in EMPTY_LINE.finditer(window):
        line += window.count(b"\n", counted, match.start() + 1)
        quotes += window.count(b'"', counted, match.start() + 1)
        counted = match.start() + 1
        if quotes % 2 == 0:
            found.add(line)  # `line` is now the number of the empty line
    return found


def first_records(path: Path) -> list[str]:
    """The text of a UTF-8 CSV's first lines (a BOM dropped), the possibly cut last one left out."""
    with path.open("rb") as file:
        start = file.read(HEADER_BYTES)
    text = start.decode("utf-8-sig", errors="ignore").replace("\r\n", "\n")
    if len(start) == HEADER_BYTES:
        text = text[: text.rfind("\n") + 1] or text
    return text.splitlines(keepends=True)[: SNIFF_RECORDS * 4]


def detect_delimiter(lines: list[str]) -> str:
    """Comma, semicolon or tab: the one that splits the header into most columns and the first
    records into as many; comma when none splits anything."""
    best, best_score = ",", (0.0, 1)
    for delimiter in DELIMITERS:
        try:
            records = list(csv.reader(io.StringIO("".join(lines)), delimiter=delimiter))[:SNIFF_RECORDS]
        except csv.Error:  # not CSV with this delimiter (DuckDB's reading will say what is wrong)
            continue
        records = [record for record in records if record]
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        consistent = sum(len(record) == width for record in records) / len(records)
        score = (consistent, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def header_fields(lines: list[str], delimiter: str) -> list[str]:
    """The header record, parsed with the detected delimiter."""
    try:
        return next(csv.reader(io.StringIO("".join(lines)), delimiter=delimiter), [])
    except csv.Error:
        return []
