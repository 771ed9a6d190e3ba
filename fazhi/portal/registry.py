"""Sections of the public portal. Each module adds its public pages at import time::

    from fazhi.portal.registry import register_section
    register_section("公共法律服务", "legalservice_public:points", order=60,
                     description="公共法律服务中心、工作站、工作室")

The portal shows only what is published, with personal information masked
(``fazhi.lib.masking``). Portal pages never reuse staff selectors: each module writes public
selectors that return only published records and public fields.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    order: int = 100
    description: str = ""

    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


_SECTIONS: dict[str, Section] = {}


def register_section(label: str, url_name: str, order: int = 100, description: str = "") -> Section:
    section = Section(label, url_name, order, description)
    _SECTIONS[url_name] = section
    return section


def sections() -> list[Section]:
    return sorted((s for s in _SECTIONS.values() if s.url()), key=lambda s: (s.order, s.label))
