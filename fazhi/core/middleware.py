import uuid

from django.conf import settings


class SecurityHeadersMiddleware:
    """Content-Security-Policy and a request id (grouping the audit events of one request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = str(uuid.uuid4())
        response = self.get_response(request)
        # Every page, the API docs included (ninja serves swagger-ui from its own static files).
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
