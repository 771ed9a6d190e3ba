from django.apps import AppConfig


class LegalserviceConfig(AppConfig):
    name = "fazhi.legalservice"
    label = "legalservice"
    verbose_name = "公共法律服务"

    def ready(self):
        from fazhi.core.nav import register_nav
        from fazhi.portal.registry import register_section

        from fazhi.legalservice import services  # noqa: F401  (registers audit action codes)

        section = "公共法律服务"
        register_nav("公共法律服务概览", "legalservice:index", order=650, section=section)
        register_nav("法律援助", "legalservice:aid_list", order=651, section=section)
        register_nav("公证", "legalservice:notary_list", order=652, section=section)
        register_nav("法律咨询", "legalservice:consult_list", order=653, section=section)
        register_nav("活动台账", "legalservice:activity_list", order=654, section=section)
        register_nav("服务平台", "legalservice:point_list", order=655, section=section)
        register_section("公共法律服务", "legalservice_public:points", order=60,
                         description="公共法律服务中心、乡镇工作站、村居工作室，12348热线与网络平台；年度服务成效")
