from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoCreationConfig(AppConfig):
    name = "ontmoeting.cocreation"
    label = "cocreation"
    verbose_name = _("Co-creation")
