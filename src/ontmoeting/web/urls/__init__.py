"""URLs of the staff web app; each area has its own module."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from ontmoeting.web.views import home

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/", include("ontmoeting.web.urls.staff")),
]
