"""Charts for the board pack: the app's own Vega-Lite specs rendered to PNG with vl-convert (not redrawn).

The specs take the container's width in the app; on paper they get a fixed width, a white
background, the light theme's colours (built by the caller) and the IPAex Gothic font that the
`matplotlib-fontja` package ships, so Japanese renders as text, not boxes, with no system font.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import vl_convert

FONT_FAMILY = "IPAexGothic"
PRINT_WIDTH = 1000  # px of the chart on paper (scaled ×2 for sharpness)


@functools.cache
def japanese_font_path() -> Path:
    """IPAex Gothic from the matplotlib-fontja package (found without importing it: it imports matplotlib)."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or spec.origin is None:
        raise RuntimeError("the board pack needs the matplotlib-fontja package (pip install -r requirements.txt)")
    return Path(spec.origin).parent / "fonts" / "ipaexg.ttf"


@functools.cache
def _register_font() -> None:
    vl_convert.register_font_directory(str(japanese_font_path().parent))


def for_print(spec: dict, width: int = PRINT_WIDTH) -> dict:
    """The spec at a fixed width on white, every text in the embedded Japanese-capable font."""
    config = dict(spec.get("config", {}))
    config["font"] = FONT_FAMILY
    printed = {**spec, "width": width, "background": "white", "config": config}
    if printed.get("autosize") is not None:
        printed["autosize"] = {"type": "fit-x", "contains": "padding"}
    return printed


def chart_png(spec: dict, width: int = PRINT_WIDTH) -> bytes:
    """PNG bytes of the spec as printed (scale 2)."""
    _register_font()
    return vl_convert.vegalite_to_png(for_print(spec, width), scale=2)
