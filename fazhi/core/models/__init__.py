from fazhi.core.models.attachments import Attachment, Blob
from fazhi.core.models.audit import AppendOnlyError, AuditChainHead, AuditEvent
from fazhi.core.models.base import BaseModel, OrgOwnedModel
from fazhi.core.models.calendar import Deadline, DeadlineRule, Holiday, HolidayYear
from fazhi.core.models.orgs import Membership, Organization, Region, User
from fazhi.core.models.tokens import ApiToken

__all__ = [
    "ApiToken", "AppendOnlyError", "Attachment", "AuditChainHead", "AuditEvent", "BaseModel", "Blob",
    "Deadline", "DeadlineRule", "Holiday", "HolidayYear", "Membership", "OrgOwnedModel", "Organization",
    "Region", "User",
]
