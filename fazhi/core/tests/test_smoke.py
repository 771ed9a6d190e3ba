import pytest


@pytest.mark.django_db
def test_home_requires_login(client):
    r = client.get("/")
    assert r.status_code == 302
    assert "/login" in r["Location"] or "accounts/login" in r["Location"]
