import os

os.environ.setdefault("FAZHI_TESTING", "True")

import pytest


@pytest.fixture(autouse=True)
def _seed_rows_for_transactional_tests(request):
    """A transactional test (``django_db(transaction=True)``, live server) starts from the rows that data
    migrations seed (deadline rules, activity kinds …) even when an earlier transactional test's teardown
    flushed them; pytest-django runs these tests last, so without this the second one finds no rules."""
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        request.getfixturevalue("transactional_db")
        from fazhi.core.testing import replay_seed_migrations

        replay_seed_migrations()
