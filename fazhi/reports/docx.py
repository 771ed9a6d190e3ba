"""The annual report as a Word document laid out per GB/T 9704-2012 《党政机关公文格式》 (python-docx).

- A4 (210 × 297 mm); 版心 156 × 225 mm: top margin 37 mm, left 28 mm (so right 26 mm, bottom 35 mm).
- 22 lines of 28 characters: exact line spacing of 225 mm / 22 (28.99 pt) and a character spacing of
  −0.25 pt on the 16 pt body text (28 × 15.75 pt = 441 pt ≤ 156 mm = 442.2 pt < 29 characters). A Word
  document grid (``w:docGrid`` linesAndChars) would say the same, but LibreOffice lays such a grid out
  as square cells (16 characters a line), so the layout is fixed by spacing, which both render alike.
- Title 2号 (22 pt) 方正小标宋简体, centred; body 3号 (16 pt) 仿宋_GB2312; first-level headings (一、)
  黑体, second-level (（一）) 楷体_GB2312, each 3号; paragraphs indented by two characters.
- Page numbers "— 1 —" in 4号 (14 pt) 宋体, one character from the outside edge: odd pages right,
  even pages left (separate even-page footer).
- 成文日期 and the issuing body right-aligned, four characters from the right edge.

The fonts are named in the document even where this machine lacks them, so a government PC with
the standard fonts renders it as specified (LibreOffice substitutes them here; see the README).
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from fazhi.reports.choices import Level
from fazhi.reports.render import Rendered, render_report, signed_text

FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XBS = "方正小标宋简体"
SONG = "宋体"
LATIN = "Times New Roman"

BODY_PT = 16          # 3号
TITLE_PT = 22         # 2号
PAGE_NO_PT = 14       # 4号
TYPE_W_MM, TYPE_H_MM = 156, 225
LINES, CHARS = 22, 28
LINE_PITCH = Emu(Mm(TYPE_H_MM) / LINES)                                   # 28.99 pt
CHAR_SPACING_TWENTIETHS = -5                                              # −0.25 pt: 28 characters a line


def _fonts(run_or_style, east_asia: str, size_pt: float, bold: bool = False) -> None:
    font = run_or_style.font
    font.name = LATIN
    font.size = Pt(size_pt)
    font.bold = bold
    rpr = run_or_style._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi"):
        rfonts.set(qn(attr), LATIN)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), east_asia)


def _char_spacing(rpr) -> None:
    el = rpr.find(qn("w:spacing"))
    if el is None:
        el = OxmlElement("w:spacing")
        rpr.append(el)
    el.set(qn("w:val"), str(CHAR_SPACING_TWENTIETHS))


def _exact_spacing(paragraph_format) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = LINE_PITCH
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.left_margin = Mm(37), Mm(28)
    section.right_margin = Mm(210 - 28 - TYPE_W_MM)           # 26 mm
    section.bottom_margin = Mm(297 - 37 - TYPE_H_MM)          # 35 mm
    section.header_distance = Mm(15)
    section.footer_distance = Mm(24)                          # 一字线 about 7 mm below the type area
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is not None:  # no document grid (see the module docstring)
        sect_pr.remove(grid)
    # Default (Normal) style: 3号仿宋, exact line pitch, 28 characters a line.
    normal = doc.styles["Normal"]
    _fonts(normal, FANGSONG, BODY_PT)
    _char_spacing(normal._element.get_or_add_rPr())
    _exact_spacing(normal.paragraph_format)
    ppr = normal._element.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no extra space between Chinese and digits
        el = OxmlElement(tag)
        el.set(qn("w:val"), "0")
        ppr.append(el)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            for tag in ("w:sz", "w:szCs"):
                el = rpr.find(qn(tag))
                if el is None:
                    el = OxmlElement(tag)
                    rpr.append(el)
                el.set(qn("w:val"), str(BODY_PT * 2))
    _page_numbers(doc, section)


def _field(paragraph, instr: str) -> None:
    for kind, text in (("begin", None), (None, instr), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        _fonts(run, SONG, PAGE_NO_PT)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == instr:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = f" {instr} "
            run._r.append(it)
        else:
            run.text = text


def _page_number_paragraph(footer, align) -> None:
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = align
    pf = p.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    # 单页码居右空一字，双页码居左空一字 (GB/T 9704-2012 7.5).
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        pf.right_indent = Pt(PAGE_NO_PT)
    else:
        pf.left_indent = Pt(PAGE_NO_PT)
    for text in ("— ",):
        _fonts(p.add_run(text), SONG, PAGE_NO_PT)
    _field(p, "PAGE")
    _fonts(p.add_run(" —"), SONG, PAGE_NO_PT)


def _page_numbers(doc, section) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    _page_number_paragraph(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)          # odd pages
    section.even_page_footer.is_linked_to_previous = False
    _page_number_paragraph(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)  # even pages


def _body_paragraph(doc, indent: bool = True):
    p = doc.add_paragraph()
    _exact_spacing(p.paragraph_format)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        p.paragraph_format.first_line_indent = Pt(BODY_PT * 2)
    return p


def _body_run(p, text: str, east_asia: str):
    run = p.add_run(text)
    _fonts(run, east_asia, BODY_PT)
    _char_spacing(run._element.get_or_add_rPr())
    return run


def _segments(p, segments, east_asia: str) -> None:
    for seg in segments:
        run = _body_run(p, seg.text, east_asia)
        if seg.missing:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _split(segments):
    """Segments split into lines at the newlines inside the text (a block may hold several paragraphs)."""
    lines, current = [], []
    for seg in segments:
        parts = seg.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append(current)
                current = []
            if part:
                current.append(type(seg)(part, seg.code, seg.missing))
    lines.append(current)
    return [line for line in lines if line]


def _width(text: str) -> float:
    """Width in characters of 3号: Chinese characters 1, digits and Latin letters about 1/2."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def build_document(rendered: Rendered):
    doc = Document()
    _page_setup(doc)
    # Title (2号小标宋, centred), then one blank line.
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = title.paragraph_format.space_after = Pt(0)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(35)
    _fonts(title.add_run(rendered.title), XBS, TITLE_PT)
    _body_paragraph(doc, indent=False)
    for para in rendered.paragraphs:
        lines = _split(para.segments)
        if para.level == Level.HEADING:
            p = _body_paragraph(doc)
            _body_run(p, f"{para.number}{para.heading}", HEITI)
            for line in lines:
                _segments(_body_paragraph(doc), line, FANGSONG)
        elif para.level == Level.ITEM:
            p = _body_paragraph(doc)
            _body_run(p, f"{para.number}{para.heading}", KAITI)
            if lines:
                _segments(p, lines[0], FANGSONG)
            for line in lines[1:]:
                _segments(_body_paragraph(doc), line, FANGSONG)
        else:
            for line in lines:
                _segments(_body_paragraph(doc), line, FANGSONG)
    # Signature: two blank lines, then the issuing body and 成文日期, right-aligned, 4 characters in.
    _body_paragraph(doc, indent=False)
    _body_paragraph(doc, indent=False)
    # GB/T 9704-2012 7.3.5.2: 成文日期右空四字; the issuing body centred over the date.
    date = signed_text(rendered.signed_on)
    centre = 4 + _width(date) / 2
    for text, indent in ((rendered.issuer, max(0.0, centre - _width(rendered.issuer) / 2)), (date, 4)):
        if not text:
            continue
        p = _body_paragraph(doc, indent=False)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(BODY_PT * indent)
        _body_run(p, text, FANGSONG)
    props = doc.core_properties
    props.title = rendered.title
    props.author = rendered.issuer
    return doc


def render_annual_report(report, rendered: Rendered | None = None) -> bytes:
    """The report as DOCX bytes (figures computed from the records at this moment)."""
    doc = build_document(rendered or render_report(report))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def docx_text(data: bytes) -> str:
    """The text of a DOCX, paragraph by paragraph (what the figures test reads)."""
    doc = Document(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs)
