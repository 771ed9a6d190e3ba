"""Scale hook (``fazhi generate``): ``factor`` × the demo's 行政规范性文件 records in ``county``.

The registry (the 15 documents, with their deadlines) is cloned from the demo county
(:func:`fazhi.core.scale.clone_records`; the 三统一 number gets a copy suffix so it stays unique).

The cleanup corpus is a county's archive of documents issued since 1983 (20,984 in the demo county,
the corpus the issue's search figure is measured on). It does not grow with a county's case load, so it
is **not** multiplied: the demo county keeps its own; a synthetic county (``--counties K``) gets one
corpus like the demo's (plausible titles and texts, simhash fingerprints) in a campaign "规模测试" of
its own, bulk-created and indexed for search (``fazhi.core.search``).
"""
from __future__ import annotations

import random

from fazhi.core import search
from fazhi.core.models import Organization
from fazhi.core.scale import Spec, clone_records, demo_county, suffix
from fazhi.normdocs import services as sv
from fazhi.normdocs.demo_records import CRITERIA, SCREENED, generate_corpus
from fazhi.normdocs.models import Campaign, CorpusDoc, NormDoc


def generate(county: Organization, factor: int, rng: random.Random) -> dict[str, int]:
    counts = clone_records(county, factor, rng, [
        Spec(NormDoc, date_field="drafted_on", unique={"reg_number": lambda v, k: suffix(v, k, 40) if v else v}),
    ])
    source = demo_county()
    if source is not None and source.pk == county.pk:
        return counts  # the demo county's corpus is its archive: not multiplied (see the module doc)
    camp = Campaign.objects.create(organization=county, year=2021, title="规模测试：文件清理", corpus_since=1983)
    for i, (text, suggests) in enumerate(CRITERIA, start=1):
        camp.criteria.create(organization=county, seq=i, text=text, suggests=suggests)
    docs = CorpusDoc.objects.bulk_create(generate_corpus(camp, SCREENED, rng), batch_size=2000)
    if not all(d.pk for d in docs):
        docs = list(CorpusDoc.objects.filter(campaign=camp).order_by("-id")[:SCREENED])
    search.index((sv.corpus_entry(d) for d in docs), batch=2000)
    counts["normdocs.campaign"] = counts.get("normdocs.campaign", 0) + 1
    counts["normdocs.criterion"] = counts.get("normdocs.criterion", 0) + len(CRITERIA)
    counts["normdocs.corpusdoc"] = counts.get("normdocs.corpusdoc", 0) + len(docs)
    return counts
