"""User pages: list (visible orgs), create (admin only), edit, deactivate, reset password, roles."""
import pytest
from django.urls import reverse

from fazhi.core.choices import Role
from fazhi.core.models import AuditEvent, Membership, User

pytestmark = pytest.mark.django_db


def _usernames(response):
    return sorted(u.username for u in response.context["page"].object_list)


def test_it_requires_login(client, county):
    r = client.get(reverse("core:user_list"))
    assert r.status_code == 302 and reverse("core:login") in r["Location"]


def test_admin_lists_all_county_users(county, login):
    r = login(county.admin).get(reverse("core:user_list"))
    assert r.status_code == 200
    assert _usernames(r) == sorted(["admin", "reviewer", "liaison_sfj", "liaison_scj", "liaison_suo", "liaison_town",
                                    "officer", "leader"])
    assert "outsider" not in _usernames(r)


def test_liaison_lists_users_of_visible_orgs_only(county, login):
    r = login(county.liaison_scj).get(reverse("core:user_list"))
    assert _usernames(r) == sorted(["liaison_scj", "officer", "leader", "liaison_suo"])
    assert r.context["can_create"] is False


def test_filters(county, login):
    client = login(county.admin)
    assert _usernames(client.get(reverse("core:user_list"), {"role": "leader"})) == ["leader"]
    assert _usernames(client.get(reverse("core:user_list"), {"q": "豫海镇"})) == ["liaison_town"]


def _create_payload(county, **extra):
    data = {"username": "zhangsan", "name": "张三", "organization": str(county.sfj.code),
            "roles": [Role.LIAISON, Role.OFFICER], "phone": "13900000000", "email": "",
            "password1": "Tongxin-2026!", "password2": "Tongxin-2026!"}
    data.update(extra)
    return data


def test_admin_creates_user_with_roles(county, login):
    r = login(county.admin).post(reverse("core:user_create"), _create_payload(county))
    user = User.objects.get(username="zhangsan")
    assert r.status_code == 302 and r["Location"] == reverse("core:user_edit", kwargs={"pk": user.pk})
    assert user.check_password("Tongxin-2026!")
    assert sorted(Membership.objects.filter(user=user).values_list("role", flat=True)) == ["liaison", "officer"]
    assert AuditEvent.objects.filter(action="core.user.create", target_id=str(user.pk), actor=county.admin).exists()


def test_create_form_errors_are_chinese_and_keep_values(county, login):
    r = login(county.admin).post(reverse("core:user_create"),
                                 _create_payload(county, username="liaison_sfj", roles=[], password2="other"))
    assert r.status_code == 400
    html = r.content.decode()
    assert "该用户名已被使用" in html
    assert "请至少选择一个角色" in html
    assert "两次输入的密码不一致" in html
    assert 'value="张三"' in html
    assert not User.objects.filter(name="张三").exists()


def test_weak_password_is_refused(county, login):
    r = login(county.admin).post(reverse("core:user_create"),
                                 _create_payload(county, password1="12345678", password2="12345678"))
    assert r.status_code == 400
    assert "密码" in str(r.context["form"].errors["password1"])
    assert not User.objects.filter(username="zhangsan").exists()


def test_non_admin_cannot_create_users(county, login):
    for user in (county.liaison_sfj, county.leader, county.reviewer):
        client = login(user)
        assert client.get(reverse("core:user_create")).status_code == 403
        assert client.post(reverse("core:user_create"), _create_payload(county)).status_code == 403
    assert not User.objects.filter(username="zhangsan").exists()


def test_edit_user(county, login):
    client = login(county.admin)
    url = reverse("core:user_edit", kwargs={"pk": county.officer.pk})
    assert client.get(url).status_code == 200
    r = client.post(url, {"name": "李四", "phone": "0953-1234567", "email": "li@example.cn"})
    assert r.status_code == 302
    county.officer.refresh_from_db()
    assert county.officer.name == "李四" and county.officer.phone == "0953-1234567"
    assert AuditEvent.objects.filter(action="core.user.update", target_id=str(county.officer.pk)).exists()


def test_edit_bad_email_keeps_values(county, login):
    r = login(county.admin).post(reverse("core:user_edit", kwargs={"pk": county.officer.pk}),
                                 {"name": "李四", "email": "not-an-email"})
    assert r.status_code == 400
    assert 'value="李四"' in r.content.decode()
    county.officer.refresh_from_db()
    assert county.officer.name == "执法人员"


def test_user_of_invisible_org_is_404_and_non_admin_403(county, login):
    assert login(county.liaison_sfj).get(reverse("core:user_edit", kwargs={"pk": county.officer.pk})).status_code == 404
    assert login(county.leader).get(reverse("core:user_edit", kwargs={"pk": county.officer.pk})).status_code == 403
    assert login(county.admin).get(reverse("core:user_edit", kwargs={"pk": county.outsider.pk})).status_code == 404


def test_deactivate_and_reactivate(county, login):
    client = login(county.admin)
    url = reverse("core:user_set_active", kwargs={"pk": county.officer.pk})
    assert client.get(url).status_code == 405
    assert client.post(url, {"active": "0"}).status_code == 302
    county.officer.refresh_from_db()
    assert county.officer.is_active is False
    client.post(url, {"active": "1"})
    county.officer.refresh_from_db()
    assert county.officer.is_active is True
    assert AuditEvent.objects.filter(action="core.user.update", target_id=str(county.officer.pk)).count() == 2


def test_admin_cannot_deactivate_self(county, login):
    login(county.admin).post(reverse("core:user_set_active", kwargs={"pk": county.admin.pk}), {"active": "0"})
    county.admin.refresh_from_db()
    assert county.admin.is_active is True


def test_reset_password(county, login):
    client = login(county.admin)
    url = reverse("core:user_password", kwargs={"pk": county.officer.pk})
    r = client.post(url, {"new_password1": "Xin-mima-2026", "new_password2": "Xin-mima-2027"})
    assert r.status_code == 400 and "两次输入的密码不一致" in r.content.decode()
    r = client.post(url, {"new_password1": "Xin-mima-2026", "new_password2": "Xin-mima-2026"})
    assert r.status_code == 302
    county.officer.refresh_from_db()
    assert county.officer.check_password("Xin-mima-2026")
    assert AuditEvent.objects.filter(action="core.user.set_password", target_id=str(county.officer.pk)).exists()
    assert login(county.liaison_scj).post(url, {"new_password1": "Other-2026-x", "new_password2": "Other-2026-x"}).status_code == 403


def test_grant_and_revoke_role(county, login):
    client = login(county.admin)
    r = client.post(reverse("core:membership_add", kwargs={"pk": county.officer.pk}),
                    {"organization": str(county.suo.code), "role": Role.LIAISON})
    assert r.status_code == 302
    m = Membership.objects.get(user=county.officer, organization=county.suo, role=Role.LIAISON)
    r = client.post(reverse("core:membership_remove", kwargs={"pk": county.officer.pk, "membership_id": m.pk}))
    assert r.status_code == 302
    assert not Membership.objects.filter(pk=m.pk).exists()
    # The last role cannot be removed (deactivate instead).
    last = Membership.objects.get(user=county.officer)
    client.post(reverse("core:membership_remove", kwargs={"pk": county.officer.pk, "membership_id": last.pk}))
    assert Membership.objects.filter(pk=last.pk).exists()


def test_list_query_count_does_not_grow_with_rows(county, login, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.services import user_create

    client = login(county.admin)
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("core:user_list"))
    for i in range(10):
        user_create(actor=None, username=f"u{i}", name=f"用户{i}", organization=county.village, roles=[Role.LIAISON])
    with django_assert_max_num_queries(len(before.captured_queries)):
        r = client.get(reverse("core:user_list"))
    assert r.context["page"].paginator.count == 18


@pytest.mark.django_db
def test_admin_switches_county_wide_read_on_the_user_page(county, login):
    from fazhi.core.models import Membership

    m = Membership.objects.get(user=county.reviewer)
    client = login(county.admin)
    url = f"/users/{county.reviewer.pk}/roles/{m.pk}/reads-county/"
    assert client.post(url, {"reads_county": "1"}).status_code == 302
    m.refresh_from_db()
    assert m.reads_county
    page = client.get(f"/users/{county.reviewer.pk}/").content.decode()
    assert "全县查阅" in page
    # a liaison may not
    assert login(county.liaison_sfj).post(url, {"reads_county": "0"}).status_code in (403, 404)
    m.refresh_from_db()
    assert m.reads_county
