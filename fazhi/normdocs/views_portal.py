"""Public portal: the catalog of documents in force (规范性文件目录, searchable, full text), drafts open for
征求意见 (comments taken, anti-spam as for decisions), and published cleanup results.

Only published material: documents published (已公布/已备案/现行有效); drafts only while out for comment;
campaigns only once their results are published. No personal information is shown (reviewers are not named)."""
from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from fazhi.decisions.views_portal import (
    CommentForm,
    _min_seconds,
    _rate,
    client_hash,
    new_token,
)
from fazhi.normdocs import selectors as sel
from fazhi.normdocs import services as sv
from fazhi.normdocs.choices import DocState as S
from fazhi.normdocs.models import CorpusDoc


class NormCommentForm(CommentForm):
    """The decisions portal's comment form (honeypot, signed timestamp) without the contact field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("contact", None)
        self.fields["name"].label = "姓名（选填，不公开）"


@require_safe
def index(request):
    q = (request.GET.get("q") or "").strip()[:100].replace("\x00", "")
    rows, total = None, 0
    if q:
        total, found, _terms = sel.search_records(None, q, public=True, limit=50)
        rows = [(o, snip) for o, _r, snip, _k in found]
        page = None
    else:
        page = Paginator(sel.public_docs().order_by("-published_on", "-id"), 30).get_page(request.GET.get("page"))
    return render(request, "normdocs/portal_index.html", {
        "q": q, "rows": rows, "total": total, "page": page, "drafts": [d for d in sel.public_drafts() if sv.comment_open(d)],
        "campaigns": sel.public_campaigns()})


def _doc_page(request, d, form=None, status=200):
    return render(request, "normdocs/portal_doc.html", {
        "d": d, "open": sv.comment_open(d), "form": form or NormCommentForm(initial={"ts": new_token()}),
        "thanks": request.GET.get("sent") == "1", "S": S}, status=status)


@require_safe
def doc(request, code):
    return _doc_page(request, sel.public_doc(code))


@require_http_methods(["POST"])
def comment(request, code):
    d = sel.public_doc(code)
    form = NormCommentForm(request.POST)
    if not sv.comment_open(d):
        form.is_valid()
        form.add_error(None, "该文件当前不在公开征求意见期内。")
        return _doc_page(request, d, form, status=400)
    if not form.is_valid():
        for message in form.errors.pop("ts", []):
            form.add_error(None, message)
        form.data = form.data.copy()
        form.data["ts"] = new_token()
        return _doc_page(request, d, form, status=400)
    data = form.cleaned_data
    back = f"{request.path.rsplit('comment/', 1)[0]}?sent=1"
    if data["website"]:
        return redirect(back)  # honeypot: pretend success
    if form.fill_seconds() < _min_seconds():
        form.add_error(None, "提交过快，请阅读草案后再提交意见。")
        return _doc_page(request, d, form, status=400)
    key = f"normdocs:comment-rate:{client_hash(request)}"
    if cache.get(key, 0) >= _rate():
        form.add_error(None, "您提交意见过于频繁，请一小时后再试。")
        return _doc_page(request, d, form, status=429)
    try:
        sv.comment_submit(doc=d, body=data["body"], name=data["name"], request_id=getattr(request, "request_id", ""))
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _doc_page(request, d, form, status=400)
    if not cache.add(key, 1, 3600):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, 3600)
    return redirect(back)


@require_safe
def cleanup(request, code):
    c = sel.public_campaigns().filter(code=code).first()
    if c is None:
        raise Http404("未找到该清理结果。")
    funnel = sel.funnel(c)
    outcome = request.GET.get("outcome", "")
    qs = CorpusDoc.objects.filter(campaign=c).exclude(outcome="").order_by("outcome", "-issued_on", "id")
    if outcome in ("keep", "amend", "repeal", "expire"):
        qs = qs.filter(outcome=outcome)
    page = Paginator(qs.only("title", "issuer", "doc_number", "issued_on", "doc_class", "outcome", "outcome_reason"),
                     50).get_page(request.GET.get("page"))
    return render(request, "normdocs/portal_cleanup.html", {"c": c, "funnel": funnel, "summary": sel.summary_text(c, funnel),
                                                             "page": page, "outcome": outcome,
                                                             "query": f"outcome={outcome}" if outcome else ""})
