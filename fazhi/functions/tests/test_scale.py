"""The scale hook copies the demo's records (factor × volumes) without breaking uniqueness."""
import random

import pytest

from fazhi.core.models import Organization
from fazhi.demo.loader import load_demo
from fazhi.functions import demo_records, scale
from fazhi.functions.models import CreditRecord, Disclosure, PowerItem


@pytest.mark.django_db
def test_generate_doubles_the_volumes():
    load_demo()
    demo_records.load()
    gov = Organization.objects.get(name="同心县人民政府", kind="government")
    before = {m: m.objects.count() for m in (PowerItem, Disclosure, CreditRecord)}
    counts = scale.generate(gov, 1, random.Random(7))
    for model, n in before.items():
        assert counts[model._meta.label] == n
        assert model.objects.count() == 2 * n
    assert CreditRecord.objects.filter(document_number__endswith="-S1").count() == before[CreditRecord]
