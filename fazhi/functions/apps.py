from django.apps import AppConfig


class FunctionsConfig(AppConfig):
    name = "fazhi.functions"
    label = "functions"
    verbose_name = "政府职能"
