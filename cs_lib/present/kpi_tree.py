"""The KPI tree's cards (no Streamlit): each node as the Overview draws its card — value, change, the
§13 verdict, the accounts behind it, target and on/off track — plus its twelve-month trend."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cs_lib.metrics.catalogue import KPIS_BY_NAME
from cs_lib.metrics.kpi_tree import LOWER_IS_BETTER, TreeNode
from cs_lib.present.cards import KpiCard, kpi_card
from cs_lib.present.formatting import UNDEFINED, count, percent, points
from cs_lib.present.i18n import t
from cs_lib.stats import WEAK_EVIDENCE_ACCOUNTS

TREND_TABLE = {
    "month": ("table.month", "month"),
    "kpi_label": ("kpi_tree.kpi", "text"),
    "value": ("kpi_tree.value", "rate"),
}


@dataclass(frozen=True)
class TreeCard:
    node: TreeNode
    card: KpiCard
    trend: list[float]  # the sparkline, oldest first (undefined months left out)


def tree_cards(nodes: list[TreeNode], as_of: str, previous_month: str | None, lang: str,
               currency: str = "JPY") -> list[TreeCard]:
    cards = []
    for node in nodes:
        if node.name in KPIS_BY_NAME:
            current = {node.name: node.value, "as_of": as_of}
            previous = {node.name: node.previous, "as_of": previous_month} if previous_month else None
            card = kpi_card(node.name, current, previous, lang, currency, node.change, node.target)
        else:
            card = _rate_card(node, previous_month, lang)
        cards.append(TreeCard(node, card, [float(v) for v in node.trend["value"] if not pd.isna(v)]))
    return cards


def _rate_card(node: TreeNode, previous_month: str | None, lang: str) -> KpiCard:
    """A card for a rate outside §14 (contraction rate, healthy share): no target setting."""
    change = node.change
    verdict = change.verdict if change is not None else None
    weak = change is not None and change.accounts_now < WEAK_EVIDENCE_ACCOUNTS
    moved = node.value is not None and node.previous is not None and round(node.value - node.previous, 3) != 0
    basis = t("card.basis", lang).format(accounts=count(change.accounts_now)) if change is not None else ""
    help_text = t(f"definition.{node.name}", lang)
    if change is not None and change.lower is not None:
        help_text += "\n\n" + t("card.help_interval", lang).format(lower=points(change.lower),
                                                                  upper=points(change.upper))
    return KpiCard(
        name=node.name, label=t(f"kpi.{node.name}", lang) + (" ⚠" if weak else ""), value=percent(node.value),
        delta=points(node.value - node.previous) if moved else UNDEFINED,
        delta_color=("inverse" if node.name in LOWER_IS_BETTER else "normal")
        if verdict in ("improvement", "decline") else "off",
        delta_arrow="auto" if moved else "off",
        delta_description=t("card.vs", lang).format(month=previous_month) if previous_month else "",
        verdict=t(f"card.verdict.{verdict}", lang) if verdict and previous_month else "",
        help=help_text, basis=basis + (" · " + t("card.weak_evidence", lang) if weak else ""),
        target="", weak_evidence=weak, on_track=None,
    )


def trend_table(nodes: list[TreeNode], lang: str) -> pd.DataFrame:
    """The trends of every node, long form (what the sparklines draw)."""
    frames = [node.trend.assign(kpi=node.name, kpi_label=t(f"kpi.{node.name}", lang)) for node in nodes]
    return pd.concat(frames, ignore_index=True)[["month", "kpi", "kpi_label", "value"]]


def children(cards: list[TreeCard], parent: str | None) -> list[TreeCard]:
    return [card for card in cards if card.node.parent == parent]

