"""Navigation registry of the staff UI (the left-hand menu of ``base.html``).

Modules add their entries at import time (e.g. in ``AppConfig.ready``)::

    from fazhi.core.nav import register_nav
    register_nav("行政执法", "enforcement:index", roles=None, order=200)

An entry whose URL name does not resolve (its module's URLs are not there yet) is skipped, not an
error, so the menu only ever shows pages that exist. ``roles`` limits an entry to users holding one
of those roles (superusers see everything). ``url_name`` may also be a plain path starting with "/".
"""
from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from fazhi.core.choices import Role


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    roles: frozenset[str] | None = None
    order: int = 100
    section: str = ""

    def url(self) -> str | None:
        if self.url_name.startswith("/"):
            return self.url_name
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


_REGISTRY: dict[str, NavEntry] = {}


def register_nav(label: str, url_name: str, roles=None, order: int = 100, section: str = "") -> NavEntry:
    """Add (or replace, keyed by ``url_name``) a menu entry."""
    entry = NavEntry(label=label, url_name=url_name, roles=frozenset(roles) if roles else None, order=order,
                     section=section)
    _REGISTRY[url_name] = entry
    return entry


def unregister_nav(url_name: str) -> None:
    _REGISTRY.pop(url_name, None)


def all_entries() -> list[NavEntry]:
    return sorted(_REGISTRY.values(), key=lambda e: (e.order, e.label))


def nav_for(user, current_path: str = "") -> list[dict]:
    """The entries ``user`` may see, with their URL and whether they are the current page."""
    from fazhi.core.scoping import has_role

    if not getattr(user, "is_authenticated", False):
        return []
    items: list[dict] = []
    for entry in all_entries():
        if entry.roles is not None and not has_role(user, *entry.roles):
            continue
        url = entry.url()
        if url is None:
            continue
        if url == "/":
            active = current_path == "/"
        else:
            active = bool(current_path) and current_path.startswith(url)
        items.append({"label": entry.label, "url": url, "active": active, "section": entry.section})
    return items


# Core entries. Modules still to come (行政执法, 规范性文件, 重大行政决策, 矛盾纠纷化解, 公共法律服务,
# 政府职能, 统筹督察, 年度报告) register their own when they exist.
STAFF = [r.value for r in Role if r != Role.LEADER]
register_nav("工作台", "core:home", order=0)
register_nav("单位管理", "core:org_list", order=10, section="基础数据")
register_nav("用户管理", "core:user_list", order=20, section="基础数据")
register_nav("期限预警", "calendar:board", order=30, section="期限")
register_nav("节假日与期限规则", "calendar:rules", order=40, section="期限")
register_nav("Excel导入导出", "excel:index", roles=STAFF, order=50, section="数据")
register_nav("审计日志", "files:audit", roles=[Role.ADMIN], order=60, section="数据")  # admin only (views_audit)
register_nav("接口文档", "/api/docs", order=90, section="其他")
