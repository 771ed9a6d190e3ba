from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    label = "reports"
    verbose_name = "年度报告与指标"

    def ready(self):
        from fazhi.core.nav import register_nav
        from fazhi.portal.registry import register_section

        from fazhi.reports import services  # noqa: F401  (registers audit action codes)

        section = "年度报告与指标"
        register_nav("法治政府建设概览", "reports:dashboard", order=900, section=section)
        register_nav("指标与数据来源", "reports:indicator_list", order=901, section=section)
        register_nav("法治政府建设年度报告", "reports:report_list", order=902, section=section)
        register_section("法治政府建设年度报告", "reports_public:index", order=10,
                         description="法治政府建设年度报告（每年4月1日之前向社会公开）")
