"""Reading, checking and loading a company's contract files (DATA_CONTRACT.md).

`load.import_paths` is the entry point: read every file as text (`read`,
`excel`), match headers and gather each table's rows (`shape`), report every
problem at once (`checks`, `report`), then write all or nothing.
"""

from cs_lib.ingest.load import import_paths, load_frames
from cs_lib.ingest.report import ImportReport, Problem, SourcePreview

__all__ = ["ImportReport", "Problem", "SourcePreview", "import_paths", "load_frames"]
