"""fazhi generate: N× the demo volumes, realistic distributions, deterministic by seed."""
from __future__ import annotations

import collections
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from fazhi.core import scale
from fazhi.core.audit import verify_chain
from fazhi.core.models import AuditEvent, Deadline, Organization
from fazhi.demo.loader import load_demo
from fazhi.legalservice import demo_records
from fazhi.legalservice.choices import AidStatus
from fazhi.legalservice.models import AidCase, Consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()
    demo_records.load()
    return scale.demo_county()


def _generated(seed: int) -> list[tuple]:
    with transaction.atomic():
        before = set(AidCase.objects.values_list("pk", flat=True))
        scale.generate(scale=3, seed=seed, only=["legalservice"])
        rows = sorted(AidCase.objects.exclude(pk__in=before).values_list("number", "received_on", "status", "code"))
        transaction.set_rollback(True)
    return rows


def test_scale_multiplies_the_demo_volumes_with_seasonality_and_an_overdue_tail(demo):
    aid, consult = AidCase.objects.count(), Consultation.objects.count()
    out = io.StringIO()
    call_command("generate", "--scale", "3", "--only", "legalservice", stdout=out)
    assert AidCase.objects.count() == 3 * aid
    assert Consultation.objects.count() == 3 * consult
    assert "共生成" in out.getvalue()
    copies = Consultation.objects.filter(created_at__isnull=False).exclude(
        pk__in=Consultation.objects.order_by("pk").values("pk")[:consult])
    months = collections.Counter(d.month for d in copies.values_list("consulted_on", flat=True))
    assert months[2] < months[12], f"Spring Festival February below the year-end rush: {months}"
    assert sum(1 for d in copies.values_list("consulted_on", flat=True) if d.weekday() >= 5) < 0.2 * copies.count()
    # A tail of aid cases closed but not archived, their archive deadline still open on the board.
    tail = AidCase.objects.filter(status=AidStatus.CLOSED, archived_on__isnull=True, number__contains="-S")
    assert tail.exists()
    # Unique numbers stay unique; every copy is owned by the demo county; the audit trail says what happened.
    assert AidCase.objects.values("organization", "number").distinct().count() == AidCase.objects.count()
    assert AuditEvent.objects.filter(action="core.scale.generate").count() == 1
    assert verify_chain().ok


def test_same_seed_same_data_other_seed_other_data(demo):
    first, again, other = _generated(7), _generated(7), _generated(8)
    assert first == again
    assert first != other


def test_a_province_of_counties(demo):
    counties_before = Organization.objects.filter(kind="government").count()
    aid = AidCase.objects.count()
    scale.generate(scale=1, counties=3, only=["legalservice"])
    govs = Organization.objects.filter(kind="government")
    assert govs.count() == counties_before + 2
    new = govs.filter(name__startswith="规模测试县").first()
    src, dst = scale.county_orgs(scale.demo_county()), scale.county_orgs(new)
    assert collections.Counter(src.values_list("kind", flat=True)) == collections.Counter(dst.values_list("kind", flat=True))
    # Each synthetic county gets 1× the demo's cases, owned by its own 司法局.
    assert AidCase.objects.count() == 3 * aid
    assert AidCase.objects.filter(organization__in=dst).count() == aid
    assert not Deadline.objects.filter(organization__in=dst).exclude(
        organization__in=dst.values("pk")).exists()
