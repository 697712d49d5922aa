"""The one-paragraph plain-language summary on the Overview page.

Built only from what the cards show — two KPI dicts of `kpis_at` (the as-of
month and the comparison month) and the §13 verdicts of `compare_kpis` — so
it never says more than they do. Each sentence's rule, and why:

- ARR: the amount and its change (amounts are not tested, as on the cards).
- Retention (TTM), unless it rests on fewer than 30 accounts (then it says so
  and concludes nothing):
  - NRR below 100 %: net revenue from existing customers is shrinking.
  - NRR at or above 100 % with GRR below 100 % (there is churn or
    contraction): expansion offsets it — by how many points.
  - GRR at 100 % (no churn, no contraction): nothing was lost.
- The change of NRR and of logo churn, with the verdict words of the cards
  ("a real improvement" only when the paired bootstrap says so).
Undefined figures are skipped or named as not yet available, never read as 0.
"""

from __future__ import annotations

from collections.abc import Mapping

from cs_lib.metrics.comparison import KpiChange
from cs_lib.present.formatting import is_undefined, money_compact, percent, points
from cs_lib.present.i18n import t
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS

# ARR changes smaller than this (as a fraction) read as "unchanged".
FLAT_ARR_CHANGE = 0.0005


def plain_summary(
    current: dict[str, object],
    previous: dict[str, object] | None,
    lang: str,
    currency: str = "JPY",
    changes: Mapping[str, KpiChange] | None = None,
) -> str:
    """A few sentences on ARR, retention and logo churn, in `lang`."""
    previous = previous or {}
    changes = changes or {}
    if is_undefined(current.get("arr")) or not current.get("arr"):
        return t("summary.no_data", lang).format(as_of=current.get("as_of", ""))
    sentences = [
        _arr_sentence(current, previous, lang, currency),
        _retention_sentence(current, changes.get("nrr_ttm"), lang),
        _change_sentence("nrr_ttm", current, previous, changes.get("nrr_ttm"), lang),
        _churn_sentence(current, previous, changes.get("logo_churn_rate_month"), lang),
    ]
    separator = "" if lang == "ja" else " "
    return separator.join(sentence for sentence in sentences if sentence)


def _arr_sentence(current: dict, previous: dict, lang: str, currency: str) -> str:
    arr, before = current["arr"], previous.get("arr")
    arr_text = money_compact(arr, lang, currency)
    if is_undefined(before) or not before:
        return t("summary.arr_only", lang).format(arr=arr_text, as_of=current["as_of"])
    change = arr / before - 1
    if abs(change) < FLAT_ARR_CHANGE:
        change_text = t("summary.arr_flat", lang)
    else:
        key = "summary.arr_up" if change > 0 else "summary.arr_down"
        change_text = t(key, lang).format(percent=percent(abs(change)))
    return t("summary.arr", lang).format(
        arr=arr_text,
        as_of=current["as_of"],
        change=change_text,
        previous=money_compact(before, lang, currency),
        previous_month=previous.get("as_of", ""),
    )


def _retention_sentence(current: dict, nrr_change: KpiChange | None, lang: str) -> str:
    grr, nrr = current.get("grr_ttm"), current.get("nrr_ttm")
    if is_undefined(grr) or is_undefined(nrr):
        return t("summary.retention_undefined", lang)
    values = {"nrr": percent(nrr), "grr": percent(grr), "gap": f"{(nrr - grr) * 100:.1f}"}
    accounts = nrr_change.accounts_now if nrr_change is not None else None
    if accounts is not None and accounts < WEAK_EVIDENCE_ACCOUNTS:
        return t("summary.retention_weak", lang).format(accounts=accounts, **values)
    if nrr < 1:
        key = "summary.retention_shrinking"
    elif grr < 1:
        key = "summary.retention_expansion_offsets_churn"
    else:
        key = "summary.retention_nothing_lost"
    return t(key, lang).format(**values)


def _change_sentence(
    name: str, current: dict, previous: dict, change: KpiChange | None, lang: str
) -> str:
    """"Against 2025-10, NRR moved +1.2 pt: within noise." — only when both periods are defined."""
    now, before = current.get(name), previous.get(name)
    if change is None or is_undefined(now) or is_undefined(before) or change.verdict == "too_few":
        return ""  # too few accounts: the retention sentence has already said so
    return t("summary.change", lang).format(
        kpi=t(f"kpi.{name}", lang),
        change=points(now - before),
        previous_month=previous.get("as_of", ""),
        verdict=t(f"card.verdict.{change.verdict}", lang),
    )


def _churn_sentence(current: dict, previous: dict, change: KpiChange | None, lang: str) -> str:
    churn, before = current.get("logo_churn_rate_month"), previous.get("logo_churn_rate_month")
    if is_undefined(churn):
        return t("summary.churn_undefined", lang)
    if change is not None and change.accounts_now < WEAK_EVIDENCE_ACCOUNTS:
        return t("summary.churn_weak", lang).format(churn=percent(churn), accounts=change.accounts_now)
    if is_undefined(before) or change is None:
        return t("summary.churn_only", lang).format(churn=percent(churn))
    return t("summary.churn", lang).format(
        churn=percent(churn),
        previous=percent(before),
        previous_month=previous.get("as_of", ""),
        verdict=t(f"card.verdict.{change.verdict}", lang),
    )
