"""Small helpers every module's views use (one copy, not one per app)."""
from django.core.paginator import Paginator


def request_id(request) -> str:
    """The id grouping this request's audit events (set by SecurityHeadersMiddleware)."""
    return getattr(request, "request_id", "")


def posted(request):
    """The submitted data on a POST (even an empty one, so it is validated), else None."""
    return request.POST if request.method == "POST" else None


def page(request, qs, per=50):
    return Paginator(qs, per).get_page(request.GET.get("page"))
