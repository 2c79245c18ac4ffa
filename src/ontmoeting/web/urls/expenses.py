"""Expense claims of an edition (coordinators only)."""

from django.urls import path

from ontmoeting.web.views import expenses, expenses_reconcile

urlpatterns = [
    path("", expenses.claim_list, name="expenses"),
    path("new/", expenses.claim_enter, name="expenses-new"),
    path("total/", expenses.claim_total, name="expenses-total"),
    path("finance.xlsx", expenses.finance_export, name="expenses-finance"),
    path("rates/", expenses.rates, name="expenses-rates"),
    path("batches/", expenses.batches, name="expenses-batches"),
    path("batches/reconcile/", expenses_reconcile.reconcile, name="expenses-reconcile"),
    path("batches/<int:batch_id>/sepa.xml", expenses.batch_sepa, name="expenses-sepa"),
    path("batches/<int:batch_id>/paid/", expenses.batch_paid, name="expenses-batch-paid"),
    path("<int:claim_id>/", expenses.claim_detail, name="expenses-claim"),
    path("<int:claim_id>/edit/", expenses.claim_enter, name="expenses-edit"),
    path("<int:claim_id>/approve/", expenses.claim_approve, name="expenses-approve"),
    path("<int:claim_id>/reject/", expenses.claim_reject, name="expenses-reject"),
    path("<int:claim_id>/override/", expenses.claim_override, name="expenses-override"),
    path(
        "<int:claim_id>/receipts/<int:receipt_id>/",
        expenses.claim_receipt,
        name="expenses-receipt",
    ),
]
