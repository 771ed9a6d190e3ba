"""Resolve a report's blocks into numbered paragraphs with figures computed from the records.

Placeholders in block text:

- ``{{code}}`` — the value of indicator ``code`` for the report's organization and year;
- ``{{code|floor}}`` — rounded down to a whole number (the seed's "超过86%");
- ``{{code|all=OTHER}}`` — "全部" when the value equals indicator OTHER's, else "其中N件";
- ``{{titles:code}}`` — the titles of the records behind ``code`` (《…》《…》, 顿号 between plain names).

An indicator that is not registered (its module is not installed yet) renders as
"【缺少指标：code】" — the system never invents a figure — and is listed in ``missing``.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from fazhi.core.indicators import _REGISTRY, autodiscover, compute_map, scope_ids, year_bounds
from fazhi.reports.choices import Level

PLACEHOLDER = re.compile(r"\{\{\s*(?:(?P<kind>titles):)?(?P<code>[a-z_]+\.[a-z0-9_]+)\s*(?:\|(?P<filter>[a-z]+)(?:=(?P<arg>[a-z_]+\.[a-z0-9_]+))?)?\s*\}\}")
CN_NUM = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    if n <= 10:
        return CN_NUM[n - 1]
    if n < 20:
        return "十" + CN_NUM[n - 11]
    return CN_NUM[n // 10 - 1] + "十" + (CN_NUM[n % 10 - 1] if n % 10 else "")


def format_value(value) -> str:
    """A figure as the report writes it: 708, 100 (for 100.0%), 4.97, 5830."""
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    return str(value)


def codes_in(text: str) -> set[str]:
    out = set()
    for m in PLACEHOLDER.finditer(text or ""):
        out.add(m.group("code"))
        if m.group("arg"):
            out.add(m.group("arg"))
    return out


def _titles(qs) -> list[str]:
    model = qs.model
    names: list[str] = []
    date_fields = [f.name for f in model._meta.concrete_fields if f.get_internal_type() == "DateField"]
    rows = qs.order_by(*(date_fields[:1] or ["pk"]), "pk")
    for obj in rows:
        items = obj.topic_list() if hasattr(obj, "topic_list") else [getattr(obj, "title", None) or str(obj)]
        for item in items:
            if item not in names:
                names.append(item)
    return names


def join_titles(names: list[str]) -> str:
    out = ""
    for i, name in enumerate(names):
        if i and not (names[i - 1].endswith("》") and name.startswith("《")):
            out += "、"
        out += name
    return out


@dataclass
class Segment:
    text: str
    code: str = ""          # the indicator behind the text (a figure) — "" for prose
    missing: bool = False


@dataclass
class Paragraph:
    level: int
    part: str
    number: str             # "一、" / "（一）" / ""
    heading: str
    segments: list[Segment]
    block_id: int | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass
class Rendered:
    title: str
    issuer: str
    signed_on: object
    paragraphs: list[Paragraph]
    values: dict[str, object] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def plain_text(self) -> str:
        lines = [self.title]
        for p in self.paragraphs:
            lines.append(f"{p.number}{p.heading}{p.text}")
        lines += [self.issuer, signed_text(self.signed_on)]
        return "\n".join(lines)


def signed_text(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


class Resolver:
    """Computes every figure a report needs in one pass (``compute_map`` over the codes used)."""

    def __init__(self, organization, year: int, texts: list[str]):
        autodiscover()
        self.organization, self.year = organization, year
        codes = set()
        for t in texts:
            codes |= codes_in(t)
        self.missing = sorted(c for c in codes if c not in _REGISTRY)
        self.values = compute_map(organization, year, sorted(c for c in codes if c in _REGISTRY))
        self._orgs = None

    def titles(self, code: str) -> list[str]:
        if self._orgs is None:
            self._orgs = scope_ids(self.organization)
        return _titles(_REGISTRY[code].records(self._orgs, *year_bounds(self.year)))

    def segments(self, text: str) -> list[Segment]:
        out: list[Segment] = []
        pos = 0
        for m in PLACEHOLDER.finditer(text or ""):
            if m.start() > pos:
                out.append(Segment(text[pos:m.start()]))
            pos = m.end()
            code, kind, flt, arg = m.group("code"), m.group("kind"), m.group("filter"), m.group("arg")
            if code not in self.values or (arg and arg not in self.values):
                out.append(Segment(f"【缺少指标：{code if code not in self.values else arg}】", code, missing=True))
                continue
            value = self.values[code]
            if kind == "titles":
                out.append(Segment(join_titles(self.titles(code)), code))
            elif flt == "floor":
                out.append(Segment(str(math.floor(value)), code))
            elif flt == "all":
                out.append(Segment("全部" if value == self.values[arg] else f"其中{format_value(value)}件", code))
            else:
                out.append(Segment(format_value(value), code))
        if pos < len(text or ""):
            out.append(Segment(text[pos:]))
        return out


def number_blocks(blocks) -> list[tuple[object, str]]:
    """(block, number) with 一、 for headings and （一） for items (items restart under each heading)."""
    h1 = h2 = 0
    out = []
    for b in blocks:
        if b.level == Level.HEADING:
            h1, h2 = h1 + 1, 0
            out.append((b, f"{cn_number(h1)}、"))
        elif b.level == Level.ITEM:
            h2 += 1
            out.append((b, f"（{cn_number(h2)}）"))
        else:
            out.append((b, ""))
    return out


def render_report(report, blocks=None, extra_texts=()) -> Rendered:
    blocks = list(blocks if blocks is not None else report.blocks.all())
    resolver = Resolver(report.organization, report.year, [b.body for b in blocks] + list(extra_texts))
    paragraphs = [
        Paragraph(level=b.level, part=b.part, number=number, heading=b.heading, segments=resolver.segments(b.body),
                  block_id=getattr(b, "pk", None))
        for b, number in number_blocks(blocks)
    ]
    return Rendered(title=report.title, issuer=report.issuer, signed_on=report.signed_on, paragraphs=paragraphs,
                    values=resolver.values, missing=resolver.missing)
