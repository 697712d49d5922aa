"""The board pack as a PowerPoint deck (python-pptx): one slide per section, charts as images (the app's
specs rendered to PNG), each KPI's definition in the slide notes. python-pptx writes only the Latin
typeface; the East Asian one (`<a:ea>`) is set by hand so Japanese shows in IPAex Gothic / Meiryo."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from cs_lib.boardpack.content import BoardPack, Section
from cs_lib.boardpack.render import FONT_FAMILY, chart_png

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
LEFT, TOP = Inches(0.5), Inches(1.3)
BODY_WIDTH = SLIDE_WIDTH - 2 * LEFT
TITLE_ONLY_LAYOUT = 5


def board_pack_pptx(pack: BoardPack) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    for section in pack.sections:
        _slide(deck, section)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _slide(deck, section: Section) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    slide.shapes.title.text = section.title
    slide.shapes.title.left, slide.shapes.title.top = LEFT, Inches(0.3)
    slide.shapes.title.width, slide.shapes.title.height = BODY_WIDTH, Inches(0.9)
    _east_asian(slide.shapes.title.text_frame, Pt(30))
    top = TOP
    if section.paragraphs:
        box = slide.shapes.add_textbox(LEFT, top, BODY_WIDTH, Inches(0.4) * len(section.paragraphs))
        box.text_frame.word_wrap = True
        for index, paragraph in enumerate(section.paragraphs):
            target = box.text_frame.paragraphs[0] if index == 0 else box.text_frame.add_paragraph()
            target.text = paragraph
        _east_asian(box.text_frame, Pt(14))
        top += box.height + Inches(0.1)
    if section.table:
        top += _table(slide, section.table, top)
    if section.charts:
        _charts(slide, section.charts, top)
    if section.notes:
        slide.notes_slide.notes_text_frame.text = section.notes


def _table(slide, rows: tuple[tuple[str, ...], ...], top) -> Emu:
    small = len(rows) > 12
    height = Inches(0.26 if small else 0.4) * len(rows)
    shape = slide.shapes.add_table(len(rows), len(rows[0]), LEFT, top, BODY_WIDTH, height)
    for row_index, row in enumerate(rows):
        for column_index, value in enumerate(row):
            cell = shape.table.cell(row_index, column_index)
            cell.text = str(value)
            _east_asian(cell.text_frame, Pt(9 if small else 12))
    return height + Inches(0.1)


def _charts(slide, specs: tuple[dict, ...], top) -> None:
    gap = Inches(0.3)
    width = BODY_WIDTH if len(specs) == 1 else int((BODY_WIDTH - gap) / 2)
    for index, spec in enumerate(specs):
        png = chart_png(spec, 1000 if len(specs) == 1 else 640)
        picture = slide.shapes.add_picture(io.BytesIO(png), LEFT + index * (width + gap), top, width=width)
        available = SLIDE_HEIGHT - top - Inches(0.3)
        if picture.height > available:  # a tall chart: fit the height instead, keeping its proportions
            picture.width = int(picture.width * available / picture.height)
            picture.height = available


def _east_asian(text_frame, size) -> None:
    """Every run in the size and both typefaces: Latin and the East Asian `<a:ea>`."""
    for paragraph in text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = size
            run.font.name = FONT_FAMILY
            properties = run._r.get_or_add_rPr()
            east_asian = properties.find(qn("a:ea"))
            if east_asian is None:
                east_asian = properties.makeelement(qn("a:ea"), {})
                properties.append(east_asian)
            east_asian.set("typeface", FONT_FAMILY)
