"""The live maturity workshop: a facilitator opens it, participants score from their own devices,
the room's result is recorded as maturity assessments (METRICS.md §11) and exported.

- `store`: the workshop file next to the warehouse (`<warehouse>.workshop.duckdb`): workshops and
  their answers, appended and never updated, so concurrent participants never lose an answer
- `results`: the room's result per department (distribution, mean, spread, consensus, gap to target)
- `close`: closing a workshop records its answers in the warehouse through the importer
- `export`: the answers as CSV rows and the one-page summary
"""
