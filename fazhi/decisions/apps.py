from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    label = "decisions"
    verbose_name = "重大行政决策"

    def ready(self):
        from fazhi.core.nav import register_nav
        from fazhi.portal.registry import register_section

        from fazhi.decisions import services  # noqa: F401  (registers audit action codes)

        section = "重大行政决策"
        register_nav("决策事项目录", "decisions:catalog_list", order=300, section=section)
        register_nav("决策程序", "decisions:decision_list", order=301, section=section)
        register_nav("公众意见审核", "decisions:comment_list", order=302, section=section)
        register_nav("法律顾问", "decisions:adviser_list", order=303, section=section)
        register_nav("法律顾问工作台账", "decisions:work_list", order=304, section=section)
        register_section("重大行政决策", "decisions_public:index", order=30,
                         description="年度重大行政决策事项目录、公开征求意见、意见采纳情况")
