"""The global filters: which dimensions exist (an allow-list) and their values.

Dimension names never reach SQL from user input: every SQL macro takes one
`scope` parameter, a struct with one list per dimension of FILTER_DIMENSIONS,
bound as a value (sql/30_metrics/10_account_in_scope.sql reads it).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

# Account attributes, then the subscription product. Order = order in the UI.
FILTER_DIMENSIONS = ("segment", "industry", "region", "business_unit", "cs_model", "csm", "product")


class FilterError(ValueError):
    pass


@dataclass(frozen=True)
class Filters:
    """Selected values per dimension; an empty tuple means 'all'."""

    segment: tuple[str, ...] = ()
    industry: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    business_unit: tuple[str, ...] = ()
    cs_model: tuple[str, ...] = ()
    csm: tuple[str, ...] = ()
    product: tuple[str, ...] = ()

    @classmethod
    def from_pairs(cls, pairs: list[str]) -> Filters:
        """Parse `DIM=VALUE` strings (as given to the CLI's --where); repeats of a DIM are OR-ed."""
        values: dict[str, list[str]] = {}
        for pair in pairs:
            dimension, separator, value = pair.partition("=")
            dimension = dimension.strip().lower()
            if not separator or not value.strip():
                raise FilterError(f"--where expects DIM=VALUE, got {pair!r}")
            if dimension not in FILTER_DIMENSIONS:
                raise FilterError(
                    f"unknown filter dimension {dimension!r}; use one of {', '.join(FILTER_DIMENSIONS)}"
                )
            values.setdefault(dimension, []).append(value.strip())
        return cls(**{dimension: tuple(v) for dimension, v in values.items()})

    @classmethod
    def from_mapping(cls, mapping: dict[str, list[str] | tuple[str, ...]]) -> Filters:
        unknown = set(mapping) - set(FILTER_DIMENSIONS)
        if unknown:
            raise FilterError(f"unknown filter dimension(s): {', '.join(sorted(unknown))}")
        return cls(**{dimension: tuple(v) for dimension, v in mapping.items() if v})

    def sql_parameters(self) -> dict[str, dict[str, list[str] | None]]:
        """The bound `$scope` struct of the metric macros: `None` means no filter on that dimension."""
        return {"scope": {f.name: (list(getattr(self, f.name)) or None) for f in fields(self)}}

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))
