"""The one-paragraph plain-language summary on the Overview page.

Built only from two KPI dicts of `cs_lib.metrics.kpis.kpis_at` (the as-of month and
the comparison month), so it says nothing the cards do not show. Undefined
figures are skipped or named as not yet available, never read as 0.
"""

from __future__ import annotations

from cs_lib.present.formatting import is_undefined, money_compact, percent
from cs_lib.present.i18n import t

# NRR this many points above GRR (TTM) is read as "expansion is hiding churn" (PRODUCT.md).
HIDDEN_CHURN_GAP_POINTS = 5.0
# ARR changes smaller than this (as a fraction) read as "unchanged".
FLAT_ARR_CHANGE = 0.0005


def plain_summary(
    current: dict[str, object],
    previous: dict[str, object] | None,
    lang: str,
    currency: str = "JPY",
    hidden_churn_gap_points: float = HIDDEN_CHURN_GAP_POINTS,
) -> str:
    """A few sentences on ARR, GRR against NRR, and logo churn, in `lang`."""
    previous = previous or {}
    if is_undefined(current.get("arr")) or not current.get("arr"):
        return t("summary.no_data", lang).format(as_of=current.get("as_of", ""))
    sentences = [
        _arr_sentence(current, previous, lang, currency),
        _retention_sentence(current, lang, hidden_churn_gap_points),
        _churn_sentence(current, previous, lang),
    ]
    separator = "" if lang == "ja" else " "
    return separator.join(sentences)


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


def _retention_sentence(current: dict, lang: str, hidden_churn_gap_points: float) -> str:
    grr, nrr = current.get("grr_ttm"), current.get("nrr_ttm")
    if is_undefined(grr) or is_undefined(nrr):
        return t("summary.retention_undefined", lang)
    gap_points = (nrr - grr) * 100
    if gap_points >= hidden_churn_gap_points:
        key = "summary.retention_hidden_churn"
    elif nrr < 1:
        key = "summary.retention_shrinking"
    else:
        key = "summary.retention_plain"
    return t(key, lang).format(nrr=percent(nrr), grr=percent(grr), gap=f"{gap_points:.1f}")


def _churn_sentence(current: dict, previous: dict, lang: str) -> str:
    churn, before = current.get("logo_churn_rate_month"), previous.get("logo_churn_rate_month")
    if is_undefined(churn):
        return t("summary.churn_undefined", lang)
    if is_undefined(before):
        return t("summary.churn_only", lang).format(churn=percent(churn))
    return t("summary.churn", lang).format(
        churn=percent(churn), previous=percent(before), previous_month=previous.get("as_of", "")
    )
