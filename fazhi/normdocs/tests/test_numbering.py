"""三统一 numbering stays unique and gapless under concurrent registrations (threads; PostgreSQL only: the
SQLite test database is in memory and cannot be shared by threads — the implementation is SQLite-safe
because SQLite serializes writers on the UPDATE of the sequence row)."""
import threading

import pytest
from django.db import connection, connections

from fazhi.normdocs import services as sv
from fazhi.normdocs.models import NormDoc
from fazhi.normdocs.tests.factories import D, deliberated

N = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_registrations_are_gapless(county):
    if connection.vendor != "postgresql":
        pytest.skip("threads need a shared database server (run with DATABASE_URL=postgres://…)")
    docs = [deliberated(county.gov, county.reviewer, title=f"文件{i}") for i in range(N)]
    barrier = threading.Barrier(N)
    errors = []

    def register(pk, i):
        try:
            doc = NormDoc.objects.get(pk=pk)
            barrier.wait(timeout=30)
            sv.normdoc_deliberate(actor=None, doc=doc, on=D(2021, 10, 20), meeting="常务会议",
                                  doc_number=f"同政发〔2021〕{100 + i}号")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(d.pk, i)) for i, d in enumerate(docs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    seqs = sorted(NormDoc.objects.filter(reg_year=2021).values_list("reg_seq", flat=True))
    assert seqs == list(range(1, N + 1))
    assert NormDoc.objects.filter(reg_number__gt="").values("reg_number").distinct().count() == N
