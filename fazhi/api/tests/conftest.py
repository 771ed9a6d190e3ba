import json

import pytest
from django.test import Client

from fazhi.api.services import api_token_create


class ApiClient:
    """A Django test client speaking JSON with a Bearer token (or a session)."""

    def __init__(self, client: Client, key: str | None = None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}

    def get(self, path, params=None):
        return self.client.get(path, params or {}, headers=self.headers)

    def _send(self, method, path, data, raw=None):
        body = raw if raw is not None else json.dumps(data, ensure_ascii=False)
        return getattr(self.client, method)(path, body, content_type="application/json", headers=self.headers)

    def post(self, path, data=None, raw=None):
        return self._send("post", path, data, raw)

    def patch(self, path, data=None, raw=None):
        return self._send("patch", path, data, raw)

    def delete(self, path):
        return self.client.delete(path, headers=self.headers)


@pytest.fixture
def token_client(county):
    """token_client(user) -> ApiClient authenticated with a fresh API token of ``user``."""

    def make(user):
        _, key = api_token_create(actor=None, user=user, name="测试")
        return ApiClient(Client(), key)

    return make
