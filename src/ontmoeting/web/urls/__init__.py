"""URLs of the staff web app; each area has its own module."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from ontmoeting.web.views import health, home

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("ontmoeting.web.urls.signin")),
    path("staff/api-tokens/", include("ontmoeting.web.urls.api_tokens")),
    path("staff/", include("ontmoeting.web.urls.staff")),
    path("editions/", include("ontmoeting.web.urls.editions")),
    path("editions/<int:edition_id>/plans/", include("ontmoeting.web.urls.plans")),
    path("editions/<int:edition_id>/tables/", include("ontmoeting.web.urls.cocreation")),
    path("editions/<int:edition_id>/messages/", include("ontmoeting.web.urls.messages")),
    path("editions/<int:edition_id>/documents/", include("ontmoeting.web.urls.documents")),
    path("editions/<int:edition_id>/expenses/", include("ontmoeting.web.urls.expenses")),
    path("me/expenses/", include("ontmoeting.web.urls.my_expenses")),
    path("research/practice/", include("ontmoeting.web.urls.practice_survey")),
    path("research/", include("ontmoeting.web.urls.surveys")),
    path("reports/", include("ontmoeting.web.urls.reports")),
    path("background/", include("ontmoeting.web.urls.background")),
    path("day/", include("ontmoeting.web.urls.dayof")),
    path("", include("ontmoeting.web.urls.trajectories")),
    path("", include("ontmoeting.web.urls.portal")),
]
