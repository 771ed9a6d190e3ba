import pytest
from django.utils import timezone

from fazhi.core.workyear import reported_year, working_year


def test_defaults_follow_the_calendar(settings):
    settings.FAZHI_WORKING_YEAR = None
    today = timezone.localdate()
    assert working_year() == today.year and reported_year() == today.year - 1


def test_pinned_year_applies_to_both(settings):
    settings.FAZHI_WORKING_YEAR = 2021
    assert working_year() == reported_year() == 2021


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/disputes/", "/legalservice/"])
def test_module_overviews_open_on_the_pinned_year(settings, county, login, path):
    settings.FAZHI_WORKING_YEAR = 2021
    body = login(county.admin).get(path).content.decode()
    assert "2021年" in body
