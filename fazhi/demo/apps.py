from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo county 同心县: data and the ``load_demo`` / ``demo_logins`` commands. No models."""

    name = "fazhi.demo"
    label = "demo"
    verbose_name = "示范县数据"
    default_auto_field = "django.db.models.BigAutoField"
