"""The translation table: complete in both languages, and the default language rule."""

import re

import pytest

from cs_lib.filters import FILTER_DIMENSIONS
from cs_lib.present import i18n
from cs_lib.present.formatting import KPI_KINDS
from cs_lib.present.i18n import LANGUAGES, TRANSLATIONS, default_language, t


def test_every_key_has_a_non_empty_label_in_every_language():
    for key, labels in TRANSLATIONS.items():
        assert set(labels) == set(LANGUAGES), key
        assert all(label.strip() for label in labels.values()), key


def test_placeholders_are_the_same_in_both_languages():
    for key, labels in TRANSLATIONS.items():
        placeholders = {lang: set(re.findall(r"{(\w+)}", label)) for lang, label in labels.items()}
        assert placeholders["ja"] == placeholders["en"], key


def test_missing_key_raises_key_error():
    with pytest.raises(KeyError):
        t("no.such.label", "en")


def test_unknown_language_raises_key_error():
    with pytest.raises(KeyError):
        t("page.overview", "fr")


def test_page_titles_follow_the_product_description():
    assert t("page.overview", "en") == "Overview"
    assert t("page.overview", "ja") == "経営サマリー"


def test_kpi_labels_use_the_metrics_md_wording():
    # METRICS.md gives "GRR / 売上総継続率", "NRR / 売上純継続率", "logo churn / 顧客解約率", ...
    assert "GRR" in t("kpi.grr_ttm", "en") and "売上総継続率" in t("kpi.grr_ttm", "ja")
    assert "NRR" in t("kpi.nrr_ttm", "en") and "売上純継続率" in t("kpi.nrr_ttm", "ja")
    assert "churn" in t("kpi.logo_churn_rate_month", "en").lower()
    assert "顧客解約率" in t("kpi.logo_churn_rate_month", "ja")
    assert "upsell rate" in t("kpi.upsell_rate_ttm", "en").lower()
    assert "アップセル率" in t("kpi.upsell_rate_ttm", "ja")
    assert t("kpi.arpa", "en") == "ARPA" and t("kpi.arpa", "ja") == "顧客平均単価"
    assert "LTV" in t("kpi.ltv", "en") and "顧客生涯価値" in t("kpi.ltv", "ja")
    assert t("kpi.arr", "en") == "ARR"


def test_every_kpi_has_a_label_and_a_definition():
    for name in KPI_KINDS:
        assert t(f"kpi.{name}", "en") and t(f"definition.{name}", "ja")


def test_movement_names_follow_metrics_md():
    expected = {
        "new": "新規", "reactivation": "再開", "expansion": "拡大", "contraction": "縮小", "churn": "解約"
    }
    for movement, japanese in expected.items():
        assert t(f"movement.{movement}", "ja") == japanese
        assert t(f"movement.{movement}", "en").lower() == movement


def test_every_filter_dimension_has_a_label():
    for dimension in FILTER_DIMENSIONS:
        assert t(f"dimension.{dimension}", "en")
        assert t(f"dimension.{dimension}", "ja")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("ja", "ja"),
        ("ja-JP", "ja"),
        ("JA-jp", "ja"),
        (None, "ja"),  # unknown locale: Japanese
        ("", "ja"),
        ("en-US", "en"),
        ("de-DE", "en"),
        ("zh-CN", "en"),
    ],
)
def test_default_language_is_japanese_for_japanese_or_unknown_locales(locale, expected):
    assert default_language(locale) == expected


def test_language_names_cover_every_language():
    assert set(i18n.LANGUAGE_NAMES) == set(LANGUAGES)


def test_every_comparison_period_has_a_label():
    from cs_lib.settings import COMPARISON_LAGS

    for lag in COMPARISON_LAGS:
        for lang in LANGUAGES:
            assert t(f"sidebar.compare_option.{lag}", lang)
