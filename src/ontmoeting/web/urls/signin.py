from django.urls import path

from ontmoeting.web.signin import password, views

urlpatterns = [
    path("login/code/", views.code, name="signin-code"),
    path("login/reset/", password.ResetPasswordView.as_view(), name="password-reset"),
    path("login/reset/sent/", password.reset_sent, name="password-reset-done"),
    path("login/reset/<uidb64>/<token>/", password.reset_confirm, name="password-reset-confirm"),
    path("login/reset/done/", password.reset_complete, name="password-reset-complete"),
    path("account/", views.account, name="account"),
    path("account/password/", password.change, name="password-change"),
    path("account/password/done/", password.change_done, name="password-change-done"),
]
