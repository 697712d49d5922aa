"""The chart specs: plain Vega-Lite dicts with honest scales, one unit system, theme colours, narrow rules."""

import json
import re
import shutil
import subprocess

import pandas as pd
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from cs_lib.present import charts
from cs_lib.present.formatting import money_in_units, money_in_units_expr, signed_money_in_units

VEGA_LITE_SCHEMA = load_schema()

MOVEMENTS = pd.DataFrame(
    {
        "month": ["2025-05", "2025-06"],
        "mrr": [45_000_000.0, 46_000_000.0],
        "new": [1_000_000.0, 1_200_000.0],
        "reactivation": [0.0, 100_000.0],
        "expansion": [500_000.0, 600_000.0],
        "contraction": [-100_000.0, -200_000.0],
        "churn": [-400_000.0, -700_000.0],
    }
)

# A small book: movements in the tens of thousands of yen.
SMALL = pd.DataFrame(
    {
        "month": ["2025-06"],
        "mrr": [1_234_500.0],
        "new": [12_000.0],
        "reactivation": [0.0],
        "expansion": [71_200.0],
        "contraction": [-3_400.0],
        "churn": [-9_800.0],
    }
)

TREND = pd.DataFrame(
    {
        "month": ["2025-01", "2025-02", "2025-03", "2025-04"],
        "accounts_start": pd.array([None, 12, 30, 45], dtype="Int64"),
        "grr": [float("nan"), 0.90, 0.92, 0.91],
        "nrr": [float("nan"), 1.04, 1.06, 1.05],
    }
)

# Vega expression functions the axis labels use; Vega's format() is d3-format (fixed decimals, separators).
NODE_VEGA_FUNCTIONS = r"""
const abs = Math.abs, round = Math.round;
function format(x, spec) {
  const [whole, fraction] = x.toFixed(+spec.match(/\.(\d+)f/)[1]).split(".");
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (fraction ? "." + fraction : "");
}
"""

LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUNDS = ("#0e1117", "#171614")  # Streamlit's dark theme, older and 1.67


def _rows(spec: dict) -> list[dict]:
    return spec["data"]["values"]


def _without_rows(spec: dict) -> dict:
    return {key: value for key, value in spec.items() if key != "data"}


def _invisible_extent(spec: dict) -> dict:
    (layer,) = [layer for layer in spec["layer"] if layer["mark"].get("opacity") == 0]
    assert layer["encoding"]["tooltip"] is None  # nothing to hover
    return layer["encoding"]


def _text_layers(spec: dict) -> list[dict]:
    return [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]


def _luminance(color: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _validate(spec: dict) -> None:
    error = validate_jsonschema(spec, VEGA_LITE_SCHEMA, raise_error=False)
    assert error is None, error


# --- waterfall steps -------------------------------------------------------------


def test_waterfall_steps_run_from_start_to_end_mrr():
    steps = charts.waterfall_steps(MOVEMENTS, "2025-06", "en")
    # start = 46,000,000 - (1,200,000 + 100,000 + 600,000 - 200,000 - 700,000) = 45,000,000
    assert list(steps["step"]) == [
        "Start MRR", "New", "Reactivation", "Expansion", "Contraction", "Churn", "End MRR"
    ]
    assert steps["amount"].tolist() == [
        45_000_000, 1_200_000, 100_000, 600_000, -200_000, -700_000, 46_000_000
    ]
    # each bar ends where the running total stands after it
    assert steps["bar_end"].tolist() == [
        45_000_000, 46_200_000, 46_300_000, 46_900_000, 46_700_000, 46_000_000, 46_000_000
    ]
    assert steps["kind"].tolist() == [
        "total", "increase", "increase", "increase", "decrease", "decrease", "total"
    ]
    assert steps["amount_exact"].tolist()[:2] == ["¥45,000,000", "¥1,200,000"]
    assert steps["running_total_exact"].iloc[-1] == "¥46,000,000"


def test_waterfall_of_the_first_month_starts_at_zero():
    first = MOVEMENTS.iloc[[0]].assign(
        new=45_000_000.0, reactivation=0.0, expansion=0.0, contraction=0.0, churn=0.0
    )
    steps = charts.waterfall_steps(first, "2025-05", "en")
    assert steps["amount"].iloc[0] == 0


def test_waterfall_for_an_unknown_month_is_an_error():
    with pytest.raises(ValueError, match="2030-01"):
        charts.waterfall_steps(MOVEMENTS, "2030-01", "en")
    with pytest.raises(ValueError, match="2030-01"):
        charts.mrr_waterfall_spec(MOVEMENTS, "2030-01", "en")


# --- the chart's unit system ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "japanese", "english"),
    [
        (0, "¥0", "¥0"),
        (950, "¥950", "¥950"),
        (3_400, "¥3,400", "¥3.4K"),
        (12_000, "¥1.2万", "¥12.0K"),
        (71_200, "¥7.1万", "¥71.2K"),
        (236_300, "¥24万", "¥236K"),
        (45_670_000, "¥4,567万", "¥45.7M"),
        (13_400_000, "¥1,340万", "¥13.4M"),
        (123_000_000, "¥1.23億", "¥123.0M"),
        (99_996_000, "¥1.00億", "¥100.0M"),  # rounding carries into the next unit
        (999_960, "¥100万", "¥1.0M"),
        (2_500_000_000, "¥25.00億", "¥2.50B"),
        (-200_000, "-¥20万", "-¥200K"),
    ],
)
def test_money_in_units_speaks_one_unit_system_per_language(value, japanese, english):
    assert money_in_units(value, "ja") == japanese
    assert money_in_units(value, "en") == english


def test_signed_money_in_units_marks_increases():
    assert signed_money_in_units(12_000, "ja") == "+¥1.2万"
    assert signed_money_in_units(-12_000, "ja") == "-¥1.2万"
    assert signed_money_in_units(0, "en") == "¥0"
    assert signed_money_in_units(float("nan"), "en") == "–"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_axis_expression_formats_like_money_in_units(lang):
    values = [0, 950, 3_400, 12_000, 71_200, 236_300, 5e6, 45_670_000, 123_000_000, 99_996_000, 2.5e9, -200_000]
    expected = [money_in_units(value, lang) for value in values]
    assert _run_vega_expression(money_in_units_expr(lang), values) == expected
    without_symbol = _run_vega_expression(money_in_units_expr(lang, with_symbol=False), values)
    assert without_symbol == [text.replace("¥", "", 1) for text in expected]


def _run_vega_expression(expression: str, values: list[float]) -> list[str]:
    # Never skipped: `make test` installs Debian's nodejs when it is missing.
    assert shutil.which("node"), "node is missing: run `make test` (it installs nodejs) or apt-get install nodejs"
    mapped = f"{json.dumps(values)}.map(value => {{ const datum = {{value}}; return {expression}; }})"
    script = NODE_VEGA_FUNCTIONS + f"console.log(JSON.stringify({mapped}));"
    result = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True, timeout=30)
    return json.loads(result.stdout)


# --- waterfall spec ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_waterfall_spec_is_valid_vega_lite(lang, theme):
    spec = charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", lang, "JPY", theme)
    _validate(spec)
    json.dumps(spec, allow_nan=False)
    assert spec["width"] == "container"
    assert spec["background"] == "transparent"


def test_waterfall_stands_on_zero():
    spec = charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", "en")
    scale = spec["layer"][0]["encoding"]["y"]["scale"]
    assert scale["zero"] is True and "domain" not in scale  # the range comes from the rows
    rows = _rows(spec)
    # an invisible rule on the shared y scale spans zero to the highest level plus label room
    extent = _invisible_extent(spec)
    assert (extent["y"]["field"], extent["y2"]["field"]) == ("axis_floor", "axis_ceiling")
    assert {row["axis_floor"] for row in rows} == {0.0}
    # highest level: start 45,000,000 + new 1,200,000 + reactivation 100,000 + expansion 600,000
    # = 46,900,000 (before contraction and churn); × 1.1 leaves room for its label
    assert [row["axis_ceiling"] for row in rows] == [pytest.approx(46_900_000 * 1.1)] * len(rows)
    assert (rows[0]["bar_start"], rows[0]["bar_end"]) == (0, 45_000_000)
    assert (rows[-1]["bar_start"], rows[-1]["bar_end"]) == (0, 46_000_000)
    assert "subtitle" not in spec["title"]  # no zoom to explain any more


def test_waterfall_in_japanese_uses_man_and_oku():
    spec = charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", "ja")
    rows = _rows(spec)
    assert [row["step"] for row in rows] == ["期首MRR", "新規", "再開", "拡大", "縮小", "解約", "期末MRR"]
    assert [row["amount_label"] for row in rows] == [
        "¥4,500万", "+¥120万", "+¥10万", "+¥60万", "-¥20万", "-¥70万", "¥4,600万"
    ]
    y = spec["layer"][0]["encoding"]["y"]
    assert y["title"] == "MRR（¥）"
    assert "'万'" in y["axis"]["labelExpr"] and "'億'" in y["axis"]["labelExpr"]
    # with "¥", but without it on a narrow screen (the axis title names the currency)
    assert y["axis"]["labelExpr"] == (
        f"width / 7 < 60 ? {money_in_units_expr('ja', with_symbol=False)} : {money_in_units_expr('ja')}"
    )
    assert "百万" not in json.dumps(spec, ensure_ascii=False)
    assert spec["title"]["text"] == "MRR推移（2025-06）"


def test_waterfall_of_a_small_book_in_japanese():
    rows = _rows(charts.mrr_waterfall_spec(SMALL, "2025-06", "ja"))
    # start = 1,234,500 - (12,000 + 71,200 - 3,400 - 9,800) = 1,164,500
    assert rows[0]["amount"] == 1_164_500
    assert [row["amount_label"] for row in rows] == [
        "¥116万", "+¥1.2万", "¥0", "+¥7.1万", "-¥3,400", "-¥9,800", "¥123万"
    ]
    assert [row["amount_short"] for row in rows][:2] == ["116万", "+1.2万"]


def test_waterfall_in_english_uses_k_and_m_never_exact_yen():
    spec = charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", "en")
    labels = [row["amount_label"] for row in _rows(spec)]
    assert labels == ["¥45.0M", "+¥1.2M", "+¥100K", "+¥600K", "-¥200K", "-¥700K", "¥46.0M"]
    small = [row["amount_label"] for row in _rows(charts.mrr_waterfall_spec(SMALL, "2025-06", "en"))]
    assert small == ["¥1.2M", "+¥12.0K", "¥0", "+¥71.2K", "-¥3.4K", "-¥9.8K", "¥1.2M"]
    for label in labels + small:  # a unit, or an amount under ¥1,000: never "¥71,200" beside "¥13.4M"
        assert re.fullmatch(r"[+-]?¥(\d+(\.\d+)?[KMB]|\d{1,3})", label), label
    assert spec["layer"][0]["encoding"]["y"]["title"] == "MRR (¥)"
    assert spec["title"]["text"] == "MRR movements, 2025-06"


def test_waterfall_tooltips_give_step_amount_exact_amount_and_mrr_after():
    spec = charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", "en")
    tooltip = spec["encoding"]["tooltip"]
    assert [item["field"] for item in tooltip] == [
        "step", "amount_label", "amount_exact_signed", "running_total_label"
    ]
    assert [item["title"] for item in tooltip] == ["Step", "Amount", "Exact amount", "MRR after this step"]
    new = _rows(spec)[1]
    assert (new["amount_label"], new["amount_exact_signed"]) == ("+¥1.2M", "+¥1,200,000")
    assert new["running_total_label"] == "¥46.2M (¥46,200,000)"
    churn = _rows(spec)[5]
    assert churn["amount_exact_signed"] == "-¥700,000"


def test_waterfall_colours_follow_the_theme_and_stay_readable():
    light = charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", "en", theme="light")
    dark = charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", "en", theme="dark")
    light_text = _text_layers(light)[0]["mark"]["color"]
    dark_text = _text_layers(dark)[0]["mark"]["color"]
    assert light_text != dark_text
    assert _luminance(dark_text) > 0.5  # near-white on the dark theme
    assert _luminance(light_text) < 0.05  # near-black on the light theme
    assert _contrast(light_text, LIGHT_BACKGROUND) >= 4.5
    for background in DARK_BACKGROUNDS:
        assert _contrast(dark_text, background) >= 4.5
    for spec, backgrounds in ((light, [LIGHT_BACKGROUND]), (dark, DARK_BACKGROUNDS)):
        color = spec["layer"][0]["encoding"]["color"]["scale"]
        assert color["domain"] == ["total", "increase", "decrease"]
        for bar in color["range"]:
            for background in backgrounds:
                assert _contrast(bar, background) >= 3, (bar, background)
        for background in backgrounds:
            assert _contrast(spec["config"]["axis"]["labelColor"], background) >= 4.5
    assert light["config"]["axis"]["labelColor"] != dark["config"]["axis"]["labelColor"]
    # anything but "dark" (Streamlit may report None) is drawn for the light theme
    assert charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", "en", theme=None) == light


def test_waterfall_labels_that_do_not_fit_a_narrow_screen_are_left_out_or_shortened():
    spec = charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", "ja")
    full, short = _text_layers(spec)
    for layer, field in ((full, "amount_label"), (short, "amount_short")):
        text = layer["encoding"]["text"]
        assert text["condition"]["field"] == field
        assert "width / 7" in text["condition"]["test"]  # the bar's slot on the plot
        assert text["value"] == ""  # does not fit: no label
    # all labels in full, or (where one would not fit) all without "¥", so the two forms never mix
    all_fit = full["encoding"]["text"]["condition"]["test"]
    assert all_fit.startswith("datum.widest_label_em *")  # one value, the same on every row
    assert short["encoding"]["text"]["condition"]["test"].startswith(f"!({all_fit})")
    rows = _rows(spec)
    assert rows[0]["label_em"] > rows[0]["short_em"] > 0
    assert {row["widest_label_em"] for row in rows} == {max(row["label_em"] for row in rows)}
    axis = spec["encoding"]["x"]["axis"]
    assert "width / 7" in axis["labelExpr"] and "['期首', 'MRR']" in axis["labelExpr"].replace('"', "'")
    assert "width / 7" in axis["labelLimit"]["expr"]
    assert "-45" in axis["labelAngle"]["expr"]  # step names too long even when wrapped are slanted


def test_waterfall_spec_is_deterministic_and_plain_json():
    first = charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", "ja", "JPY", "dark")
    second = charts.mrr_waterfall_spec(MOVEMENTS.copy(), "2025-06", "ja", "JPY", "dark")
    assert first == second
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert json.loads(json.dumps(first, allow_nan=False)) == first


def test_waterfall_in_another_currency_names_it():
    spec = charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", "en", "USD")
    assert spec["layer"][0]["encoding"]["y"]["title"] == "MRR ($)"
    assert _rows(spec)[1]["amount_label"] == "+$1.2M"
    assert "'$'" in spec["layer"][0]["encoding"]["y"]["axis"]["labelExpr"]


def test_a_filter_change_changes_only_the_waterfall_rows():
    # The browser redraws a chart whose spec changed, but swaps the rows of one whose spec did not.
    other = MOVEMENTS.assign(mrr=[4_500_000.0, 4_800_000.0], new=[90_000.0, 410_000.0])
    first = charts.mrr_waterfall_spec(MOVEMENTS, "2025-06", "ja", "JPY", "dark")
    second = charts.mrr_waterfall_spec(other, "2025-06", "ja", "JPY", "dark")
    assert _rows(first) != _rows(second)
    assert _without_rows(first) == _without_rows(second)


# --- retention trend specs ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_retention_specs_are_valid_vega_lite(lang, theme):
    for spec in charts.retention_trend_specs(TREND, lang, theme):
        _validate(spec)
        json.dumps(spec, allow_nan=False)
        assert spec["width"] == "container"
        assert spec["background"] == "transparent"


def test_retention_specs_leave_undefined_months_out():
    grr, nrr = charts.retention_trend_specs(TREND, "en")
    assert [(row["month"], row["month_start"], row["value"], row["value_label"]) for row in _rows(grr)] == [
        ("2025-02", "2025-02-01", 0.90, "90.0%"),
        ("2025-03", "2025-03-01", 0.92, "92.0%"),
        ("2025-04", "2025-04-01", 0.91, "91.0%"),
    ]
    assert [row["value"] for row in _rows(nrr)] == [1.04, 1.06, 1.05]
    assert "NaN" not in json.dumps(grr)


def test_retention_specs_have_titles_tooltips_percent_axis_and_a_100_percent_rule():
    grr, nrr = charts.retention_trend_specs(TREND, "ja")
    for spec, title in ((grr, "売上総継続率 GRR（12か月）"), (nrr, "売上純継続率 NRR（12か月）")):
        assert spec["title"]["text"] == title
        rule, line, dots, _extent = spec["layer"]
        assert rule["mark"]["type"] == "rule" and rule["mark"]["strokeDash"]
        assert rule["data"]["values"] == [{"value": 1.0, "label": "100 %"}]
        assert (line["mark"]["type"], dots["mark"]["type"]) == ("line", "point")
        assert line["encoding"]["y"]["axis"]["format"] == ".0%"
        assert [item["field"] for item in dots["encoding"]["tooltip"]] == ["month", "value_label", "accounts_label"]
        assert [item["title"] for item in dots["encoding"]["tooltip"]] == ["月", title, "対象の顧客数"]


def test_retention_tooltips_flag_rates_resting_on_few_accounts():
    grr, _nrr = charts.retention_trend_specs(TREND, "en")
    assert [(row["accounts"], row["accounts_label"], row["weak"]) for row in _rows(grr)] == [
        (12, "12 (weak evidence: fewer than 30 accounts)", True),
        (30, "30", False),
        (45, "45", False),
    ]
    japanese = _rows(charts.retention_trend_specs(TREND, "ja")[0])
    assert japanese[0]["accounts_label"] == "12（30社未満のため根拠が弱い）"
    # weak points are drawn hollow
    assert grr["layer"][2]["encoding"]["fill"]["condition"] == {"test": "datum.weak", "value": "transparent"}


def test_retention_specs_without_account_counts_have_no_accounts_tooltip():
    grr, _nrr = charts.retention_trend_specs(TREND.drop(columns="accounts_start"), "en")
    assert [item["field"] for item in grr["layer"][1]["encoding"]["tooltip"]] == ["month", "value_label"]
    assert not any(row["weak"] for row in _rows(grr))
    _validate(grr)


def test_retention_specs_share_one_y_range_that_includes_100_percent():
    grr, nrr = charts.retention_trend_specs(TREND, "en")
    ranges = {(row["axis_low"], row["axis_high"]) for spec in (grr, nrr) for row in _rows(spec)}
    assert len(ranges) == 1  # one range on every row of both charts
    ((low, high),) = ranges
    # values 0.90 … 1.06 (and 100 %): spread 0.16, 15 % margin = 0.024 each side
    assert (low, high) == (pytest.approx(0.876), pytest.approx(1.084))
    for spec in (grr, nrr):
        extent = _invisible_extent(spec)
        assert (extent["y"]["field"], extent["y2"]["field"]) == ("axis_low", "axis_high")
        assert "domain" not in spec["layer"][1]["encoding"]["y"]["scale"]


def test_a_filter_change_changes_only_the_retention_rows():
    other = TREND.assign(grr=[float("nan"), 0.70, 0.75, 0.80], nrr=[float("nan"), 0.95, 1.20, 1.10])
    pairs = zip(charts.retention_trend_specs(TREND, "ja"), charts.retention_trend_specs(other, "ja"), strict=True)
    for first, second in pairs:
        assert _rows(first) != _rows(second)
        assert _without_rows(first) == _without_rows(second)


def test_retention_time_axis_stays_readable_when_narrow():
    grr, _nrr = charts.retention_trend_specs(TREND, "en")
    axis = grr["layer"][1]["encoding"]["x"]["axis"]
    assert "width" in axis["tickCount"]["expr"]  # fewer ticks on a narrow screen
    assert axis["labelOverlap"] and axis["labelAngle"] == 0
    assert "utcFormat(datum.value, '%Y-%m')" in axis["labelExpr"]


def test_retention_colours_follow_the_theme():
    light = charts.retention_trend_specs(TREND, "en", "light")
    dark = charts.retention_trend_specs(TREND, "en", "dark")
    for (light_spec, dark_spec) in zip(light, dark, strict=True):
        light_line = light_spec["layer"][1]["mark"]["color"]
        dark_line = dark_spec["layer"][1]["mark"]["color"]
        assert light_line != dark_line
        assert _contrast(light_line, LIGHT_BACKGROUND) >= 3
        assert all(_contrast(dark_line, background) >= 3 for background in DARK_BACKGROUNDS)
        assert _contrast(dark_spec["layer"][0]["mark"]["color"], DARK_BACKGROUNDS[0]) >= 3  # the 100 % line


def test_retention_specs_are_deterministic():
    assert charts.retention_trend_specs(TREND, "ja", "dark") == charts.retention_trend_specs(TREND.copy(), "ja", "dark")


def test_a_trend_without_any_defined_month_has_no_points():
    assert charts.has_retention_points(TREND)
    assert not charts.has_retention_points(TREND.iloc[[0]])


def test_trend_points_are_the_defined_months():
    points = charts.trend_points(TREND, "nrr")
    assert points["month"].tolist() == ["2025-02", "2025-03", "2025-04"]
    assert points["value_label"].tolist() == ["104.0%", "106.0%", "105.0%"]
