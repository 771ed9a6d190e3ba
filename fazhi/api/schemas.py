"""In/Out schemas. Inputs forbid unknown fields and strip whitespace; outputs never expose
internal ids (public identifiers: organization ``code`` UUID, region GB/T 2260 ``code``, ``username``)."""
from __future__ import annotations

import datetime
from typing import Optional
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict, field_validator

from fazhi.core.choices import OrgKind, RegionLevel, Role


def refuse_nul(value):
    """Django forms refuse NUL too (ProhibitNullCharactersValidator); PostgreSQL cannot store it."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("不能包含空字符（\\0）。")
    if isinstance(value, (list, tuple, set)):       # e.g. a list of 执法证号
        for item in value:
            refuse_nul(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            refuse_nul(key)
            refuse_nul(item)
    return value


class InSchema(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _refuse_nul(cls, value):
        return refuse_nul(value)


class FilterSchema(Schema):
    model_config = ConfigDict(str_strip_whitespace=True)

    @field_validator("*")
    @classmethod
    def _refuse_nul(cls, value):
        return refuse_nul(value)


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] | None = None


class ErrorOut(Schema):
    error: ErrorDetail


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=500, description="每页条数（1–500）")
    offset: int = Field(0, ge=0, le=1_000_000_000, description="跳过的条数")


class PageMeta(Schema):
    count: int
    limit: int
    offset: int


# --- regions -----------------------------------------------------------------------------

class RegionRef(Schema):
    code: str
    name: str


class RegionOut(Schema):
    code: str
    name: str
    level: str
    level_label: str
    parent: Optional[str] = None

    @staticmethod
    def resolve_level_label(obj) -> str:
        return obj.get_level_display()

    @staticmethod
    def resolve_parent(obj) -> Optional[str]:
        return obj.parent.code if obj.parent_id else None


class RegionFilters(FilterSchema):
    parent: Optional[str] = Field(None, description="上级区划代码")
    level: Optional[RegionLevel] = None
    q: Optional[str] = Field(None, max_length=64, description="名称包含")


class RegionPage(PageMeta):
    items: list[RegionOut]


# --- organizations -----------------------------------------------------------------------

class OrgRef(Schema):
    code: UUID
    name: str


class OrganizationOut(Schema):
    code: UUID
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent: Optional[OrgRef] = None
    region: RegionRef
    credit_code: str
    is_active: bool
    sort_order: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()


class OrganizationFilters(FilterSchema):
    kind: Optional[OrgKind] = None
    parent: Optional[UUID] = Field(None, description="上级单位编码")
    is_active: Optional[bool] = None
    q: Optional[str] = Field(None, max_length=64, description="名称包含")


class OrganizationPage(PageMeta):
    items: list[OrganizationOut]


class OrganizationIn(InSchema):
    name: str = Field(..., min_length=1, max_length=128)
    kind: OrgKind
    region: str = Field(..., min_length=2, max_length=12, description="所在区划代码（GB/T 2260）")
    parent: Optional[UUID] = Field(None, description="上级单位编码；留空为顶级单位（仅法治办管理员）")
    short_name: str = Field("", max_length=32)
    credit_code: str = Field("", max_length=32, description="统一社会信用代码（18位）")
    sort_order: int = Field(0, ge=0)


class OrganizationPatch(InSchema):
    name: Optional[str] = Field(None, min_length=1, max_length=128)
    kind: Optional[OrgKind] = None
    region: Optional[str] = Field(None, min_length=2, max_length=12)
    parent: Optional[UUID] = None
    short_name: Optional[str] = Field(None, max_length=32)
    credit_code: Optional[str] = Field(None, max_length=32)
    is_active: Optional[bool] = None
    sort_order: Optional[int] = Field(None, ge=0)


# --- users ---------------------------------------------------------------------------------

class MembershipOut(Schema):
    organization: OrgRef
    role: str
    role_label: str


class UserOut(Schema):
    username: str
    name: str
    phone: str
    email: str
    is_active: bool
    memberships: list[MembershipOut]


class UserFilters(FilterSchema):
    organization: Optional[UUID] = Field(None, description="单位编码")
    role: Optional[Role] = None
    q: Optional[str] = Field(None, max_length=64, description="用户名或姓名包含")


class UserPage(PageMeta):
    items: list[UserOut]


class UserIn(InSchema):
    username: str = Field(..., min_length=1, max_length=150)
    name: str = Field(..., min_length=1, max_length=64)
    organization: UUID
    roles: list[Role] = Field(..., min_length=1)
    password: Optional[str] = Field(None, min_length=1, max_length=128)
    phone: str = Field("", max_length=32)
    email: str = Field("", max_length=254)


class UserPatch(InSchema):
    name: Optional[str] = Field(None, min_length=1, max_length=64)
    phone: Optional[str] = Field(None, max_length=32)
    email: Optional[str] = Field(None, max_length=254)
    is_active: Optional[bool] = None


class MeOut(Schema):
    username: str
    name: str
    is_superuser: bool
    auth: str
    roles: list[MembershipOut]
    organizations: list[OrgRef]
    visible_organization_count: int
