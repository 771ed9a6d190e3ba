import pytest

from fazhi.portal.registry import _SECTIONS, register_section


@pytest.mark.django_db
def test_portal_home_is_public_and_lists_sections(client):
    register_section("单位管理（测试）", "core:org_list", order=1, description="测试栏目")
    try:
        r = client.get("/portal/")
        assert r.status_code == 200
        body = r.content.decode()
        assert "同心县法治政府建设公开专栏" in body
        assert "单位管理（测试）" in body
    finally:
        _SECTIONS.pop("core:org_list", None)


@pytest.mark.django_db
def test_unresolvable_section_is_hidden(client):
    register_section("不存在的栏目", "nowhere:nothing")
    try:
        assert "不存在的栏目" not in client.get("/portal/").content.decode()
    finally:
        _SECTIONS.pop("nowhere:nothing", None)
