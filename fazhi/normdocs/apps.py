from django.apps import AppConfig


class NormdocsConfig(AppConfig):
    name = "fazhi.normdocs"
    label = "normdocs"
    verbose_name = "行政规范性文件"

    def ready(self):
        from fazhi.core.nav import register_nav
        from fazhi.normdocs import services  # noqa: F401  (registers audit action codes)
        from fazhi.portal.registry import register_section

        section = "行政规范性文件"
        register_nav("规范性文件登记", "normdocs:doc_list", order=450, section=section)
        register_nav("全文检索", "normdocs:search", order=451, section=section)
        register_nav("文件清理", "normdocs:campaign_list", order=452, section=section)
        register_section("行政规范性文件", "normdocs_public:index", order=45,
                         description="规范性文件目录（全文检索）、征求意见稿、文件清理结果")
