from django.urls import path

from funding import views

app_name = "funding"

# All under /p/<partnership>/funding/ (see config/urls.py).
urlpatterns = [
    path("", views.FundingOverview.as_view(), name="overview"),
    path("lines/", views.LineList.as_view(), name="line_list"),
    path("lines/new/", views.LineCreate.as_view(), name="line_create"),
    path("lines/<int:pk>/edit/", views.LineUpdate.as_view(), name="line_update"),
    path("budgets/new/", views.BudgetCreate.as_view(), name="budget_create"),
    path("budgets/<int:pk>/", views.BudgetDetail.as_view(), name="budget_detail"),
    path("budgets/<int:pk>/edit/", views.BudgetUpdate.as_view(), name="budget_update"),
    path("budgets/<int:pk>/revise/", views.BudgetRevise.as_view(), name="budget_revise"),
    path("budgets/<int:pk>/spend/new/", views.SpendCreate.as_view(), name="spend_create"),
    path("budgets/<int:pk>/project/", views.BudgetProject.as_view(), name="budget_project"),
    path(
        "budgets/<int:pk>/reserve/transfers/new/",
        views.ReserveTransferCreate.as_view(),
        name="reserve_transfer_create",
    ),
    path("spend/", views.SpendList.as_view(), name="spend_list"),
    path("spend/<int:pk>/edit/", views.SpendUpdate.as_view(), name="spend_update"),
    path("spend/<int:pk>/delete/", views.SpendDelete.as_view(), name="spend_delete"),
    path("contributions/", views.ContributionList.as_view(), name="contribution_list"),
    path("contributions/new/", views.ContributionCreate.as_view(), name="contribution_create"),
    path("contributions/<int:pk>/", views.ContributionDetail.as_view(), name="contribution_detail"),
    path("contributions/<int:pk>/edit/", views.ContributionUpdate.as_view(), name="contribution_update"),
    path("contributions/<int:pk>/invoice/", views.ContributionInvoice.as_view(), name="contribution_invoice"),
    path("contributions/<int:pk>/payments/new/", views.PaymentCreate.as_view(), name="payment_create"),
    path(
        "contributions/<int:pk>/payments/<int:payment_pk>/remove/",
        views.PaymentRemove.as_view(),
        name="payment_remove",
    ),
    path("years/<int:year>/contributions/", views.ContributionYear.as_view(), name="contribution_year"),
    path("in-kind/", views.InKindList.as_view(), name="in_kind_list"),
    path("in-kind/new/", views.InKindCreate.as_view(), name="in_kind_create"),
    path("in-kind/<int:pk>/edit/", views.InKindUpdate.as_view(), name="in_kind_update"),
    path("formulas/", views.FormulaList.as_view(), name="formula_list"),
    path("formulas/new/", views.FormulaCreate.as_view(), name="formula_create"),
    path("formulas/<int:pk>/", views.FormulaDetail.as_view(), name="formula_detail"),
    path("formulas/<int:pk>/edit/", views.FormulaUpdate.as_view(), name="formula_update"),
    path("formulas/<int:pk>/shares/", views.FormulaShareAdd.as_view(), name="formula_share_add"),
    path("imports/", views.ImportList.as_view(), name="import_list"),
    path("imports/new/", views.ImportCreate.as_view(), name="import_create"),
    path("imports/<int:pk>/", views.ImportDetail.as_view(), name="import_detail"),
]
