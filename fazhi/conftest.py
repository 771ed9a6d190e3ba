import pytest

from fazhi.core.testing import PASSWORD, make_county


@pytest.fixture
def county(db):
    """A small county: see fazhi/core/testing.py for its organizations and users."""
    return make_county()


@pytest.fixture
def login(client):
    """login(user) -> a logged-in Django test client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def password():
    return PASSWORD
