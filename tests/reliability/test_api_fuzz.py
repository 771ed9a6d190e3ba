"""The API fuzzed with schemathesis against its own OpenAPI schema: no input gives a server error (5xx).

A bounded run in the normal suite (a few valid and a few invalid examples per operation, in process
through the WSGI app, a small county with an administrator's API token), so CI runs it; the longer run
against gunicorn and PostgreSQL is phase 4 of ``make soak``. Skipped where schemathesis is not
installed (``pip install -e '.[security]'``; ``make install`` installs it). ``FAZHI_FUZZ_EXAMPLES``
sets the examples per operation and mode (default 6).

Written with ``operation.as_strategy()`` and ``@given`` rather than ``schema.parametrize()``: the lazy
pytest loader of schemathesis 4 does not run under pytest 9 (it reads a private node attribute).
"""
from __future__ import annotations

import os

import pytest

schemathesis = pytest.importorskip("schemathesis")

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from fazhi.api.services import api_token_create
from fazhi.core.testing import make_county

EXAMPLES = int(os.getenv("FAZHI_FUZZ_EXAMPLES", "6"))


@pytest.fixture
def keep_connection():
    """schemathesis calls the WSGI app directly (not Django's test client), so the end of each request
    would close the test's connection, and its transaction with it (PostgreSQL). Do what the test
    client does: keep the connection across requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_no_input_gives_a_server_error(keep_connection):
    from django.core.wsgi import get_wsgi_application

    county = make_county()
    _token, raw = api_token_create(actor=None, user=county.admin, name="fuzz")
    headers = {"Authorization": f"Bearer {raw}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 50  # every module's routes are in the schema
    failures: dict[str, str] = {}
    calls = 0

    def fuzz_operation(operation, mode) -> None:
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def fuzz(case):
            nonlocal calls
            calls += 1
            response = case.call(headers=headers)
            if response.status_code >= 500 and operation.label not in failures:
                failures[operation.label] = (f"{response.status_code} ← {case.method} {case.formatted_path} "
                                             f"query={case.query!r} body={str(case.body)[:300]}")

        fuzz()

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz_operation(operation, mode)
    assert calls >= len(operations)
    assert not failures, "\n".join(f"{k}: {v}" for k, v in failures.items())
