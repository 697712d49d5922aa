"""KPI cards that say how much to trust them (METRICS.md §13).

A card shows the value, its change against the comparison month, in plain
words whether that change is real (the paired-bootstrap verdict, with the
test in the card's help), how many accounts the value rests on, a
weak-evidence mark under 30 accounts, and the target with on/off track.
The change is coloured only when it is real, so noise never looks like news.
No Streamlit here: `cs_lib.app.widgets` draws these.
"""

from __future__ import annotations

from dataclasses import dataclass

from cs_lib.metrics.catalogue import kpi
from cs_lib.metrics.comparison import KpiChange
from cs_lib.present.formatting import UNDEFINED, count, format_kpi, format_kpi_change, is_undefined, points
from cs_lib.present.i18n import t
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS

REAL_VERDICTS = ("improvement", "decline")


@dataclass(frozen=True)
class KpiCard:
    """Everything one card shows, already translated and formatted."""

    name: str
    label: str
    value: str
    delta: str
    delta_color: str  # "normal", "inverse" or "off"
    delta_arrow: str  # "auto" or "off"
    delta_description: str  # "vs 2025-10"
    verdict: str  # "within noise" / "a real improvement" / …; "" for amounts and without a comparison
    help: str
    basis: str  # "on 1,234 accounts" (with a weak-evidence warning when few)
    target: str  # "target 105.0% · on track", or "" without a target
    weak_evidence: bool
    on_track: bool | None  # None without a target or value


def kpi_card(
    name: str,
    current: dict[str, object],
    previous: dict[str, object] | None,
    lang: str,
    currency: str = "JPY",
    change: KpiChange | None = None,
    target: float | None = None,
) -> KpiCard:
    """A card for KPI `name` from two `kpis_at` dicts, the §13 verdict (rates) and the target."""
    entry = kpi(name)
    previous = previous or {}
    value = current.get(name)
    delta = format_kpi_change(name, value, previous.get(name), lang, currency)
    moved = delta != UNDEFINED and any(digit in delta for digit in "123456789")
    verdict = _verdict(entry.kind, change)
    coloured = moved and (verdict in REAL_VERDICTS or verdict == "untested")
    accounts = change.accounts_now if change is not None else current.get("active_accounts")
    weak = entry.is_rate and accounts is not None and accounts < WEAK_EVIDENCE_ACCOUNTS
    on_track = _on_track(value, target, entry.lower_is_better)
    return KpiCard(
        name=name,
        label=t(f"kpi.{name}", lang) + (" ⚠" if weak else ""),
        value=format_kpi(name, value, lang, currency),
        delta=delta,
        delta_color=("inverse" if entry.lower_is_better else "normal") if coloured else "off",
        delta_arrow="auto" if moved else "off",
        delta_description=_delta_description(previous.get("as_of"), lang),
        verdict=t(f"card.verdict.{verdict}", lang) if verdict != "untested" and previous.get("as_of") else "",
        help=_help(name, change, verdict, lang),
        basis=_basis(accounts, weak, lang),
        target=_target_text(name, target, on_track, lang, currency),
        weak_evidence=weak,
        on_track=on_track,
    )


def _verdict(kind: str, change: KpiChange | None) -> str:
    if kind != "rate" or change is None:
        return "untested"  # amounts: the change is shown as it is (§13)
    return change.verdict


def _delta_description(previous_month: object, lang: str) -> str:
    if not previous_month:
        return t("card.no_comparison", lang)
    return t("card.vs", lang).format(month=previous_month)


def _help(name: str, change: KpiChange | None, verdict: str, lang: str) -> str:
    parts = [t(f"definition.{name}", lang)]
    if verdict == "untested":
        parts.append(t("card.help_amount", lang))
    elif change is not None:
        interval = (
            t("card.help_interval", lang).format(lower=points(change.lower), upper=points(change.upper))
            if change.lower is not None and change.upper is not None
            else ""
        )
        parts.append(
            t("card.help_test", lang).format(
                now=count(change.accounts_now), before=count(change.accounts_before), minimum=WEAK_EVIDENCE_ACCOUNTS
            )
            + interval
        )
    return "\n\n".join(parts)


def _basis(accounts: object, weak: bool, lang: str) -> str:
    if is_undefined(accounts):
        return ""
    text = t("card.basis", lang).format(accounts=count(accounts))
    return text + " · " + t("card.weak_evidence", lang) if weak else text


def _on_track(value: object, target: float | None, lower_is_better: bool) -> bool | None:
    if target is None or is_undefined(value):
        return None
    return value <= target if lower_is_better else value >= target


def _target_text(name: str, target: float | None, on_track: bool | None, lang: str, currency: str) -> str:
    if target is None:
        return ""
    text = t("card.target", lang).format(target=format_kpi(name, target, lang, currency))
    if on_track is not None:
        text += " · " + t("card.on_track" if on_track else "card.off_track", lang)
    return text
