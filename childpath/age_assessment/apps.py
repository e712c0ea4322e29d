from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgeAssessmentConfig(AppConfig):
    name = "childpath.age_assessment"
    verbose_name = _("Age assessment")
