"""The expert's own claim, on the personal page (the participant comes from the session)."""

from django.urls import path

from ontmoeting.web.views import my_expenses

urlpatterns = [
    path("", my_expenses.my_claim, name="my-expenses"),
    path("total/", my_expenses.my_total, name="my-expenses-total"),
    path("receipts/<int:receipt_id>/", my_expenses.my_receipt, name="my-expenses-receipt"),
]
