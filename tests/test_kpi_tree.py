"""The KPI tree: its shape, its numbers against the engine the Overview uses, targets shared with the cards,
and the KPI tree page under AppTest (both languages, the same numbers, on/off track)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from cs_lib.filters import Filters
from cs_lib.metrics import growth, kpis
from cs_lib.metrics.comparison import compare_kpis
from cs_lib.metrics.kpi_tree import CONTRACTION, TREE, contraction_change, kpi_tree
from cs_lib.metrics.segments import account_pairs
from cs_lib.present.formatting import format_kpi, percent
from cs_lib.present.i18n import t
from cs_lib.settings import save_settings
from cs_lib.stats import paired_ratio_change
from tests.test_app import APP, TIMEOUT, assert_ran_cleanly
from tests.test_app import app as app  # noqa: F401 - the shared fixtures
from tests.test_app import engine as engine  # noqa: F401
from tests.test_app_retention_growth import open_page

KPI_TREE = "pages/kpi_tree/kpi_tree.py"


def test_the_tree_reads_nrr_from_grr_expansion_and_renewals():
    parents = dict(TREE)
    assert parents["nrr_ttm"] is None
    assert [name for name, parent in TREE if parent == "nrr_ttm"] == ["grr_ttm", "expansion_rate_ttm",
                                                                       "renewal_rate_ttm"]
    assert [name for name, parent in TREE if parent == "grr_ttm"] == ["logo_churn_rate_month", CONTRACTION]
    assert [name for name, parent in TREE if parent == "expansion_rate_ttm"] == ["upsell_rate_ttm",
                                                                                  "cross_sell_rate_ttm"]


def test_nodes_carry_the_engines_values_changes_and_trends(engine):
    as_of = kpis.kpis_at(engine)["as_of"]
    nodes = {node.name: node for node in kpi_tree(engine, as_of, 12)}
    current, previous = kpis.kpis_with_comparison(engine, as_of, 12)
    names = tuple(name for name in nodes if name != CONTRACTION)
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
        expected = percent(node.value) if node.name == CONTRACTION else format_kpi(node.name, node.value, lang)
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
