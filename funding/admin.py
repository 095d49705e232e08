from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from funding import models


class HistoryAdmin(SimpleHistoryAdmin):
    """Every funding record's admin shows its history (who, when, what changed)."""


@admin.register(models.BudgetLine)
class BudgetLineAdmin(HistoryAdmin):
    list_display = ["name", "partnership", "category", "position", "is_active"]
    list_filter = ["partnership", "category", "is_active"]
    list_select_related = ["partnership"]
    search_fields = ["name"]


class BudgetRevisionInline(admin.TabularInline):
    model = models.BudgetRevision
    extra = 0
    fields = ["number", "effective_on", "reason", "created_by"]
    readonly_fields = ["created_by"]


@admin.register(models.Budget)
class BudgetAdmin(HistoryAdmin):
    list_display = ["__str__", "partnership", "cost_centre"]
    list_filter = ["partnership", "year"]
    list_select_related = ["partnership"]
    inlines = [BudgetRevisionInline]


class BudgetAmountInline(admin.TabularInline):
    model = models.BudgetAmount
    extra = 0
    autocomplete_fields = ["line"]


@admin.register(models.BudgetRevision)
class BudgetRevisionAdmin(HistoryAdmin):
    list_display = ["__str__", "budget", "number", "effective_on", "reason"]
    list_filter = ["budget__partnership"]
    list_select_related = ["budget__partnership"]
    inlines = [BudgetAmountInline]


@admin.register(models.BudgetAmount)
class BudgetAmountAdmin(HistoryAdmin):
    list_display = ["line", "revision", "amount_pence"]
    list_select_related = ["line", "revision__budget"]
    list_filter = ["revision__budget__partnership"]


@admin.register(models.SpendEntry)
class SpendEntryAdmin(HistoryAdmin):
    list_display = ["line", "month", "kind", "amount_pence", "budget"]
    list_filter = ["budget__partnership", "kind"]
    list_select_related = ["line", "budget"]
    date_hierarchy = "month"


@admin.register(models.ReserveTransfer)
class ReserveTransferAdmin(HistoryAdmin):
    """Prefer the budget page: it records transfers through the service."""

    list_display = ("budget", "direction", "amount_pence", "on", "reason")
    list_filter = ("direction",)


@admin.register(models.ContributionFormula)
class ContributionFormulaAdmin(HistoryAdmin):
    list_display = ["name", "partnership", "year", "basis", "amount_to_raise_pence"]
    list_filter = ["partnership", "year"]
    list_select_related = ["partnership"]


class PaymentInline(admin.TabularInline):
    model = models.ContributionPayment
    extra = 0
    fields = ["received_on", "amount_pence", "reference", "recorded_by"]
    readonly_fields = ["recorded_by"]


@admin.register(models.Contribution)
class ContributionAdmin(HistoryAdmin):
    """Prefer the pages: they keep the payment deadline in the register up to date."""

    list_display = ["organisation", "partnership", "year", "amount_pence", "due_date", "invoice_reference"]
    list_filter = ["partnership", "year"]
    list_select_related = ["organisation", "partnership"]
    search_fields = ["organisation__name", "invoice_reference"]
    autocomplete_fields = ["organisation"]
    inlines = [PaymentInline]


@admin.register(models.ContributionPayment)
class ContributionPaymentAdmin(HistoryAdmin):
    list_display = ["contribution", "received_on", "amount_pence", "reference"]
    list_select_related = ["contribution__organisation"]
    list_filter = ["contribution__partnership"]


@admin.register(models.InKindContribution)
class InKindContributionAdmin(HistoryAdmin):
    list_display = ["organisation", "partnership", "year", "kind", "value_pence"]
    list_filter = ["partnership", "year", "kind"]
    list_select_related = ["organisation", "partnership"]
    autocomplete_fields = ["organisation"]


@admin.register(models.FundingImport)
class FundingImportAdmin(HistoryAdmin):
    list_display = ["file_name", "partnership", "kind", "imported_at", "row_count", "has_discrepancy"]
    list_filter = ["partnership", "kind", "has_discrepancy"]
    list_select_related = ["partnership"]
    readonly_fields = ["stated_totals"]
