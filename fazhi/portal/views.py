from django.shortcuts import render
from django.views.decorators.http import require_safe

from fazhi.portal.registry import sections


@require_safe
def home(request):
    return render(request, "portal/home.html", {"sections": sections()})
