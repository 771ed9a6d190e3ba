"""工作台 (home page): per-role cards, recent activity scoped by organization, shell layout."""
import pytest
from django.urls import reverse

from fazhi.core.audit import audit_log
from fazhi.core.services import organization_update

pytestmark = pytest.mark.django_db


def test_it_requires_login(client):
    r = client.get("/")
    assert r.status_code == 302
    assert r["Location"].startswith(reverse("core:login"))


def test_layout_shows_platform_user_org_role_and_nav(county, login):
    r = login(county.liaison_sfj).get("/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "法治政府建设管理平台" in html
    assert "司法局联络员" in html and "同心县司法局" in html and "联络员" in html
    assert 'href="#main"' in html  # skip link
    assert reverse("core:org_list") in html and "单位管理" in html
    assert "/static/vendor/htmx.min.js" in html and "/static/js/fazhi.js" in html
    # Strict CSP: no inline scripts or style attributes.
    assert "<script>" not in html and "style=" not in html
    assert "Content-Security-Policy" in r.headers


def test_audit_log_is_offered_only_to_those_who_may_open_it(county, login):
    url = reverse("files:audit")
    assert f'href="{url}"' in login(county.admin).get("/").content.decode()
    for user in (county.liaison_scj, county.officer, county.leader):
        client = login(user)
        assert f'href="{url}"' not in client.get("/").content.decode()  # neither in the menu nor on the home page
        assert client.get(url).status_code == 403


def test_modules_not_built_are_not_in_nav(county, login):
    # Every module is built now; an entry whose URL does not resolve (a module not installed) is skipped.
    from fazhi.core.nav import register_nav, unregister_nav

    register_nav("尚未建成的模块", "notbuilt:index", order=999, section="尚未建成")
    try:
        html = login(county.admin).get("/").content.decode()
    finally:
        unregister_nav("notbuilt:index")
    assert "尚未建成的模块" not in html and "尚未建成" not in html
    assert "法治政府建设年度报告" in html      # a built module's entry is there


def test_admin_sees_county_counts(county, login):
    r = login(county.admin).get("/")
    counts = {c["label"]: c["count"] for c in r.context["counts"]}
    # make_county: sfj, scj, suo are departments; one township; one village; no community.
    assert counts == {"部门单位": 3, "乡镇": 1, "村": 1, "社区": 0}
    assert r.context["is_admin"] is True


def test_leader_sees_read_only_summary(county, login):
    r = login(county.leader).get("/")
    assert r.context["is_leader"] is True
    html = r.content.decode()
    assert "工作概况（只读）" in html
    assert r.context["visible_org_count"] == 2  # scj and suo below it


def test_liaison_sees_own_org_quick_links(county, login):
    r = login(county.liaison_town).get("/")
    html = r.content.decode()
    assert "本单位快捷入口" in html
    assert reverse("core:org_detail", kwargs={"code": county.town.code}) in html
    assert r.context["counts"] == []


def test_recent_activity_is_scoped_by_organization(county, login):
    organization_update(actor=county.admin, org=county.sfj, data={"short_name": "司法局"})
    organization_update(actor=county.admin, org=county.town, data={"short_name": "豫海镇"})
    r = login(county.liaison_sfj).get("/")
    targets = [ev.target_repr for ev in r.context["activity"]]
    assert "同心县司法局" in targets
    assert "豫海镇人民政府" not in targets
    labels = {ev.action_label for ev in r.context["activity"]}
    assert "修改单位" in labels
    assert len(r.context["activity"]) <= 10


def test_recent_activity_null_org_only_for_admin(county, login):
    audit_log(actor=None, action="core.holiday.import", data={"year": 2026}, target_repr="2026年节假日")
    admin_targets = [ev.target_repr for ev in login(county.admin).get("/").context["activity"]]
    assert "2026年节假日" in admin_targets
    liaison_targets = [ev.target_repr for ev in login(county.liaison_scj).get("/").context["activity"]]
    assert "2026年节假日" not in liaison_targets


def test_user_without_membership_is_told_so(county, login):
    r = login(county.outsider).get("/")
    assert r.status_code == 200
    assert "尚未分配单位" in r.content.decode()
    assert r.context["activity"] == []


def test_error_pages_are_chinese(county, login):
    client = login(county.liaison_sfj)
    r = client.get("/no-such-page/")
    assert r.status_code == 404
    assert "页面或记录不存在" in r.content.decode()


def test_home_includes_deadline_board_widget(county, login):
    html = login(county.liaison_sfj).get("/").content.decode()
    assert "期限预警" in html
    assert "红灯 已逾期 0 项" in html


def test_portal_base_is_public_layout(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/portal/")
    request.user = AnonymousUser()
    html = render_to_string("portal_base.html", {"portal_nav": [{"label": "重大行政决策", "url": "/p/", "active": True}]},
                            request=request)
    assert "同心县法治政府建设" in html and "公开专栏" in html
    assert 'aria-current="page"' in html and "重大行政决策" in html
    assert "退出" not in html and "单位管理" not in html
    assert "<script>" not in html and "style=" not in html


def test_history_shows_role_labels(county, login):
    html = login(county.admin).get(reverse("core:user_edit", kwargs={"pk": county.officer.pk})).content.decode()
    assert "角色：执法人员" in html


def test_nav_registry_skips_missing_pages_and_respects_roles(county, login):
    from fazhi.core.nav import register_nav, unregister_nav

    register_nav("未建模块", "nosuchmodule:index", order=5)
    register_nav("领导专栏", "/leader-only/", roles=["leader"], order=6)
    try:
        html = login(county.liaison_scj).get("/").content.decode()
        assert "未建模块" not in html and "领导专栏" not in html
        html = login(county.leader).get("/").content.decode()
        assert "领导专栏" in html
        assert "Excel导入导出" not in html  # read-only leaders do not import
    finally:
        unregister_nav("nosuchmodule:index")
        unregister_nav("/leader-only/")


def test_current_page_is_marked_in_nav(county, login):
    html = login(county.admin).get(reverse("core:org_list")).content.decode()
    assert f'<a href="{reverse("core:org_list")}" aria-current="page">单位管理</a>' in html


def test_500_page_is_chinese_and_standalone(rf):
    from django.views.defaults import server_error

    r = server_error(rf.get("/"))
    assert r.status_code == 500
    html = r.content.decode()
    assert "系统暂时出现错误" in html and "/static/css/fazhi.css" in html


def test_403_points_others_to_the_admin_but_not_the_admin_to_themselves(county, login):
    hint = "如需开通权限，请联系法治办管理员"
    r = login(county.liaison_scj).get(reverse("files:audit"))
    assert r.status_code == 403 and hint in r.content.decode()
    r = login(county.admin).get(reverse("calendar:rule_edit", kwargs={"code": "coercion.reminder"}))  # statutory
    assert r.status_code == 403 and hint not in r.content.decode()
    assert "不可由本省配置" in r.content.decode()
