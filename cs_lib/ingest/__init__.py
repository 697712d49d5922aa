"""Reading, checking and loading a company's contract files (DATA_CONTRACT.md).

`load.import_paths` is the entry point: read every file as text (`read`,
`excel`), match headers and gather each table's rows (`shape`), report every
problem at once (`checks`, `report`), then write all or nothing.
"""

from cs_lib.ingest.load import import_paths
from cs_lib.ingest.report import ImportReport, Problem

__all__ = ["ImportReport", "Problem", "import_paths"]
