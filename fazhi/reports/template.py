"""Report templates: the block markup (``data/*.txt``) and the standard skeleton of a new report.

Markup, one block per ``@`` line (the text below it, up to the next ``@`` line, is the block's body)::

    @title 同心县2021年法治政府建设工作报告      (report fields: @title @issuer @signed @submitted_to)
    @p intro                                      a paragraph of part ``intro``
    @h1 achievements 推进法治政府建设主要工作和成效    a first-level heading (一、)
    @h2 achievements 坚持党的领导，法治政府建设深入推进。  a second-level lead (（一）) + its paragraph

Figures are placeholders (``{{code}}``, see :mod:`fazhi.reports.render`), never digits.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.reports.choices import Level, Part

DATA = Path(__file__).with_name("data")
LEVELS = {"@p": Level.PARAGRAPH, "@h1": Level.HEADING, "@h2": Level.ITEM}


@dataclass
class BlockSpec:
    part: str
    level: int
    heading: str = ""
    body: str = ""


@dataclass
class TemplateSpec:
    meta: dict[str, str] = field(default_factory=dict)
    blocks: list[BlockSpec] = field(default_factory=list)

    @property
    def signed_on(self) -> datetime.date | None:
        value = self.meta.get("signed")
        return datetime.date.fromisoformat(value) if value else None


def parse(text: str) -> TemplateSpec:
    spec = TemplateSpec()
    current: BlockSpec | None = None
    body: list[str] = []

    def close():
        if current is not None:
            current.body = "\n".join(line for line in body if line.strip()).strip()
            spec.blocks.append(current)

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("#"):
            continue
        head, _, rest = line.partition(" ")
        if head in LEVELS:
            close()
            part, _, heading = rest.partition(" ")
            if part not in Part.values:
                raise ValueError(f"未知的报告部分：{part}")
            current, body = BlockSpec(part=part, level=LEVELS[head], heading=heading.strip()), []
        elif head in ("@title", "@issuer", "@signed", "@submitted_to"):
            spec.meta[head[1:]] = rest.strip()
        elif current is not None:
            body.append(line)
    close()
    return spec


def load(name: str) -> TemplateSpec:
    return parse((DATA / f"{name}.txt").read_text(encoding="utf-8"))


def standard(year: int, county_name: str) -> TemplateSpec:
    """The skeleton of a new report: the 督察工作规定's parts and, for 一, the figure sentences of the
    seed's wording bound to indicators (the officer writes the prose around them)."""
    return load("standard")
