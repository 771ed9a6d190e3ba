"""Attachment pages and partials (namespace ``files``), and a record's history partial.

Each view: validate (form) → scoped fetch → one service call → respond. htmx requests get the
partial back (``core/files/_attachments.html`` / ``_history.html``); plain requests a redirect or a
full page, so everything also works without JavaScript.
"""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from fazhi.core.attachments import (
    ALLOWED_SUMMARY,
    attachment_download,
    attachment_get,
    attachment_list,
    attachment_summary,
    attachment_upload,
    attachment_withdraw,
    target_ref,
)
from fazhi.core.history import record_history, resolve_record
from fazhi.core.scoping import can_write, writable_orgs


class UploadForm(forms.Form):
    file = forms.FileField(label="文件", error_messages={"required": "请选择要上传的文件。", "empty": "文件为空。"})
    description = forms.CharField(label="说明", max_length=255, required=False)
    organization = forms.UUIDField(label="所属单位", required=False)
    target_type = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    target_id = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    next = forms.CharField(max_length=500, required=False, widget=forms.HiddenInput)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回原因", max_length=500, error_messages={"required": "请填写撤回原因。"})
    next = forms.CharField(max_length=500, required=False, widget=forms.HiddenInput)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _safe_next(request: HttpRequest, value: str | None, default: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return value
    return default


def _rows(user, qs):
    return [{"a": a, "info": attachment_summary(a), "can_withdraw": not a.withdrawn and can_write(user, a.organization)}
            for a in qs]


def attachments_context(user, obj=None, *, errors=None, withdraw_errors=None, form_data=None) -> dict:
    """Context for ``core/files/_attachments.html`` (a record's attachments and the upload form)."""
    if obj is not None:
        target_type, target_id = target_ref(obj)
        from fazhi.core.attachments import _org_of

        org = _org_of(obj)
        can_upload = org is not None and can_write(user, org)
        qs = attachment_list(actor=user, target=obj)
        orgs = []
    else:
        target_type = target_id = ""
        orgs = list(writable_orgs(user).order_by("path"))
        can_upload = bool(orgs)
        qs = attachment_list(actor=user)[:50]
    return {"files": {
        "rows": _rows(user, qs), "target_type": target_type, "target_id": target_id,
        "dom_id": f"attachments-{target_id or 'all'}", "can_upload": can_upload, "orgs": orgs,
        "errors": errors or [], "withdraw_errors": withdraw_errors or [], "data": form_data or {},
        "allowed": ALLOWED_SUMMARY,
    }}


def _errors(exc: ValidationError) -> list[str]:
    if hasattr(exc, "message_dict"):
        return [m for msgs in exc.message_dict.values() for m in msgs]
    return list(exc.messages)


@login_required
@require_GET
def attachment_index(request: HttpRequest) -> HttpResponse:
    """All attachments the user may see (paginated), with an upload form for their organizations."""
    page = Paginator(attachment_list(actor=request.user), 50).get_page(request.GET.get("page"))
    ctx = attachments_context(request.user)
    ctx["files"]["rows"] = _rows(request.user, page.object_list)
    ctx["page"] = page
    return render(request, "core/files/index.html", ctx)


@login_required
@require_GET
def record_attachments(request: HttpRequest, target_type: str, target_id: str) -> HttpResponse:
    obj = resolve_record(request.user, target_type, target_id)
    return render(request, "core/files/_attachments.html", attachments_context(request.user, obj))


# Room for the other form fields and multipart boundaries on top of the file itself.
_FORM_OVERHEAD = 64 * 1024


@csrf_exempt  # CSRF is checked by _upload: the size check below must run before the body is read
@login_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    """Refuse an oversize upload from its Content-Length, before Django receives the body."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.ATTACHMENT_MAX_BYTES + _FORM_OVERHEAD:
        from fazhi.core.attachments import _too_big

        errors = _errors(_too_big(settings.ATTACHMENT_MAX_BYTES))
        ctx = attachments_context(request.user, None, errors=errors)
        response = render(request, "core/files/_attachments.html", ctx, status=200 if _is_htmx(request) else 413)
        response["Connection"] = "close"
        return response
    return _upload(request)


@csrf_protect
def _upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    obj = None
    errors: list[str] = []
    if form.is_valid():
        cd = form.cleaned_data
        if cd["target_type"]:
            obj = resolve_record(request.user, cd["target_type"], cd["target_id"])
        organization = None
        if cd["organization"]:
            organization = writable_orgs(request.user).filter(code=cd["organization"]).first()
            if organization is None:
                errors.append("请选择您可以上传附件的单位。")
        elif obj is None:
            errors.append("请选择附件所属单位。")
        if not errors:
            try:
                attachment_upload(actor=request.user, organization=organization, file=cd["file"], target=obj,
                                  description=cd["description"], request_id=getattr(request, "request_id", ""))
            except ValidationError as exc:
                errors = _errors(exc)
    else:
        if form.data.get("target_type"):
            obj = resolve_record(request.user, form.data.get("target_type", ""), form.data.get("target_id", ""))
        errors = [m for msgs in form.errors.values() for m in msgs]
    # htmx (2.x) does not swap 4xx responses: partial re-renders with errors are sent as 200.
    status = 400 if errors and not _is_htmx(request) else 200
    if _is_htmx(request) or errors:
        ctx = attachments_context(request.user, obj, errors=errors, form_data=form.data)
        if obj is None and not _is_htmx(request):
            page = Paginator(attachment_list(actor=request.user), 50).get_page(1)
            ctx["files"]["rows"] = _rows(request.user, page.object_list)
            ctx["page"] = page
            return render(request, "core/files/index.html", ctx, status=status)
        return render(request, "core/files/_attachments.html", ctx, status=status)
    return redirect(_safe_next(request, form.cleaned_data.get("next"), reverse("files:index")))


@login_required
@require_GET
def download(request: HttpRequest, code) -> HttpResponse:
    attachment, fh = attachment_download(actor=request.user, code=code, request_id=getattr(request, "request_id", ""))
    response = FileResponse(fh, as_attachment=True, filename=attachment.filename, content_type=attachment.blob.mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def withdraw(request: HttpRequest, code) -> HttpResponse:
    attachment = attachment_get(actor=request.user, code=code, write=True)
    form = WithdrawForm(request.POST)
    errors: list[str] = []
    if form.is_valid():
        try:
            attachment_withdraw(actor=request.user, attachment=attachment, reason=form.cleaned_data["reason"],
                                request_id=getattr(request, "request_id", ""))
        except ValidationError as exc:
            errors = _errors(exc)
    else:
        errors = [m for msgs in form.errors.values() for m in msgs]
    obj = None
    if attachment.target_type:
        try:
            obj = resolve_record(request.user, attachment.target_type, attachment.target_id)
        except Exception:  # the record may have become invisible; fall back to the list
            obj = None
    if _is_htmx(request) and obj is not None:
        return render(request, "core/files/_attachments.html",
                      attachments_context(request.user, obj, withdraw_errors=errors))
    if errors:
        page = Paginator(attachment_list(actor=request.user), 50).get_page(1)
        ctx = attachments_context(request.user, withdraw_errors=errors)
        ctx["files"]["rows"] = _rows(request.user, page.object_list)
        ctx["page"] = page
        return render(request, "core/files/index.html", ctx, status=400)
    return redirect(_safe_next(request, form.cleaned_data.get("next"), reverse("files:index")))


@login_required
@require_GET
def history(request: HttpRequest, target_type: str, target_id: str) -> HttpResponse:
    obj = resolve_record(request.user, target_type, target_id)
    ctx = record_history(obj, request.user)
    template = "core/files/_history.html" if _is_htmx(request) else "core/files/history.html"
    return render(request, template, ctx)
