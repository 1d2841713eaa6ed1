"""Rendering a letter into Word from a template with placeholders.

Word splits typed text into runs wherever formatting, spell-checking or
editing history changed, so "{{nomor}}" may arrive as "{{", "nom", "or}}".
Replacement therefore works on a paragraph's joined text and writes the
result back into the run where each placeholder starts, keeping that run's
formatting. The placeholders are listed in docs/letter-template.md.
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path

from django.conf import settings
from docx import Document
from docx.document import Document as DocumentObject
from docx.table import Table
from docx.text.paragraph import Paragraph

from selaras.sync.letters.content import LetterContent, letter_content
from selaras.sync.models import Recommendation

DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "rekomendasi.docx"
PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+(?:\.[a-z_]+)?)\s*\}\}")
POINT_PREFIX = "butir."


def template_path() -> Path:
    """The administrator's template (setting SELARAS_LETTER_TEMPLATE) or the
    one shipped with Selaras."""
    configured = getattr(settings, "SELARAS_LETTER_TEMPLATE", "")
    return Path(configured) if configured else DEFAULT_TEMPLATE


def replace_in_paragraph(paragraph: Paragraph, values: dict[str, str]) -> None:
    """Replace every known placeholder in the paragraph, across runs.
    Unknown placeholders are left as typed, so a mistake shows in the letter."""
    runs = paragraph.runs
    if not runs:
        return
    texts = [r.text for r in runs]
    joined = "".join(texts)
    if "{{" not in joined:
        return
    matches = [m for m in PLACEHOLDER.finditer(joined) if m.group(1) in values]
    if not matches:
        return
    # Map each character of the joined text to (run index, offset in run).
    owner: list[int] = []
    for index, text in enumerate(texts):
        owner.extend([index] * len(text))
    for match in reversed(matches):
        start, end = match.span()
        first, last = owner[start], owner[end - 1]
        run_start = sum(len(t) for t in texts[:first])
        head = texts[first][: start - run_start]
        last_start = sum(len(t) for t in texts[:last])
        tail = texts[last][end - last_start :]
        if first == last:
            texts[first] = head + values[match.group(1)] + tail
        else:
            texts[first] = head + values[match.group(1)]
            for middle in range(first + 1, last):
                texts[middle] = ""
            texts[last] = tail
    for run, text in zip(runs, texts, strict=True):
        if run.text != text:
            run.text = text  # "\n" becomes a line break inside the run


def _paragraphs_of(container) -> list[Paragraph]:
    found = list(container.paragraphs)
    for table in getattr(container, "tables", []):
        for row in table.rows:
            for cell in row.cells:
                found.extend(_paragraphs_of(cell))
    return found


def _all_containers(document: DocumentObject) -> list:
    containers = [document]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if part is not None and not part.is_linked_to_previous:
                containers.append(part)
    return containers


def _expand_point_rows(document: DocumentObject, content: LetterContent) -> None:
    """A table row holding "{{butir.…}}" placeholders is repeated per point."""
    for table in _tables(document):
        for row in list(table.rows):
            row_text = "".join(p.text for cell in row.cells for p in cell.paragraphs)
            if "{{" not in row_text or not re.search(r"\{\{\s*butir\.", row_text):
                continue
            template = row._tr
            for point in content.butir:
                clone = copy.deepcopy(template)
                template.addprevious(clone)
                values = {f"{POINT_PREFIX}nomor": point.nomor, f"{POINT_PREFIX}teks": point.teks}
                values[f"{POINT_PREFIX}dasar"] = point.dasar
                for cell_el in clone.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
                    replace_in_paragraph(Paragraph(cell_el, row._parent), values)
            template.getparent().remove(template)


def _tables(document: DocumentObject) -> list[Table]:
    tables = []

    def walk(container):
        for table in container.tables:
            tables.append(table)
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(document)
    return tables


def expand_block(paragraph: Paragraph, lines: list[str]) -> None:
    """Replace a paragraph holding only a block placeholder by one paragraph
    per line (keeping its style), or remove it when there are no lines."""
    element = paragraph._p
    for line in lines:
        clone = copy.deepcopy(element)
        element.addprevious(clone)
        para = Paragraph(clone, paragraph._parent)
        runs = para.runs
        if runs:
            runs[0].text = line
            for extra in runs[1:]:
                extra.text = ""
        else:
            para.add_run(line)
    element.getparent().remove(element)


def _block_lines(name: str, content: LetterContent) -> list[str] | None:
    if name == "butir":
        return [f"{p.nomor}. {p.teks}" + (f" (Dasar: {p.dasar})" if p.dasar else "") for p in content.butir]
    if name == "tembusan":
        if not content.tembusan:
            return []
        return ["Tembusan:"] + [f"{i}. {line}" for i, line in enumerate(content.tembusan, start=1)]
    return None


def fill(document: DocumentObject, content: LetterContent) -> DocumentObject:
    _expand_point_rows(document, content)
    values = content.scalars()
    # Inside running text the blocks are joined by line breaks.
    values["butir"] = "\n".join(_block_lines("butir", content) or [])
    values["tembusan"] = "\n".join(_block_lines("tembusan", content) or [])
    for container in _all_containers(document):
        for paragraph in _paragraphs_of(container):
            match = PLACEHOLDER.fullmatch(paragraph.text.strip())
            lines = _block_lines(match.group(1), content) if match else None
            if lines is not None:
                expand_block(paragraph, lines)
            else:
                replace_in_paragraph(paragraph, values)
    return document


def render_docx(letter: Recommendation, template: Path | None = None) -> bytes:
    document = Document(str(template or template_path()))
    fill(document, letter_content(letter))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
