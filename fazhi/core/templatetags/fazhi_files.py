"""Template tags for any detail page: ``{% load fazhi_files %}``

    {% record_attachments obj %}   the record's attachments with the upload form
    {% record_history obj %}       the record's history (修改记录) from the audit trail
"""
from django import template

from fazhi.core.history import record_history as _record_history

register = template.Library()


@register.inclusion_tag("core/files/_attachments.html", takes_context=True)
def record_attachments(context, obj):
    from fazhi.core.views_attachments import attachments_context

    request = context["request"]
    ctx = attachments_context(request.user, obj)
    ctx["request"] = request
    return ctx


@register.inclusion_tag("core/files/_history.html", takes_context=True)
def record_history(context, obj):
    return _record_history(obj, context["request"].user)
