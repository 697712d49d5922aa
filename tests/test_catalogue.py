"""The KPI catalogue is complete: every KPI has its labels, definitions, docs entry and SQL file
(as datasette's test_docs.py keeps its documentation honest)."""

from pathlib import Path

import pytest

from cs_lib.metrics.catalogue import KPI_NAMES, KPIS
from cs_lib.present.i18n import LANGUAGES, t

REPO_ROOT = Path(__file__).resolve().parent.parent
METRICS_DOC = (REPO_ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kpi", KPIS, ids=lambda kpi: kpi.name)
def test_every_kpi_has_a_label_and_a_definition_in_every_language(kpi):
    for lang in LANGUAGES:
        assert kpi.label[lang].strip() and kpi.definition[lang].strip()
        assert t(f"kpi.{kpi.name}", lang) == kpi.label[lang]


@pytest.mark.parametrize("kpi", KPIS, ids=lambda kpi: kpi.name)
def test_every_kpi_is_documented_with_its_machine_name_and_sql_file(kpi):
    assert f"`{kpi.name}`" in METRICS_DOC
    assert (REPO_ROOT / kpi.computed_in).is_file(), kpi.computed_in
    assert kpi.computed_in in METRICS_DOC


@pytest.mark.parametrize("kpi", KPIS, ids=lambda kpi: kpi.name)
def test_every_kpi_names_its_section(kpi):
    assert kpi.section.startswith("§") and f"## {kpi.section} " in METRICS_DOC


def test_the_catalogue_follows_the_machine_names_of_section_14():
    assert KPI_NAMES == (
        "as_of", "mrr", "arr", "active_accounts", "arpa",
        "logo_churn_rate_month", "gross_mrr_churn_rate_month", "grr_month", "nrr_month", "quick_ratio_month",
        "grr_ttm", "nrr_ttm", "logo_retention_ttm", "upsell_rate_ttm", "expansion_rate_ttm", "cross_sell_rate_ttm",
        "ltv", "renewal_rate_ttm", "first_renewal_rate_ttm", "pilot_conversion_rate_ttm", "renewals_pending",
    )  # fmt: skip
    lower_is_better = {kpi.name for kpi in KPIS if kpi.lower_is_better}
    assert lower_is_better == {"logo_churn_rate_month", "gross_mrr_churn_rate_month"}


def test_nothing_in_the_product_points_outside_the_repository():
    tracked = [*REPO_ROOT.glob("*.md"), *REPO_ROOT.glob("docs/*.md"), *REPO_ROOT.glob("cs_lib/**/*.py"),
               *REPO_ROOT.glob("app_pages/**/*.py"), *REPO_ROOT.glob("sql/**/*.sql"), REPO_ROOT / "app.py"]
    for path in tracked:
        assert "../shared" not in path.read_text(encoding="utf-8"), path
