"""The year a county's pages open on.

Staff overviews and the portal show one year's figures. By default that is the current year
(staff) and the last complete year (portal). ``FAZHI_WORKING_YEAR`` (settings / environment) pins
both to one year: the demo county sets it to 2021, the year of its report; a county preparing
last year's annual report in January can set it too.
"""
from __future__ import annotations

from django.conf import settings
from django.utils import timezone


def working_year() -> int:
    """The year staff overviews open on."""
    return getattr(settings, "FAZHI_WORKING_YEAR", None) or timezone.localdate().year


def reported_year() -> int:
    """The last complete year (what the portal publishes), unless a working year is pinned."""
    return getattr(settings, "FAZHI_WORKING_YEAR", None) or timezone.localdate().year - 1
