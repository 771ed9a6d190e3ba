from django.apps import AppConfig


class FunctionsConfig(AppConfig):
    name = "fazhi.functions"
    label = "functions"
    verbose_name = "政府职能"

    def ready(self):
        from fazhi.core.nav import register_nav
        from fazhi.core.signals import credit_decision
        from fazhi.functions import services  # registers audit action codes
        from fazhi.portal.registry import register_section

        credit_decision.connect(services.on_credit_decision, dispatch_uid="functions.on_credit_decision")

        section = "政府职能"
        register_nav("权责清单", "functions:power_list", order=500, section=section)
        register_nav("权责清单调整", "functions:adjustment_list", order=501, section=section)
        register_nav("政务服务事项", "functions:service_list", order=510, section=section)
        register_nav("四级四同核对", "functions:consistency", order=511, section=section)
        register_nav("主动公开", "functions:disclosure_list", order=520, section=section)
        register_nav("依申请公开", "functions:request_list", order=521, section=section)
        register_nav("政务公开年度报告", "functions:report_list", order=522, section=section)
        register_nav("政务新媒体", "functions:media_list", order=523, section=section)
        register_nav("双公示", "functions:credit_list", order=530, section=section)
        register_nav("诚信建设活动", "functions:activity_list", order=531, section=section)
        register_section("政府职能与政务公开", "functions_public:index", order=20,
                         description="权责清单（可查任一日期的清单）、主动公开的政府信息、双公示、政府信息公开工作年度报告")
