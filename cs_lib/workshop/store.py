"""Workshops and their answers, in a DuckDB file of their own next to the warehouse.

Why a file of its own: the app reads the warehouse read-only, and a DuckDB file held for
writing by one process cannot be opened by another. Participants' answers are written by
the app's own process, through one read-write connection held for the process's life and
a fresh cursor per call (one connection shared by threads fails with "connection is busy").

Answers are only ever appended, one submission per insert statement (so a submission is
whole or absent); a participant's latest submission is their answer. Nothing is updated in
place, so concurrent participants cannot conflict: 50 submitting at once all land. A lock
orders each submission's "is the workshop still open?" check and its insert against
closing, so no answer slips in after a workshop closed and misses the record.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from cs_lib.schema import DEPARTMENTS

WORKSHOP_FILE_SUFFIX = ".workshop.duckdb"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a room
CODE_LENGTH = 6
LEVELS = (1, 2, 3, 4)
MAX_COMMENT_CHARS = 1000
MAX_NAME_CHARS = 80
MAX_TITLE_CHARS = 120
MAX_ROLE_CHARS = 300

_SCHEMA = (
    """
    create table if not exists workshops (
        code varchar primary key, title varchar not null, business_unit varchar not null,
        departments varchar[] not null, target_level integer not null, opened_at timestamp not null,
        closed_on date, recorded_at timestamp, warehouse varchar
    )
    """,
    """
    create table if not exists department_roles (
        department varchar primary key, description varchar not null, updated_at timestamp not null
    )
    """,
    """
    create table if not exists answers (
        code varchar not null, submission_id varchar not null, participant_id varchar not null,
        respondent varchar, comment varchar, submitted_ns bigint not null,
        department varchar not null, level integer not null
    )
    """,
)


# One per process, whatever the number of store objects: orders each submission's "still open?" check
# and insert against closing, and hands out strictly increasing submission times.
_GATE = threading.Lock()
_LAST_STAMP = [0]


def _next_stamp() -> int:
    """Now in nanoseconds, strictly after the previous submission even if the clock steps back (hold _GATE)."""
    _LAST_STAMP[0] = max(time.time_ns(), _LAST_STAMP[0] + 1)
    return _LAST_STAMP[0]


class WorkshopError(ValueError):
    """A request the workshop cannot take (unknown code, closed, bad level); the message says why."""


@dataclass(frozen=True)
class Workshop:
    code: str
    title: str
    business_unit: str
    departments: tuple[str, ...]
    target_level: int
    opened_at: datetime
    closed_on: date | None
    recorded_at: datetime | None
    warehouse: str | None = None  # where closing records the answers (None: the server's warehouse)

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


def workshop_path(warehouse_path: str | Path) -> Path:
    """The workshop file of a warehouse: `<warehouse>.workshop.duckdb`, beside it."""
    return Path(f"{warehouse_path}{WORKSHOP_FILE_SUFFIX}")


def normalise_code(text: str) -> str:
    return "".join(text.split()).upper()


class WorkshopStore:
    """One read-write connection to a workshop file; every method takes its own cursor."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._con = duckdb.connect(str(self.path))
        except duckdb.IOException as error:
            raise WorkshopError(f"the workshop file {self.path} is in use by another process ({error})") from None
        for statement in _SCHEMA:
            self._con.execute(statement)

    def close(self) -> None:
        self._con.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        return self._con.cursor()

    # --- workshops ---------------------------------------------------------------------

    def open_workshop(
        self, title: str, business_unit: str, departments: list[str], target_level: int,
        warehouse: str | None = None,
    ) -> Workshop:
        """A new open workshop with a fresh join code; `warehouse` is where closing will record it."""
        title, business_unit = title.strip()[:MAX_TITLE_CHARS], business_unit.strip()
        unknown = [department for department in departments if department not in DEPARTMENTS]
        if not title or not business_unit:
            raise WorkshopError("a workshop needs a title and a business unit")
        if not departments or unknown:
            raise WorkshopError(f"departments must be some of {', '.join(DEPARTMENTS)}; got {unknown or 'none'}")
        if target_level not in LEVELS:
            raise WorkshopError("the target level must be 1, 2, 3 or 4")
        ordered = [department for department in DEPARTMENTS if department in departments]
        with self._cursor() as cursor:
            for _ in range(20):
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
                try:
                    cursor.execute(
                        "insert into workshops values (?, ?, ?, ?, ?, current_localtimestamp(), null, null, ?)",
                        [code, title, business_unit, ordered, target_level, warehouse],
                    )
                    return self.workshop(code)
                except duckdb.ConstraintException:
                    continue  # the code was taken: draw another
        raise WorkshopError("could not draw a free join code")

    def workshop(self, code: str) -> Workshop | None:
        with self._cursor() as cursor:
            row = cursor.execute("select * from workshops where code = ?", [normalise_code(code)]).fetchone()
        return _workshop(row) if row else None

    def workshops(self) -> list[Workshop]:
        """Every workshop, open ones first, newest first."""
        with self._cursor() as cursor:
            rows = cursor.execute(
                "select * from workshops order by closed_on is not null, opened_at desc"
            ).fetchall()
        return [_workshop(row) for row in rows]

    def mark_closed(self, code: str, closed_on: date) -> None:
        """No answers after this (idempotent: a closed workshop keeps its first closing date)."""
        with _GATE, self._cursor() as cursor:
            cursor.execute(
                "update workshops set closed_on = coalesce(closed_on, ?) where code = ?", [closed_on, code]
            )

    def mark_recorded(self, code: str) -> None:
        with self._cursor() as cursor:
            cursor.execute("update workshops set recorded_at = current_localtimestamp() where code = ?", [code])

    # --- what each department contributes to CS (edited on the Maturity page) -------------------

    def department_roles(self) -> dict[str, str]:
        """The descriptions a company wrote for its departments (the page's defaults fill the rest)."""
        with self._cursor() as cursor:
            return dict(cursor.execute("select department, description from department_roles").fetchall())

    def set_department_roles(self, descriptions: dict[str, str]) -> None:
        """Replace the given departments' descriptions; an empty text returns one to the default."""
        unknown = sorted(set(descriptions) - set(DEPARTMENTS))
        if unknown:
            raise WorkshopError(f"unknown departments: {', '.join(unknown)}")
        with self._cursor() as cursor:
            cursor.begin()
            for department, text in descriptions.items():
                cursor.execute("delete from department_roles where department = ?", [department])
                if text.strip():
                    cursor.execute(
                        "insert into department_roles values (?, ?, current_localtimestamp())",
                        [department, " ".join(text.split())[:MAX_ROLE_CHARS]],
                    )
            cursor.commit()

    # --- answers -------------------------------------------------------------------------

    def submit(
        self, code: str, participant_id: str, levels: dict[str, int], comment: str = "", respondent: str = ""
    ) -> None:
        """Append one participant's answer (a level per department of the workshop); it replaces
        their earlier one when read. Raises WorkshopError for a closed or unknown workshop."""
        workshop = self.workshop(code)
        if workshop is None:
            raise WorkshopError("no workshop has this join code")
        _check_levels(workshop, levels)
        if not participant_id:
            raise WorkshopError("a participant id is required")
        departments = list(workshop.departments)
        with _GATE:
            if not self.workshop(code).is_open:
                raise WorkshopError("this workshop is closed: answers can no longer be changed")
            stamp = _next_stamp()
            parameters = [
                workshop.code, secrets.token_hex(8), participant_id, respondent.strip()[:MAX_NAME_CHARS] or None,
                comment.strip()[:MAX_COMMENT_CHARS] or None, stamp, departments,
                [int(levels[department]) for department in departments],
            ]
            with self._cursor() as cursor:
                cursor.execute(
                    "insert into answers select ?, ?, ?, ?, ?, ?, unnest(?::varchar[]), unnest(?::integer[])",
                    parameters,
                )

    def latest_answers(self, code: str) -> pd.DataFrame:
        """Each participant's latest submission, one row per department: participant (1, 2, … in order
        of first submission), participant_id, respondent, department, level, comment, submitted_at."""
        with self._cursor() as cursor:
            return cursor.execute(
                """
                with numbered as (
                    select *,
                        dense_rank() over (order by first_ns, participant_id) as participant,
                        dense_rank() over (
                            partition by participant_id order by submitted_ns desc, submission_id desc
                        ) as recency
                    from (
                        select *, min(submitted_ns) over (partition by participant_id) as first_ns
                        from answers where code = ?
                    )
                )
                select participant, participant_id, respondent, department, level, comment,
                    make_timestamp(submitted_ns // 1000) as submitted_at
                from numbered
                where recency = 1
                order by participant, department
                """,
                [normalise_code(code)],
            ).fetchdf()

    def participant_answer(self, code: str, participant_id: str) -> dict[str, object] | None:
        """A participant's current answer, to fill the form again: levels, comment and name."""
        answers = self.latest_answers(code)
        mine = answers[answers["participant_id"] == participant_id]
        if mine.empty:
            return None
        first = mine.iloc[0]
        return {
            "levels": dict(zip(mine["department"], mine["level"].astype(int), strict=True)),
            "comment": first["comment"] if isinstance(first["comment"], str) else "",
            "respondent": first["respondent"] if isinstance(first["respondent"], str) else "",
        }

    def submission_count(self, code: str) -> int:
        """Every submission ever appended (re-submissions included), for the tests and the log."""
        with self._cursor() as cursor:
            return cursor.execute(
                "select count(distinct submission_id) from answers where code = ?", [normalise_code(code)]
            ).fetchone()[0]


def _check_levels(workshop: Workshop, levels: dict[str, int]) -> None:
    missing = [department for department in workshop.departments if department not in levels]
    if missing:
        raise WorkshopError(f"a level is needed for every department: missing {', '.join(missing)}")
    bad = [department for department in workshop.departments if levels[department] not in LEVELS]
    if bad:
        raise WorkshopError(f"levels are 1, 2, 3 or 4: check {', '.join(bad)}")


def _workshop(row: tuple) -> Workshop:
    code, title, unit, departments, target, opened_at, closed_on, recorded_at, warehouse = row
    return Workshop(code, title, unit, tuple(departments), int(target), opened_at, closed_on, recorded_at, warehouse)
