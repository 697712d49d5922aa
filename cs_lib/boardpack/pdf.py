"""The board pack as one A4-landscape PDF (fpdf2), a page per section, IPAex Gothic embedded so the
Japanese text is real text (searchable, extractable), charts as the app's specs rendered to PNG."""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from cs_lib.boardpack.content import BoardPack, Section
from cs_lib.boardpack.render import chart_png, japanese_font_path

FONT = "IPAexG"
MARGIN = 12  # mm
TEXT_COLOUR = (31, 35, 40)
MUTED = (75, 80, 88)


def board_pack_pdf(pack: BoardPack) -> bytes:
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.add_font(FONT, "", str(japanese_font_path()))
    pdf.add_font(FONT, "B", str(japanese_font_path()))  # one weight: headings are larger, not bolder
    pdf.set_title(pack.sections[0].title)
    for section in pack.sections:
        _section_page(pdf, section, cover=section.key == "cover")
    return bytes(pdf.output())


def _section_page(pdf: FPDF, section: Section, cover: bool) -> None:
    pdf.add_page()
    pdf.set_text_color(*TEXT_COLOUR)
    pdf.set_font(FONT, size=28 if cover else 18)
    if cover:
        pdf.ln(45)
    pdf.multi_cell(0, 12 if cover else 9, section.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(FONT, size=14 if cover else 10.5)
    for paragraph in section.paragraphs:
        pdf.multi_cell(0, 7 if cover else 5.5, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    if section.table:
        _table(pdf, section.table, small=section.key == "appendix")
    if section.charts:
        _charts(pdf, section.charts)


def _table(pdf: FPDF, rows: tuple[tuple[str, ...], ...], small: bool) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, size=7.5 if small else 9.5)
    widths = (1, 5) if small and len(rows[0]) == 2 else None
    with pdf.table(headings_style=FontFace(emphasis="", fill_color=(232, 236, 241)), line_height=4 if small else 6,
                   col_widths=widths, text_align="LEFT") as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(str(value))


def _charts(pdf: FPDF, specs: tuple[dict, ...]) -> None:
    """One chart across the page, or two side by side (GRR beside NRR, as in the app)."""
    available_width = pdf.w - 2 * MARGIN
    gap = 6
    width = available_width if len(specs) == 1 else (available_width - gap) / 2
    top = pdf.get_y() + 2
    tallest = 0.0
    for index, spec in enumerate(specs):
        png = chart_png(spec, 1000 if len(specs) == 1 else 640)
        image = pdf.image(io.BytesIO(png), x=MARGIN + index * (width + gap), y=top, w=width,
                          keep_aspect_ratio=True)
        tallest = max(tallest, image.rendered_height)
    pdf.set_y(top + tallest)
