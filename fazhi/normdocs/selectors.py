"""Reads of 行政规范性文件: always through ``fazhi.core.scoping``; search through ``fazhi.core.search``."""
from __future__ import annotations

from django.db.models import Count, Q

from fazhi.core import search
from fazhi.core.scoping import access, scope, visible_orgs
from fazhi.normdocs.choices import DocState as S
from fazhi.normdocs.models import (
    PUBLISHED_STATES,
    Campaign,
    CorpusDoc,
    Criterion,
    Flag,
    NormDoc,
)

KIND_DOC = "normdocs.normdoc"
KIND_CORPUS = "normdocs.corpusdoc"
PUBLIC_STATES = (S.PUBLISHED, S.FILED, S.IN_FORCE)


def docs(user):
    return scope(NormDoc.objects.select_related("organization"), user)


def doc(user, code, *, write=False) -> NormDoc:
    return access(NormDoc.objects.select_related("organization", "reviewer"), user, write=write, code=code)


def campaigns(user):
    return scope(Campaign.objects.select_related("organization"), user).annotate(
        n_docs=Count("docs", distinct=True), n_criteria=Count("criteria", distinct=True)).order_by("-year", "-id")


def campaign(user, code, *, write=False) -> Campaign:
    return access(Campaign.objects.select_related("organization"), user, write=write, code=code)


def criterion(user, code, *, write=False) -> Criterion:
    return access(Criterion.objects.select_related("organization", "campaign"), user, write=write, code=code)


def corpus(user):
    return scope(CorpusDoc.objects.select_related("organization", "campaign"), user)


def corpus_doc(user, code, *, write=False) -> CorpusDoc:
    return access(CorpusDoc.objects.select_related("organization", "campaign", "criterion", "reviewer"), user,
                  write=write, code=code)


def flag(user, code, *, write=False) -> Flag:
    return access(Flag.objects.select_related("organization", "doc"), user, write=write, code=code)


def funnel(c: Campaign) -> dict:
    """Statistics in the seed's shape: screened → selected (policy/normative) → reviewed → outcomes."""
    qs = CorpusDoc.objects.filter(campaign=c)
    agg = qs.aggregate(
        screened=Count("id"),
        policy=Count("id", filter=Q(doc_class="policy")), normative=Count("id", filter=Q(doc_class="normative")),
        reviewed_policy=Count("id", filter=Q(doc_class="policy") & ~Q(outcome="")),
        reviewed_normative=Count("id", filter=Q(doc_class="normative") & ~Q(outcome="")),
        repeal=Count("id", filter=Q(outcome="repeal")), expire=Count("id", filter=Q(outcome="expire")),
        amend=Count("id", filter=Q(outcome="amend")), keep=Count("id", filter=Q(outcome="keep")),
    )
    # Counted apart: a join on the flags would multiply the rows counted above.
    agg["flagged"] = qs.filter(flags__dismissed=False).values("id").distinct().count()
    agg["reviewed"] = agg["reviewed_policy"] + agg["reviewed_normative"]
    agg["criteria"] = c.criteria.count()
    agg["since"] = c.corpus_since
    return agg


def summary_text(c: Campaign, f: dict) -> str:
    return (f"对照{f['criteria']}条清理标准，对{f['since']}年以来的{f['screened']}件文件进行了筛查，审查政策性文件"
            f"{f['reviewed_policy']}件、规范性文件{f['reviewed_normative']}件，废止{f['repeal']}件、宣布失效{f['expire']}件、"
            f"修改{f['amend']}件、保留{f['keep']}件。")


def search_records(user, query: str, *, kinds=(KIND_DOC, KIND_CORPUS), status=None, org_code=None, year=None,
                   category=None, limit=20, offset=0, public=False):
    """Ranked, scoped search. Returns (total, [(obj, rank, snippet_html, kind)], terms).

    ``public=True``: only published documents in force (portal), no user scoping."""
    if public:
        org_ids = None
        kinds = (KIND_DOC,)
        status = list(PUBLIC_STATES)
    else:
        orgs = visible_orgs(user)
        if org_code:
            orgs = orgs.filter(code=org_code)
        org_ids = list(orgs.values_list("id", flat=True))
    res = search.search(query, kinds=list(kinds), org_ids=org_ids, status=status, year=year, category=category,
                        limit=limit, offset=offset)
    by_kind: dict[str, list[int]] = {}
    for h in res.hits:
        by_kind.setdefault(h.kind, []).append(h.obj_id)
    objs = {}
    if by_kind.get(KIND_DOC):
        qs = NormDoc.objects.filter(id__in=by_kind[KIND_DOC]).select_related("organization")
        if public:
            qs = qs.filter(state__in=PUBLIC_STATES, published_on__isnull=False)
        objs.update({(KIND_DOC, o.id): o for o in qs})
    if by_kind.get(KIND_CORPUS):
        objs.update({(KIND_CORPUS, o.id): o for o in CorpusDoc.objects.filter(id__in=by_kind[KIND_CORPUS])
                     .select_related("organization", "campaign")})
    rows = []
    for h in res.hits:
        o = objs.get((h.kind, h.obj_id))
        if o is not None:
            rows.append((o, h.rank, search.highlight(o.text or o.title, res.terms), h.kind))
    return res.total, rows, res.terms


def like_search(user, query: str, limit=20):
    """The naive LIKE '%…%' scan over titles and texts (benchmark baseline)."""
    return list(scope(CorpusDoc.objects.all(), user).filter(Q(title__contains=query) | Q(text__contains=query))
                .order_by("-issued_on")[:limit])


# -- public (portal) reads --------------------------------------------------------------------------

def public_docs():
    return NormDoc.objects.filter(state__in=PUBLIC_STATES, published_on__isnull=False).select_related("organization")


def public_doc(code) -> NormDoc:
    from django.http import Http404
    d = NormDoc.objects.filter(code=code).filter(
        Q(state__in=PUBLISHED_STATES, published_on__isnull=False) | Q(state=S.CONSULTING)).first()
    if d is None:
        raise Http404("未找到该文件。")
    return d


def public_drafts():
    return NormDoc.objects.filter(state=S.CONSULTING).select_related("organization").order_by("-comment_opens_on")


def public_campaigns():
    return Campaign.objects.filter(results_published_on__isnull=False).select_related("organization")
