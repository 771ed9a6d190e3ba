import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fazhi.core.models import Organization
from fazhi.core.scoping import access, can_write, visible_orgs


@pytest.mark.django_db
def test_liaison_sees_own_org_and_below(county):
    names = set(visible_orgs(county.liaison_scj).values_list("name", flat=True))
    assert names == {county.scj.name, county.suo.name}


@pytest.mark.django_db
def test_sub_unit_does_not_see_parent(county):
    assert set(visible_orgs(county.liaison_suo)) == {county.suo}


@pytest.mark.django_db
def test_admin_sees_whole_county(county):
    assert set(visible_orgs(county.admin)) == set(Organization.objects.all())


@pytest.mark.django_db
def test_outsider_sees_nothing(county):
    assert not visible_orgs(county.outsider).exists()


@pytest.mark.django_db
def test_other_org_is_404_and_leader_write_is_403(county):
    with pytest.raises(Http404):
        access(Organization.objects.all(), county.liaison_scj, field="", code=county.sfj.code)
    with pytest.raises(PermissionDenied):
        access(Organization.objects.all(), county.leader, write=True, field="", code=county.scj.code)
    assert access(Organization.objects.all(), county.liaison_scj, write=True, field="", code=county.suo.code) == county.suo
    assert not can_write(county.leader, county.scj)
    assert can_write(county.admin, county.village)


@pytest.mark.django_db
def test_liaison_cannot_detach_own_org_to_top_level_or_move_it_out_of_county(county):
    from fazhi.core.choices import RegionLevel
    from fazhi.core.services import organization_update, region_create

    with pytest.raises(PermissionDenied):
        organization_update(actor=county.liaison_scj, org=county.scj, data={"parent": None})
    county.scj.refresh_from_db()
    assert county.scj.parent_id == county.gov.pk
    other = region_create(code="640302", name="利通区", level=RegionLevel.COUNTY, parent=county.city)
    with pytest.raises(PermissionDenied):
        organization_update(actor=county.liaison_scj, org=county.suo, data={"region": other})
    # moving between townships of the same county is allowed
    organization_update(actor=county.liaison_scj, org=county.suo, data={"region": county.county})
    county.suo.refresh_from_db()
    assert county.suo.region == county.county


@pytest.mark.django_db
def test_credit_code_is_stored_normalized(county):
    from fazhi.core.services import organization_update

    organization_update(actor=county.admin, org=county.scj, data={"credit_code": "１１６４０３２４ＭＢ００００００１５"})
    county.scj.refresh_from_db()
    assert county.scj.credit_code == "11640324MB00000015"


@pytest.mark.django_db
def test_county_government_leader_reads_whole_county_but_writes_nothing(county):
    from fazhi.core.choices import Role
    from fazhi.core.services import user_create

    gov_leader = user_create(actor=None, username="xz", name="县长", organization=county.gov, roles=[Role.LEADER])
    assert set(visible_orgs(gov_leader)) == set(Organization.objects.all())   # incl. the 依法治县办 (fzb)
    assert not any(can_write(gov_leader, o) for o in Organization.objects.all())
    # a department's leader still reads only the department
    assert set(visible_orgs(county.leader)) == {county.scj, county.suo}


@pytest.mark.django_db
def test_reads_county_membership_reads_everything_writes_only_its_own(county):
    from fazhi.core.models import AuditEvent, Membership
    from fazhi.core.services import membership_set_reads_county

    m = Membership.objects.get(user=county.reviewer)
    with pytest.raises(PermissionDenied):
        membership_set_reads_county(actor=county.liaison_sfj, membership=m, reads_county=True)
    membership_set_reads_county(actor=county.admin, membership=m, reads_county=True)
    assert AuditEvent.objects.filter(action="core.membership.reads_county").count() == 1
    reviewer = type(county.reviewer).objects.get(pk=county.reviewer.pk)   # fresh: memberships are cached per user
    assert set(visible_orgs(reviewer)) == set(Organization.objects.all())
    assert can_write(reviewer, county.sfj) and not can_write(reviewer, county.scj)
