from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self):
        from fazhi.core.nav import register_nav
        from fazhi.enforcement import services  # noqa: F401  (registers audit action codes)
        from fazhi.portal.registry import register_section

        section = "行政执法"
        register_nav("执法概况", "enforcement:index", order=400, section=section)
        register_nav("执法案件", "enforcement:case_list", order=401, section=section)
        register_nav("执法人员", "enforcement:officer_list", order=402, section=section)
        register_nav("执法主体", "enforcement:body_list", order=403, section=section)
        register_nav("执法事项清单", "enforcement:item_list", order=404, section=section)
        register_nav("执法清单公布", "enforcement:list_list", order=405, section=section)
        register_nav("乡镇综合执法方案", "enforcement:plan_list", order=406, section=section)
        register_nav("双随机一公开", "enforcement:draw_list", order=407, section=section)
        register_nav("案卷评查", "enforcement:campaign_list", order=408, section=section)
        register_nav("执法统计", "enforcement:stats", order=409, section=section)
        register_section("行政执法公示", "enforcement_public:index", order=40,
                         description="执法主体、执法人员、执法事项清单，行政处罚和行政许可等执法决定公示")
