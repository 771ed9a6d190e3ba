"""Scale hook (``fazhi generate``): ``factor`` × the demo's 行政规范性文件 records in ``county``.

The registry (the 15 documents, with their deadlines) is cloned from the demo county
(:func:`fazhi.core.scale.clone_records`; the 三统一 number gets a copy suffix so it stays unique).
The cleanup corpus (20,984 documents per copy) is generated like the demo's (plausible titles and texts,
simhash fingerprints) into one campaign "规模测试" of the county, bulk-created and indexed for search
(``fazhi.core.search``), so searching and screening can be measured at scale.
"""
from __future__ import annotations

import random

from fazhi.core import search
from fazhi.core.models import Organization
from fazhi.core.scale import Spec, clone_records, suffix
from fazhi.normdocs import services as sv
from fazhi.normdocs.demo_records import CRITERIA, SCREENED, generate_corpus
from fazhi.normdocs.models import Campaign, CorpusDoc, NormDoc


def generate(county: Organization, factor: int, rng: random.Random) -> dict[str, int]:
    counts = clone_records(county, factor, rng, [
        Spec(NormDoc, date_field="drafted_on", unique={"reg_number": lambda v, k: suffix(v, k, 40) if v else v}),
    ])
    camp = Campaign.objects.create(organization=county, year=2021, title=f"规模测试：文件清理（×{factor}）",
                                   corpus_since=1983)
    for i, (text, suggests) in enumerate(CRITERIA, start=1):
        camp.criteria.create(organization=county, seq=i, text=text, suggests=suggests)
    total = 0
    for _copy in range(factor):
        docs = CorpusDoc.objects.bulk_create(generate_corpus(camp, SCREENED, rng), batch_size=2000)
        if not all(d.pk for d in docs):
            docs = list(CorpusDoc.objects.filter(campaign=camp).order_by("-id")[:SCREENED])
        search.index((sv.corpus_entry(d) for d in docs), batch=2000)
        total += len(docs)
    counts["normdocs.campaign"] = counts.get("normdocs.campaign", 0) + 1
    counts["normdocs.criterion"] = counts.get("normdocs.criterion", 0) + len(CRITERIA)
    counts["normdocs.corpusdoc"] = counts.get("normdocs.corpusdoc", 0) + total
    return counts
