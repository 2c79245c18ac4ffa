from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "ontmoeting.web"
    label = "web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from ontmoeting.web.signin.session import stamp_sign_in

        # Every staff sign-in starts the session's clocks (web/signin/session.py).
        user_logged_in.connect(stamp_sign_in, dispatch_uid="ontmoeting-staff-session")
