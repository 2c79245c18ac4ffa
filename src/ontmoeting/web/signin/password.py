"""Password change (signed in) and reset by e-mail: Django's views with our templates.

The reset mail is sent at once over the configured SMTP server, not through the outbox: it
carries a live one-time link, which the outbox must never store. Its link points at
``SITE_URL``, never at the Host header a request brings.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse
from django.urls import reverse_lazy


class ResetPasswordView(auth_views.PasswordResetView):
    template_name = "web/signin/password_reset.html"
    email_template_name = "web/signin/password_reset_email.txt"
    subject_template_name = "web/signin/password_reset_subject.txt"
    success_url = reverse_lazy("web:password-reset-done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


reset_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="web/signin/password_reset_sent.html"
)
reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="web/signin/password_reset_confirm.html",
    success_url=reverse_lazy("web:password-reset-complete"),
)
reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="web/signin/password_reset_complete.html"
)
change = auth_views.PasswordChangeView.as_view(
    template_name="web/signin/password_change.html",
    success_url=reverse_lazy("web:password-change-done"),
)
change_done = auth_views.PasswordChangeDoneView.as_view(
    template_name="web/signin/password_change_done.html"
)
