"""The deterministic demo company (see `build` for the story and the entry point)."""

from cs_lib.demo.build import SIZES, build_demo_warehouse, generate_tables

__all__ = ["SIZES", "build_demo_warehouse", "generate_tables"]
