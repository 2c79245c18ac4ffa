from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpensesConfig(AppConfig):
    name = "ontmoeting.expenses"
    label = "expenses"
    verbose_name = _("Expenses")

    def ready(self) -> None:
        from ontmoeting.expenses.subject import claim_rows
        from ontmoeting.privacy.subject import register_section

        # In a person's copy; kept at erasure (bookkeeping law), see expenses/subject.py.
        register_section("claims", _("Expense claims"), claim_rows, order=48)
        from ontmoeting.expenses import checks  # noqa: F401  (registers the deploy checks)
