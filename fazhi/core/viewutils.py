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


def query_without_page(request) -> str:
    """The list's query string without ``page`` (for pagination links that keep the filters)."""
    q = request.GET.copy()
    q.pop("page", None)
    return q.urlencode()


def try_service(form, fn):
    """Call a service; a ValidationError goes onto the form (field by field) and None is returned."""
    from django.core.exceptions import ValidationError

    from fazhi.core.forms import apply_validation_error

    try:
        return fn()
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return None


def writable_orgs_or_403(user, message: str):
    """The organizations ``user`` may register records for; 403 with ``message`` when there are none."""
    from django.core.exceptions import PermissionDenied

    from fazhi.core.scoping import writable_orgs

    orgs = writable_orgs(user)
    if not orgs.exists():
        raise PermissionDenied(message)
    return orgs
