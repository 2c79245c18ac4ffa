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
from django.shortcuts import redirect, render
from django.urls import reverse_lazy

from ontmoeting.web.client_address import client_address
from ontmoeting.web.ratelimit import over_limit

#: Reset requests per client address and per e-mail address in one window (shared cache).
RESET_LIMIT_PER_IP = 20
RESET_LIMIT_PER_EMAIL = 3
RESET_WINDOW_SECONDS = 3600


class ResetPasswordView(auth_views.PasswordResetView):
    template_name = "web/signin/password_reset.html"
    email_template_name = "web/signin/password_reset_email.txt"
    subject_template_name = "web/signin/password_reset_subject.txt"
    success_url = reverse_lazy("web:password-reset-done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        """Send the mail, within the shared rate limits: too many requests from one client get
        "please wait"; beyond a few for one address the same "check your e-mail" page follows
        and no mail is sent (nobody floods a colleague's mailbox)."""
        limits = {"limit": RESET_LIMIT_PER_IP, "window_seconds": RESET_WINDOW_SECONDS}
        if over_limit("password-reset-ip", client_address(self.request), **limits):
            return render(self.request, "web/signin/too_many.html", status=429)
        email = str(form.cleaned_data["email"]).strip().lower()
        limits["limit"] = RESET_LIMIT_PER_EMAIL
        if over_limit("password-reset-email", email, **limits):
            return redirect(self.get_success_url())
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
