"""The Data page's import: uploaded files → preview and report (a dry run) → mapping → commit.

Uploaded files are written to a temporary folder of this session under their
own names (the file name says the table). Every check is the importer's own
dry run (`ingest.import_paths(dry_run=True)`), so the page shows exactly the
problems the CLI would print; the commit is the same import without the dry
run, written to a copy of the warehouse and swapped in, so other sessions keep
reading and then see the new data.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import streamlit as st

from cs_lib import schema
from cs_lib.ingest import ImportReport, import_paths
from cs_lib.ingest.mapping import ColumnMapping, header_key
from cs_lib.ingest.report import SourcePreview
from cs_lib.present.i18n import t

UPLOAD_DIR_KEY = "_data_upload_dir"
MAPPING_KEY = "_data_mapping"
CHECKED_KEY = "_data_checked"  # (signature, report) of the last dry run
KEEP_EXTRA = ""  # the mapping choice "keep this column as an extra column"


def saved_uploads(uploads: list) -> list[Path]:
    """Write the uploaded files into this session's folder (same names); return their paths."""
    if UPLOAD_DIR_KEY not in st.session_state:
        st.session_state[UPLOAD_DIR_KEY] = tempfile.mkdtemp(prefix="cs_upload_")
    directory = Path(st.session_state[UPLOAD_DIR_KEY])
    wanted = {Path(upload.name).name for upload in uploads}
    for stale in directory.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    paths = []
    for upload in uploads:
        path = directory / Path(upload.name).name
        content = upload.getvalue()
        if not path.exists() or path.stat().st_size != len(content) or path.read_bytes() != content:
            path.write_bytes(content)
        paths.append(path)
    return paths


def session_mapping() -> ColumnMapping:
    return st.session_state.setdefault(MAPPING_KEY, {})


def checked_report(paths: list[Path], target: Path) -> ImportReport:
    """The dry run of these files against the target warehouse, redone only when the files, the
    mapping or the warehouse changed."""
    mtime = target.stat().st_mtime_ns if target.exists() else 0
    files = [(path.name, path.stat().st_size, path.stat().st_mtime_ns) for path in paths]
    signature = json.dumps([str(target), mtime, files, session_mapping()], sort_keys=True, ensure_ascii=False)
    cached = st.session_state.get(CHECKED_KEY)
    if cached and cached[0] == signature:
        return cached[1]
    report = import_paths(target, paths, dry_run=True, mapping=session_mapping())
    st.session_state[CHECKED_KEY] = (signature, report)
    return report


def mapping_editor(sources: list[SourcePreview], lang: str) -> None:
    """For each file with columns the contract does not know: which contract column each one is.

    The choice goes into the session's mapping, the checks rerun with it, and a successful
    import saves it in the warehouse so the next export with these headers needs no mapping.
    """
    mapping = session_mapping()
    for source in sources:
        table = schema.TABLES_BY_NAME[source.table]
        renamed = mapping.get(source.table, {})
        mapped_here = [header for header in source.headers if header_key(header) in renamed]
        if not source.extra and not mapped_here:
            continue  # every header is a contract column: nothing to map
        with st.expander(t("data.mapping_header", lang).format(file=source.file), expanded=True):
            for header in [*mapped_here, *source.extra]:
                options = [KEEP_EXTRA, *(c.name for c in table.columns)]
                current = renamed.get(header_key(header), KEEP_EXTRA)
                choice = st.selectbox(
                    header, options, index=options.index(current) if current in options else 0,
                    key=f"map_{source.table}_{header}",
                    format_func=lambda name: t("data.mapping_keep", lang) if name == KEEP_EXTRA else name,
                )
                if choice != current:
                    table_mapping = mapping.setdefault(source.table, {})
                    if choice == KEEP_EXTRA:
                        table_mapping.pop(header_key(header), None)
                    else:
                        table_mapping[header_key(header)] = choice
                    st.rerun()


def commit(paths: list[Path], target: Path, lang: str) -> ImportReport:
    """Import for real, with a progress bar fed by the importer's progress messages."""
    bar = st.progress(0.0, text=t("data.commit_progress", lang))
    expected_steps = 4 * len(paths) + 3 * len(schema.TABLES) + 4
    steps = 0

    def advance(message: str) -> None:
        nonlocal steps
        steps += 1
        bar.progress(min(steps / expected_steps, 0.99), text=message)

    report = import_paths(target, paths, progress=advance, mapping=session_mapping())
    bar.progress(1.0, text=t("data.commit_done", lang) if report.ok else t("data.commit_failed", lang))
    st.session_state.pop(CHECKED_KEY, None)
    return report
