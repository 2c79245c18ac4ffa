from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpensesConfig(AppConfig):
    name = "ontmoeting.expenses"
    label = "expenses"
    verbose_name = _("Expenses")

    def ready(self) -> None:
        from ontmoeting.expenses import checks  # noqa: F401  (registers the deploy checks)
