"""The board pack on a hand-built warehouse: the PDF opens with the expected pages, its text holds the KPI
values as the app formats them (ja and en), its pages rendered by pdftoppm are not blank; the PPTX holds
the same values with each KPI's definition in the notes; a second pack after a changed import lists the
restated figure and what changed since the last board; the snapshot is stored while a reader holds the
warehouse; the board-pack command; the Overview's buttons."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from pptx import Presentation
from pypdf import PdfReader

from cs_lib.boardpack import generate_board_pack
from cs_lib.metrics.kpis import kpis_at
from cs_lib.present.formatting import format_kpi
from cs_lib.present.i18n import t
from tests.impact_fixtures import IMPACT_ACCOUNTS, IMPACT_PROGRAMS, IMPACT_SUBSCRIPTIONS, build_with_programs
from tests.test_app import app as app  # noqa: F401 - the shared fixture
from tests.test_cli import run_cli

ARTIFACTS = Path(__file__).parent / "artifacts"
AS_OF = "2025-01"
# "risk": the health and risk engines are installed (a maturity section joins once its engine is).
FIRST_PACK = ["cover", "kpis", "waterfall", "grr_nrr", "cohorts", "risk", "summary", "appendix"]
SHOWN = ("arr", "nrr_ttm", "grr_ttm", "upsell_rate_ttm", "arpa")


@pytest.fixture
def pack_db(tmp_path) -> Path:
    return build_with_programs(tmp_path / "pack.duckdb", IMPACT_ACCOUNTS, IMPACT_SUBSCRIPTIONS, IMPACT_PROGRAMS,
                               "2025-01-31")


def _pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def _expected_values(db: Path, lang: str, as_of: str = AS_OF) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        values = kpis_at(con, as_of)
    return [format_kpi(name, values[name], lang) for name in SHOWN]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_pdf_pages_text_and_rendering(pack_db, lang):
    data, pack = generate_board_pack(pack_db, "pdf", lang, AS_OF, store=False)
    assert [section.key for section in pack.sections] == FIRST_PACK
    pages, text = _pdf_text(data)
    assert pages == len(FIRST_PACK)
    assert t("board.title", lang) in text and t("board.appendix", lang) in text
    for value in _expected_values(pack_db, lang):
        assert value in text, value
    assert t("definition.nrr_ttm", lang)[:20] in text.replace("\n", "")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"board_pack_{lang}.pdf").write_bytes(data)
    prefix = ARTIFACTS / f"board_pack_{lang}"
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(ARTIFACTS / f"board_pack_{lang}.pdf"), str(prefix)],
                   check=True)
    rendered = sorted(ARTIFACTS.glob(f"board_pack_{lang}-*.pgm"))
    assert len(rendered) == pages
    for image in rendered:
        assert _ink_share(image.read_bytes()) > 0.003, image  # a page with something printed on it
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(ARTIFACTS / f"board_pack_{lang}.pdf"), str(prefix)],
                   check=True)


def _ink_share(pgm: bytes) -> float:
    """Share of pixels darker than near-white in a binary PGM (P5) image."""
    header, _, rest = pgm.partition(b"\n")
    assert header == b"P5"
    size_line, _, rest = rest.partition(b"\n")
    width, height = map(int, size_line.split())
    _, _, pixels = rest.partition(b"\n")
    return sum(1 for value in pixels[: width * height] if value < 200) / (width * height)


def test_pptx_holds_the_same_values_and_definitions_in_the_notes(pack_db):
    data, pack = generate_board_pack(pack_db, "pptx", "en", AS_OF, store=False)
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == len(pack.sections)
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    joined = "\n".join(texts)
    for value in _expected_values(pack_db, "en"):
        assert value in joined, value
    kpi_slide = deck.slides[FIRST_PACK.index("kpis")]
    assert t("definition.nrr_ttm", "en") in kpi_slide.notes_slide.notes_text_frame.text
    charts = [shape for shape in deck.slides[FIRST_PACK.index("waterfall")].shapes if shape.shape_type == 13]
    assert len(charts) == 1  # the waterfall, as a picture
    title_run = deck.slides[0].shapes.title.text_frame.paragraphs[0].runs[0]
    assert title_run._r.rPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea").get("typeface")


def test_a_changed_import_is_listed_as_restated(pack_db):
    first, _ = generate_board_pack(pack_db, "pdf", "en", AS_OF)
    with duckdb.connect(str(pack_db), read_only=True) as con:
        assert con.execute("select count(distinct snapshot_id) from board_pack_snapshots").fetchone()[0] == 1
        nrr_before = kpis_at(con, AS_OF)["nrr_ttm"]
    # re-import: u3 grows from 200 to 300 a month during the window (a restated NRR for 2025-01)
    changed = [row if row[0] != "u3a" else ("u3a", "u3", "core", "2023-01-01", "2024-06-30", 200)
               for row in IMPACT_SUBSCRIPTIONS] + [("u3b", "u3", "core", "2024-07-01", None, 300)]
    build_with_programs(pack_db, IMPACT_ACCOUNTS, changed, IMPACT_PROGRAMS, "2025-01-31")
    data, pack = generate_board_pack(pack_db, "pdf", "en", AS_OF)
    with duckdb.connect(str(pack_db), read_only=True) as con:
        nrr_after = kpis_at(con, AS_OF)["nrr_ttm"]
    shown, now = format_kpi("nrr_ttm", nrr_before, "en"), format_kpi("nrr_ttm", nrr_after, "en")
    assert shown != now
    assert (t("kpi.nrr_ttm", "en"), AS_OF, shown, now) in pack.restated
    _, text = _pdf_text(data)
    assert t("board.restated", "en") in text and shown in text and now in text
    assert t("board.since_last", "en").split("(")[0] in text
    assert [section.key for section in pack.sections] == [*FIRST_PACK[:-1], "restated", "appendix"]


def test_snapshot_is_stored_while_a_reader_holds_the_warehouse(pack_db):
    reader = duckdb.connect(str(pack_db), read_only=True)  # the app, reading all along
    try:
        generate_board_pack(pack_db, "pptx", "ja", AS_OF)  # stored through the copy-and-swap
        _, pack = generate_board_pack(pack_db, "pptx", "ja", AS_OF)  # sees the first pack's snapshot
        assert any(section.key == "restated" for section in pack.sections)
        assert reader.execute("select count(*) from stg_accounts").fetchone()[0] == len(IMPACT_ACCOUNTS)
    finally:
        reader.close()
    with duckdb.connect(str(pack_db), read_only=True) as con:
        assert con.execute("select count(distinct snapshot_id) from board_pack_snapshots").fetchone()[0] == 2


def test_board_pack_command(pack_db, tmp_path):
    out = tmp_path / "pack.pptx"
    result = run_cli("board-pack", "--db", str(pack_db), "--out", str(out), "--lang", "en", "--as-of", AS_OF,
                     "--where", "segment=A")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sections"][:2] == ["cover", "kpis"]
    assert len(Presentation(str(out)).slides) == len(json.loads(result.stdout)["sections"])
    bad = run_cli("board-pack", "--db", str(pack_db), "--out", str(tmp_path / "pack.docx"))
    assert bad.returncode == 2 and bad.stderr.startswith("cs_lib: error: --out must end in .pdf or .pptx")
    assert shutil.which("pdftoppm")


def test_the_overview_offers_the_pack_in_both_formats(app):  # noqa: F811 - the shared AppTest fixture
    app.query_params["lang"] = "en"
    app.run()
    buttons = {button.key: button.label for button in app.get("download_button")}
    assert buttons["board_pack_pdf"] == t("board.download_pdf", "en")
    assert buttons["board_pack_pptx"] == t("board.download_pptx", "en")


def test_risk_section_is_the_risk_lists_summary(small_demo_db):
    from cs_lib.metrics.risk import risk_list
    from cs_lib.present.formatting import count, money

    _, pack = generate_board_pack(small_demo_db, "pdf", "en", store=False)
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        lines = risk_list(con, pack.as_of)
    risk = next(section for section in pack.sections if section.key == "risk")
    assert risk.paragraphs[0].startswith(f"{count(len(lines))} paid line(s) end in the risk window: "
                                         f"ARR at risk {money(float(lines['arr_at_risk'].sum()))}")
    top = lines.iloc[0]
    assert risk.table[1][0] == top["account_name"] and risk.table[1][2] == money(top["arr_at_risk"])
    assert len(risk.table) == 1 + min(8, len(lines))


def test_maturity_section_is_the_company_and_department_summary(small_demo_db):
    from cs_lib.metrics.maturity import company_maturity, department_overview
    from cs_lib.present.formatting import ratio

    _, pack = generate_board_pack(small_demo_db, "pptx", "ja", store=False)
    with duckdb.connect(str(small_demo_db), read_only=True) as con:
        company = company_maturity(con, pack.as_of)
        overview = department_overview(con, pack.as_of)
    maturity = next(section for section in pack.sections if section.key == "maturity")
    assert maturity.paragraphs[0].startswith(f"全社の成熟度 {ratio(company.maturity, 1)}")
    assert [row[0] for row in maturity.table[1:]] == [t(f"department.{d}", "ja") for d in overview["department"]]
    assert [row[1] for row in maturity.table[1:]] == [ratio(level, 1) for level in overview["level"]]


def test_no_assessment_no_maturity_section(pack_db):
    _, pack = generate_board_pack(pack_db, "pdf", "en", AS_OF, store=False)
    assert "maturity" not in [section.key for section in pack.sections]  # the hand-built warehouse has none
