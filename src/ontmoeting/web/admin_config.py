"""The Django admin app, with the staff sign-in's admin site (``admin_site.py``) as its site.

Apart from ``admin_site.py`` because Django imports this module before any model exists."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "ontmoeting.web.admin_site.StaffAdminSite"
