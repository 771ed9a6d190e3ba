from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    label = "disputes"
    verbose_name = "矛盾纠纷化解"

    def ready(self):
        from fazhi.core.nav import register_nav
        from fazhi.portal.registry import register_section

        from . import services  # noqa: F401  (registers the audit action codes)

        register_nav("矛盾纠纷化解", "disputes:index", order=600, section="矛盾纠纷化解")
        register_nav("行政复议", "disputes:review_list", order=601, section="矛盾纠纷化解")
        register_nav("行政应诉", "disputes:litigation_list", order=602, section="矛盾纠纷化解")
        register_nav("调解", "disputes:mediation_list", order=603, section="矛盾纠纷化解")
        register_nav("劳动仲裁", "disputes:arbitration_list", order=604, section="矛盾纠纷化解")
        register_nav("一升两降", "disputes:stats", order=605, section="矛盾纠纷化解")
        register_section("矛盾纠纷化解", "disputes_public:index", order=70,
                         description="行政复议、行政应诉、人民调解等化解矛盾纠纷情况（统计数据）及调解组织")
