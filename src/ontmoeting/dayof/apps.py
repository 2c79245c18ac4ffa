from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DayOfConfig(AppConfig):
    name = "ontmoeting.dayof"
    label = "dayof"
    verbose_name = _("The day itself")
