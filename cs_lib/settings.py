"""Settings backed by the warehouse's `settings` table, with defaults.

Constants that a company may change (gross margin, grace days, the as-of
month, KPI targets) live here, never as literals in queries. Targets are
keyed `target.<KPI machine name>` (company-wide) or
`target.<KPI machine name>.<segment>` (for one segment); rates as fractions.
`python -m cs_lib settings` lists and sets them; a bad value changes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

import duckdb

from cs_lib.metrics.catalogue import KPIS_BY_NAME
from cs_lib.months import MonthError, parse_month

COMPARISON_LAGS = (1, 3, 12)  # months back the KPI cards may compare with (METRICS.md §13)
TARGET_PREFIX = "target."


class SettingError(ValueError):
    """A setting that does not exist or a value it cannot take; the message says what is valid."""


@dataclass(frozen=True)
class Settings:
    as_of_month: str = ""  # YYYY-MM; empty = the month of the latest date in the data
    gross_margin: float = 0.80  # METRICS.md §5
    renewal_grace_days: int = 30  # METRICS.md §7
    currency: str = "JPY"
    comparison_lag_months: int = 12  # METRICS.md §13: the same month a year earlier
    targets: tuple[tuple[str, float], ...] = ()  # (key after "target.", value), sorted
    # --- Health, risk and alerts (issue 9; METRICS.md §8-9) ---
    health_adoption_metric: str = "active_users"  # the usage metric the adoption component sums
    health_weight_adoption: float = 0.30
    health_weight_engagement: float = 0.15
    health_weight_support: float = 0.20
    health_weight_sentiment: float = 0.20
    health_weight_growth: float = 0.15
    health_band_healthy: float = 70.0  # healthy when health >= this
    health_band_watch: float = 40.0  # watch when health >= this (and below healthy), else at risk
    risk_window_days: int = 90  # the renewal risk list: lines ending in (D, D + this]
    alert_health_at_risk: str = "on"  # each alert rule is "on" or "off"
    alert_health_drop: str = "on"
    alert_no_touchpoint: str = "on"
    alert_renewal_not_healthy: str = "on"
    # --- Growth page (issue 7): the price-tier staircase ---
    # Lower MRR bounds of tiers 2..n, ascending, comma-separated (default: three tiers at the demo's
    # natural breaks between SMB, mid-market and enterprise accounts).
    tier_breaks: str = "50000,300000"
    # --- Maturity and access control (issue 10) ---
    maturity_high_spread: float = 0.8  # METRICS.md §11: spread at or above this = the room disagrees
    access_passcode: str = ""  # salted scrypt hash (cs_lib/access.py), never the passcode; empty = none set
    # --- Impact & ROI (issue 11): the yearly cost of customer success, in the currency (0 = not set) ---
    cs_cost_per_year: float = 0.0

    def target_for(self, kpi_name: str, segments: Sequence[str] = ()) -> float | None:
        """The target of a KPI: the segment's own when exactly one segment is chosen and has one,
        else the company-wide target, else None."""
        targets = dict(self.targets)
        if len(segments) == 1 and f"{kpi_name}.{segments[0]}" in targets:
            return targets[f"{kpi_name}.{segments[0]}"]
        return targets.get(kpi_name)


DEFAULTS = Settings()
_PLAIN_FIELDS = {field.name: field for field in fields(Settings) if field.name != "targets"}


def load_settings(con: duckdb.DuckDBPyConnection) -> Settings:
    """Defaults overridden by the warehouse's stored values (unknown keys are ignored)."""
    try:
        stored = dict(con.execute("select key, value from settings").fetchall())
    except duckdb.CatalogException:
        return DEFAULTS
    values: dict[str, object] = {}
    for name in _PLAIN_FIELDS:
        if name in stored:
            values[name] = type(getattr(DEFAULTS, name))(stored[name])
    targets = sorted(
        (key.removeprefix(TARGET_PREFIX), float(value))
        for key, value in stored.items()
        if key.startswith(TARGET_PREFIX)
    )
    return replace(DEFAULTS, **values, targets=tuple(targets))


def setting_items(settings: Settings) -> dict[str, object]:
    """Every setting as `key: value`, targets spelled with their full key (what the CLI prints)."""
    items: dict[str, object] = {name: getattr(settings, name) for name in _PLAIN_FIELDS}
    items["access_passcode"] = "set" if settings.access_passcode else ""  # the hash is nobody's business
    items.update({TARGET_PREFIX + key: value for key, value in settings.targets})
    return items


def parse_setting(key: str, text: str) -> str:
    """The stored text of `key=text`, checked; raises SettingError saying what is valid."""
    key, text = key.strip(), text.strip()
    if key.startswith(TARGET_PREFIX):
        kpi_name = key.removeprefix(TARGET_PREFIX).split(".", 1)[0]
        kpi = KPIS_BY_NAME.get(kpi_name)
        if kpi is None or kpi.kind not in ("rate", "money", "count", "ratio"):
            raise SettingError(f"no KPI named {kpi_name!r} can have a target (use a METRICS.md §14 name)")
        return str(_number(key, text, percent_allowed=kpi.kind == "rate"))
    if key not in _PLAIN_FIELDS:
        known = ", ".join([*_PLAIN_FIELDS, "target.<kpi>", "target.<kpi>.<segment>"])
        raise SettingError(f"unknown setting {key!r}; known settings: {known}")
    return _check_plain(key, text)


def _check_plain(key: str, text: str) -> str:
    if key == "as_of_month":
        if text:
            try:
                parse_month(text)
            except MonthError as error:
                raise SettingError(f"as_of_month: {error}") from None
        return text
    if key == "gross_margin":
        value = _number(key, text, percent_allowed=True)
        if not 0 < value <= 1:
            raise SettingError(f"gross_margin must be above 0 and at most 1 (e.g. 0.8 or 80%), got {text!r}")
        return str(value)
    if key == "renewal_grace_days":
        if not text.isdigit() or int(text) > 365:
            raise SettingError(f"renewal_grace_days must be a whole number of days from 0 to 365, got {text!r}")
        return str(int(text))
    if key == "comparison_lag_months":
        if text not in {str(lag) for lag in COMPARISON_LAGS}:
            raise SettingError(f"comparison_lag_months must be one of {', '.join(map(str, COMPARISON_LAGS))}")
        return text
    if key in _CHECKS_OF_ISSUE_10:
        return _CHECKS_OF_ISSUE_10[key](text)
    if key == "currency":
        if not (len(text) == 3 and text.isalpha()):
            raise SettingError(f"currency must be a three-letter code such as JPY or USD, got {text!r}")
        return text.upper()
    if key.startswith(HEALTH_SETTING_PREFIXES):
        return _check_health_setting(key, text)
    # --- Growth page (issue 7) ---
    if key == "tier_breaks":
        return _check_tier_breaks(text)
    # --- Impact & ROI (issue 11) ---
    if key == "cs_cost_per_year":
        value = _number(key, text, percent_allowed=False)
        if value < 0:
            raise SettingError(f"cs_cost_per_year must be an amount of 0 or more (0: not set), got {text!r}")
        return str(value)
    raise SettingError(f"setting {key!r} cannot be set here")


# --- Health, risk and alerts (issue 9) ---
HEALTH_SETTING_PREFIXES = ("health_", "risk_", "alert_")


def _check_health_setting(key: str, text: str) -> str:
    """Weights 0-1, band thresholds 0-100 (watch below healthy is checked when scoring), the risk
    window 1-730 days, rules on/off, the adoption metric any non-empty name."""
    if key.startswith("health_weight_"):
        value = _number(key, text, percent_allowed=True)
        if not 0 <= value <= 1:
            raise SettingError(f"{key} must be a weight from 0 to 1 (0 switches the component off), got {text!r}")
        return str(value)
    if key.startswith("health_band_"):
        value = _number(key, text, percent_allowed=False)
        if not 0 <= value <= 100:
            raise SettingError(f"{key} must be a health score from 0 to 100, got {text!r}")
        return str(value)
    if key == "risk_window_days":
        if not text.isdigit() or not 1 <= int(text) <= 730:
            raise SettingError(f"risk_window_days must be a whole number of days from 1 to 730, got {text!r}")
        return str(int(text))
    if key.startswith("alert_"):
        if text.lower() not in ("on", "off"):
            raise SettingError(f"{key} must be on or off, got {text!r}")
        return text.lower()
    if not text:
        raise SettingError(f"{key} needs the name of a usage metric such as active_users")
    return text


# --- Growth page (issue 7) ---
def _check_tier_breaks(text: str) -> str:
    """Positive amounts, strictly ascending, at least one (two tiers), at most nine (ten tiers)."""
    try:
        breaks = [float(part.replace("_", "")) for part in text.split(",")]
    except ValueError:
        breaks = []
    if not (1 <= len(breaks) <= 9 and all(math.isfinite(b) and b > 0 for b in breaks)
            and all(a < b for a, b in zip(breaks, breaks[1:], strict=False))):
        raise SettingError(
            f"tier_breaks must be 1 to 9 positive MRR amounts in ascending order, comma-separated "
            f"(e.g. 50000,300000 for three tiers), got {text!r}"
        )
    return ",".join(f"{b:g}" if b != int(b) else str(int(b)) for b in breaks)


def _number(key: str, text: str, percent_allowed: bool) -> float:
    is_percent = percent_allowed and text.endswith("%")
    try:
        value = float(text.removesuffix("%").replace(",", "")) if text else math.nan
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise SettingError(f"{key} needs a number" + (" (a fraction such as 0.95, or 95%)" if percent_allowed else "")
                           + f", got {text!r}")
    return value / 100 if is_percent else value


def save_settings(con: duckdb.DuckDBPyConnection, assignments: Sequence[str]) -> None:
    """Apply `KEY=VALUE` assignments (an empty value resets the key to its default) all or nothing."""
    parsed: list[tuple[str, str | None]] = []
    for assignment in assignments:
        key, separator, text = assignment.partition("=")
        if not separator or not key.strip():
            raise SettingError(f"expected KEY=VALUE, got {assignment!r}")
        parsed.append((key.strip(), parse_setting(key, text) if text.strip() else None))
    con.begin()
    try:
        for key, value in parsed:
            if value is None:
                con.execute("delete from settings where key = ?", [key])
            else:
                con.execute(
                    "insert into settings values (?, ?) on conflict (key) do update set value = excluded.value",
                    [key, value],
                )
        con.commit()
    except Exception:
        con.rollback()
        raise


def save_setting(con: duckdb.DuckDBPyConnection, key: str, value: object) -> None:
    """One setting, checked like the CLI's (kept for callers that set a single value)."""
    save_settings(con, [f"{key}={value}"])


# --- Settings editor and writes while the app is open (issue 8) ---


def editable_settings(settings: Settings) -> dict[str, object]:
    """What the Data page's settings editor lists: every setting this module knows, data-driven (a
    field added to `Settings` appears without touching the page), with its current value."""
    return setting_items(settings)


def changed_assignments(current: dict[str, object], edited: dict[str, str]) -> list[str]:
    """`KEY=VALUE` for each edited text that differs from the current value's text (unchanged keys
    are not rewritten, so a value shown rounded is never stored rounded)."""
    return [
        f"{key}={text.strip()}" for key, text in edited.items()
        if text.strip() != _shown(current.get(key))
    ]


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def store_settings(db_path: str | Path, assignments: Sequence[str]) -> Settings:
    """Check and store `KEY=VALUE` assignments all or nothing, while the app may be reading.

    Writes a copy of the warehouse and swaps it in (cs_lib.warehouse_swap), so every reader sees
    the old settings or all the new ones. An as-of month must be a month of the recorded data.
    Raises SettingError (or MonthError) with the reason; the warehouse is then unchanged.
    """
    from cs_lib.metrics.kpis import require_recorded_as_of
    from cs_lib.warehouse_swap import writable_copy

    with writable_copy(db_path) as copy:
        con = copy.connect()
        for assignment in assignments:
            key, _, value = assignment.partition("=")
            if key.strip() == "as_of_month" and value.strip():
                parse_month(value.strip())
                require_recorded_as_of(con, value.strip())
        save_settings(con, assignments)
        stored = load_settings(con)
        copy.publish()
    return stored
# --- Maturity and access control (issue 10) ---
def _check_high_spread(text: str) -> str:
    value = _number("maturity_high_spread", text, percent_allowed=False)
    if not 0 < value <= 3:
        raise SettingError(f"maturity_high_spread must be above 0 and at most 3 levels, got {text!r}")
    return str(value)


def _hash_passcode(text: str) -> str:
    from cs_lib.access import MIN_PASSCODE_LENGTH, hash_passcode

    if len(text) < MIN_PASSCODE_LENGTH:
        raise SettingError(f"access_passcode must be at least {MIN_PASSCODE_LENGTH} characters")
    return hash_passcode(text)


_CHECKS_OF_ISSUE_10 = {"maturity_high_spread": _check_high_spread, "access_passcode": _hash_passcode}
