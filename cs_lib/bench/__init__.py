"""Measuring speed: `timings` (engine, Overview) against `pandas_reference`, a plain pandas implementation."""
