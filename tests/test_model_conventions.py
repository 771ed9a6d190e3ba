"""Conventions every model of every Fazhi app keeps (new modules are covered automatically)."""
from django.apps import apps
from django.db import models

FAZHI_MODELS = [m for m in apps.get_models() if m.__module__.startswith("fazhi.")]


def test_every_model_names_itself_in_chinese_for_history_and_activity_lists():
    """The audit trail and the home page show ``str(record)``: "Appeal object (1)" is not a name."""
    missing = [m._meta.label for m in FAZHI_MODELS if m.__str__ is models.Model.__str__]
    assert not missing, f"models without __str__: {missing}"


def test_every_model_has_a_chinese_verbose_name():
    english = [m._meta.label for m in FAZHI_MODELS
               if not any("\u4e00" <= ch <= "\u9fff" for ch in str(m._meta.verbose_name))]
    assert not english, f"models without a Chinese verbose_name: {english}"
