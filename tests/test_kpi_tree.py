"""The KPI tree: its shape, its numbers against the engine the Overview uses, targets shared with the cards,
and the KPI tree page under AppTest (both languages, the same numbers, on/off track)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cs_lib.filters import Filters
from cs_lib.metrics import growth, health, kpis
from cs_lib.metrics.catalogue import KPIS_BY_NAME
from cs_lib.metrics.comparison import compare_kpis
from cs_lib.metrics.kpi_tree import CONTRACTION, HEALTHY_SHARE, TREE, contraction_change, kpi_tree, tree_nodes
from cs_lib.metrics.segments import account_pairs
from cs_lib.months import parse_month
from cs_lib.present.formatting import format_kpi, percent
from cs_lib.present.i18n import t
from cs_lib.settings import save_settings
from cs_lib.stats import paired_ratio_change
from tests.test_app import APP, TIMEOUT, assert_ran_cleanly
from tests.test_app import app as app  # noqa: F401 - the shared fixtures
from tests.test_app import engine as engine  # noqa: F401
from tests.test_app_retention_growth import open_page

KPI_TREE = "app_pages/kpi_tree/kpi_tree.py"


def test_the_tree_reads_nrr_from_grr_expansion_and_renewals():
    parents = dict(TREE)
    assert parents["nrr_ttm"] is None
    assert [name for name, parent in TREE if parent == "nrr_ttm"] == ["grr_ttm", "expansion_rate_ttm",
                                                                       "renewal_rate_ttm"]
    assert [name for name, parent in TREE if parent == "grr_ttm"] == ["logo_churn_rate_month", CONTRACTION]
    assert [name for name, parent in TREE if parent == "expansion_rate_ttm"] == ["upsell_rate_ttm",
                                                                                  "cross_sell_rate_ttm"]
    # the health engine is installed: the healthy share hangs under the renewal rate it leads
    assert tree_nodes() == (*TREE, (HEALTHY_SHARE, "renewal_rate_ttm"))


def test_healthy_share_is_the_healthy_band_over_scored_accounts(engine):
    as_of = kpis.kpis_at(engine)["as_of"]
    before = kpis.kpis_with_comparison(engine, as_of, 12)[1]["as_of"]
    node = next(node for node in kpi_tree(engine, as_of, 12) if node.name == HEALTHY_SHARE)
    history = health.scored_history(engine)
    parts = {}
    for period, month in (("now", as_of), ("before", before)):
        rows = health.month_rows(history, parse_month(month))
        scored = rows[rows["band"].notna()].set_index("account_id")
        parts[period] = (scored["band"] == "healthy").astype(float)
    # healthy accounts / scored accounts, unscored accounts left out of both
    assert node.value == pytest.approx(parts["now"].mean())
    assert node.previous == pytest.approx(parts["before"].mean())
    union = sorted(set(parts["now"].index) | set(parts["before"].index))
    now, earlier = (parts[p].reindex(union, fill_value=0.0) for p in ("now", "before"))
    scored_now, scored_before = (pd.Series(1.0, index=parts[p].index).reindex(union, fill_value=0.0)
                                 for p in ("now", "before"))
    expected = paired_ratio_change(now, scored_now, earlier, scored_before)
    assert (node.change.lower, node.change.upper) == (pytest.approx(expected.lower), pytest.approx(expected.upper))
    assert node.change.accounts_now == len(parts["now"])


def test_nodes_carry_the_engines_values_changes_and_trends(engine):
    as_of = kpis.kpis_at(engine)["as_of"]
    nodes = {node.name: node for node in kpi_tree(engine, as_of, 12)}
    current, previous = kpis.kpis_with_comparison(engine, as_of, 12)
    names = tuple(name for name in nodes if name in KPIS_BY_NAME)
    changes = compare_kpis(engine, names, as_of, 12)
    for name in names:
        assert nodes[name].value == pytest.approx(current[name])
        assert nodes[name].previous == pytest.approx(previous[name])
        if name in changes:
            assert nodes[name].change == changes[name]
    rates = growth.growth_rates(engine, as_of).set_index("month")["contraction_rate"]
    assert nodes[CONTRACTION].value == pytest.approx(rates[as_of])
    assert nodes["nrr_ttm"].trend["month"].tolist()[-1] == as_of and len(nodes["nrr_ttm"].trend) == 12
    assert nodes["renewal_rate_ttm"].change.verdict in ("within_noise", "too_few", "improvement", "decline")


def test_contraction_change_is_the_paired_bootstrap_of_its_account_parts(engine):
    as_of = kpis.kpis_at(engine)["as_of"]
    before = kpis.kpis_with_comparison(engine, as_of, 12)[1]["as_of"]
    # contraction of an account = its start MRR minus end MRR when it is still active and shrank
    now, earlier = (account_pairs(engine, 12, month).set_index("account_id") for month in (as_of, before))
    union = sorted(set(now.index) | set(earlier.index))

    def parts(pairs):
        pairs = pairs[["mrr_start", "mrr_end"]].reindex(union, fill_value=0.0)
        start, end = pairs["mrr_start"].to_numpy(float), pairs["mrr_end"].to_numpy(float)
        return np.where(end > 0, np.maximum(start - end, 0), 0), start

    expected = paired_ratio_change(*parts(now), *parts(earlier))
    change = contraction_change(engine, as_of, 12, Filters())
    assert (change.difference, change.lower, change.upper) == (
        pytest.approx(expected.difference), pytest.approx(expected.lower), pytest.approx(expected.upper))
    assert change.accounts_now == len(now)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_kpi_tree_page_shows_the_engines_values(app, engine, lang):
    open_page(app, KPI_TREE, lang)
    assert app.title[0].value == t("page.kpi_tree", lang)
    as_of = kpis.kpis_at(engine)["as_of"]
    nodes = kpi_tree(engine, as_of, 12)
    shown = {metric.label.removeprefix("↳ ").removesuffix(" ⚠"): metric.value for metric in app.metric}
    for node in nodes:
        expected = format_kpi(node.name, node.value, lang) if node.name in KPIS_BY_NAME else percent(node.value)
        assert shown[t(f"kpi.{node.name}", lang)] == expected


def test_targets_are_the_overviews_settings(small_demo_db: Path, tmp_path: Path, monkeypatch):
    path = tmp_path / "with_targets.duckdb"
    shutil.copy(small_demo_db, path)
    with duckdb.connect(str(path)) as con:
        save_settings(con, ["target.nrr_ttm=99", "target.renewal_rate_ttm=0.1"])
    monkeypatch.setenv("CS_COCKPIT_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(KPI_TREE).run()
    assert_ran_cleanly(at)
    small = [block.value for block in at.markdown if block.value.startswith(":small[")]
    assert any("target 9900.0% · off track" in text for text in small)
    assert any("target 10.0% · on track" in text for text in small)
