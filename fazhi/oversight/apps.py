from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "fazhi.oversight"
    label = "oversight"
    verbose_name = "统筹督察"

    def ready(self):
        from fazhi.core.nav import register_nav
        from fazhi.portal.registry import register_section

        from . import services  # noqa: F401  (registers the audit action codes)

        register_nav("统筹督察", "oversight:index", order=700, section="统筹督察")
        register_nav("工作要点任务", "oversight:tasks", order=710, section="统筹督察")
        register_nav("督察整改", "oversight:inspections", order=720, section="统筹督察")
        register_nav("培训台账", "oversight:trainings", order=730, section="统筹督察")
        register_nav("法治政府建设考评", "oversight:assessments", order=740, section="统筹督察")
        register_section("督察与考评", "oversight_public:index", order=80,
                         description="依法治县委员会会议、法治督察和年度考评结果")
