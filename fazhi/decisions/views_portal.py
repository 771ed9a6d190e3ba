"""Public portal pages: the published catalogs, consultations and their comments.

Anyone may read and comment; names and contacts are optional and never shown in full. Spam
resistance without third-party services:
- a honeypot field (``website``) hidden from people; a filled one is silently dropped;
- a signed form timestamp: submissions faster than ``DECISIONS_COMMENT_MIN_SECONDS`` (default 3)
  or older than 2 hours are refused;
- a per-client counter in the cache: at most ``DECISIONS_COMMENT_RATE`` (default 5) comments per
  hour from one address (stored only as an HMAC digest);
- the same text twice on the same decision is refused.
Every comment waits for moderation before it is shown.
"""
from __future__ import annotations

import hashlib
import hmac
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from fazhi.core.auth import client_ip
from fazhi.decisions import selectors as sel
from fazhi.decisions import services as sv
from fazhi.decisions.choices import CommentStatus
from fazhi.decisions.models import Decision
from fazhi.lib.masking import mask_name, mask_text

SALT = "decisions.comment"
MAX_AGE = 2 * 3600


def _min_seconds() -> int:
    return int(getattr(settings, "DECISIONS_COMMENT_MIN_SECONDS", 3))


def _rate() -> int:
    return int(getattr(settings, "DECISIONS_COMMENT_RATE", 5))


def client_hash(request) -> str:
    ip = client_ip(request)  # REMOTE_ADDR only, as for login throttling (X-Forwarded-For is client-set)
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


class CommentForm(forms.Form):
    body = forms.CharField(label="您的意见", max_length=3000, min_length=5, widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": "请填写意见内容。", "min_length": "意见内容至少5个字。",
                                           "max_length": "意见内容最多3000字。"})
    name = forms.CharField(label="姓名（选填，公开时只显示姓氏）", max_length=32, required=False)
    contact = forms.CharField(label="联系方式（选填，不公开）", max_length=64, required=False)
    website = forms.CharField(label="请勿填写此项", required=False)
    ts = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_ts(self):
        value = self.cleaned_data.get("ts") or ""
        try:
            signing.TimestampSigner(salt=SALT).unsign(value, max_age=MAX_AGE)
        except signing.SignatureExpired:
            raise ValidationError("页面停留时间过长，请刷新页面后重新提交。")
        except signing.BadSignature:
            raise ValidationError("表单已失效，请刷新页面后重新提交。")
        return value

    def fill_seconds(self) -> float:
        """Seconds between rendering the form and submitting it (from the signed timestamp)."""
        value = self.cleaned_data.get("ts") or ""
        try:
            return time.time() - signing.b62_decode(value.split(":")[1])
        except (IndexError, ValueError):
            return 0.0


def new_token() -> str:
    return signing.TimestampSigner(salt=SALT).sign("comment")


def _public_decision(code) -> Decision:
    d = sel.public_decisions().filter(code=code).select_related("organization").first()
    if d is None:
        raise Http404("未找到该决策事项。")
    return d


@require_safe
def index(request):
    catalogs = sel.public_catalogs().annotate(n_items=Count("items", filter=Q(items__removed=False)))
    decisions = sel.public_decisions().select_related("organization").annotate(
        n_comments=Count("comments", filter=Q(comments__status=CommentStatus.PUBLISHED))).order_by(
        "-comment_opens_on", "-id")
    open_now = [d for d in decisions if sv.consultation_open(d)]
    return render(request, "decisions/portal_index.html", {
        "catalogs": catalogs, "open_now": open_now, "decisions": [d for d in decisions if d not in open_now][:50]})


@require_safe
def catalog(request, code):
    cat = sel.public_catalogs().filter(code=code).first()
    if cat is None:
        raise Http404("未找到该目录。")
    return render(request, "decisions/portal_catalog.html", {
        "cat": cat, "items": cat.items.select_related("decision").order_by("seq", "id"),
        "changes": cat.changes.select_related("item")})


def _decision_page(request, d, form=None, status=200, thanks=False):
    comments = [{"name": mask_name(c.name) if c.name else "匿名", "body": mask_text(c.body), "at": c.submitted_at,
                 "adoption": c.get_adoption_display() if c.adoption else "", "note": c.adoption_note}
                for c in sel.public_comments(d)]
    return render(request, "decisions/portal_decision.html", {
        "d": d, "comments": comments, "open": sv.consultation_open(d), "form": form or CommentForm(initial={"ts": new_token()}),
        "thanks": thanks or request.GET.get("sent") == "1",
    }, status=status)


@require_safe
def decision(request, code):
    return _decision_page(request, _public_decision(code))


@require_http_methods(["POST"])
def comment(request, code):
    d = _public_decision(code)
    form = CommentForm(request.POST)
    if not sv.consultation_open(d):
        form.is_valid()
        form.add_error(None, "该事项当前不在公开征求意见期内。")
        return _decision_page(request, d, form, status=400)
    if not form.is_valid():
        for message in form.errors.pop("ts", []):  # a hidden field: show its error on top
            form.add_error(None, message)
        form.data = form.data.copy()
        form.data["ts"] = new_token()
        return _decision_page(request, d, form, status=400)
    data = form.cleaned_data
    if data["website"]:
        return redirect(f"{request.path.rsplit('comment/', 1)[0]}?sent=1")  # honeypot: pretend success
    if form.fill_seconds() < _min_seconds():
        form.add_error(None, "提交过快，请阅读草案后再提交意见。")
        return _decision_page(request, d, form, status=400)
    who = client_hash(request)
    key = f"decisions:comment-rate:{who}"
    count = cache.get(key, 0)
    if count >= _rate():
        form.add_error(None, "您提交意见过于频繁，请一小时后再试。")
        return _decision_page(request, d, form, status=429)
    if d.comments.filter(body=data["body"].strip()).exists():
        form.add_error("body", "相同内容的意见已经提交，请勿重复提交。")
        return _decision_page(request, d, form, status=400)
    try:
        sv.comment_submit(decision=d, body=data["body"], name=data["name"], contact=data["contact"], client_hash=who,
                          request_id=getattr(request, "request_id", ""))
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _decision_page(request, d, form, status=400)
    if not cache.add(key, 1, 3600):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, 3600)
    return redirect(f"{request.path.rsplit('comment/', 1)[0]}?sent=1")

