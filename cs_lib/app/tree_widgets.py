"""The KPI tree drawn as cards: the KGI on top, its drivers in columns below, each driver's own drivers
under it (the columns stack on a phone, so the tree reads top to bottom there too)."""

from __future__ import annotations

import streamlit as st

from cs_lib.present.kpi_tree import TreeCard, children


def tree_card(card: TreeCard, container=st, prefix: str = "") -> None:
    box = container.container(border=True)
    shown = card.card
    box.metric(
        prefix + shown.label, shown.value, shown.delta, delta_color=shown.delta_color,
        delta_arrow=shown.delta_arrow, delta_description=shown.delta_description or None, help=shown.help,
        chart_data=card.trend or None, chart_type="line",
    )
    if shown.verdict:
        box.markdown(f":small[**{shown.verdict}**]")
    basis = " · ".join(part for part in (shown.basis, shown.target) if part)
    if basis:
        box.markdown(f":small[{basis}]")


def kpi_tree(cards: list[TreeCard]) -> None:
    for root in children(cards, None):
        _, middle, _ = st.columns([1, 2, 1])
        tree_card(root, middle)
        branches = children(cards, root.node.name)
        for column, branch in zip(st.columns(len(branches)), branches, strict=True):
            tree_card(branch, column, "")
            for leaf in children(cards, branch.node.name):
                tree_card(leaf, column, "↳ ")
