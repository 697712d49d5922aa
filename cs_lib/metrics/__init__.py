"""The metric families: each module runs the `sql/` macros and returns DataFrames or dicts."""
