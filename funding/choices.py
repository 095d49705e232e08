"""Choices of the funding app, with their labels (and the section of the report each falls in)."""

from enum import nonmember

from django.db import models

from partnerships.core.choices import TaggedChoices


class Section(models.TextChoices):
    """The blocks of a budget monitoring table, in the order the Havering paper prints them."""

    EXPENDITURE = "expenditure", "Expenditure"
    INCOME = "income", "Income"
    ACCRUAL = "accrual", "Accruals (income carried forward)"
    TRANSFER_FROM_RESERVE = "transfer_from_reserve", "Transfers from reserve"
    TRANSFER_TO_RESERVE = "transfer_to_reserve", "Transfers to reserve"


SECTION_TOTAL_LABEL = {
    Section.EXPENDITURE: "Total expenditure",
    Section.INCOME: "Total income",
    Section.ACCRUAL: "Total accrual",
    Section.TRANSFER_FROM_RESERVE: "Total transfer from reserve",
    Section.TRANSFER_TO_RESERVE: "Total transfer to reserve",
}


class LineCategory(models.TextChoices):
    """What a budget line is for (CIPFA's subjective groupings, as council budget reports use)."""

    EMPLOYEE_COSTS = "employee_costs", "Employee costs"
    PREMISES = "premises", "Premises"
    TRANSPORT = "transport", "Transport"
    SUPPLIES_AND_SERVICES = "supplies_and_services", "Supplies and services"
    THIRD_PARTY_PAYMENTS = "third_party_payments", "Third party payments (commissioned work)"
    PARTNER_INCOME = "partner_income", "Partner contributions"
    OTHER_INCOME = "other_income", "Other income (grants, training fees)"
    ACCRUAL = "accrual", "Accrual (unspent income brought or carried forward)"
    TRANSFER_FROM_RESERVE = "transfer_from_reserve", "Transfer from reserve"
    TRANSFER_TO_RESERVE = "transfer_to_reserve", "Transfer to reserve"


SECTION_OF_CATEGORY = {
    LineCategory.EMPLOYEE_COSTS: Section.EXPENDITURE,
    LineCategory.PREMISES: Section.EXPENDITURE,
    LineCategory.TRANSPORT: Section.EXPENDITURE,
    LineCategory.SUPPLIES_AND_SERVICES: Section.EXPENDITURE,
    LineCategory.THIRD_PARTY_PAYMENTS: Section.EXPENDITURE,
    LineCategory.PARTNER_INCOME: Section.INCOME,
    LineCategory.OTHER_INCOME: Section.INCOME,
    LineCategory.ACCRUAL: Section.ACCRUAL,
    LineCategory.TRANSFER_FROM_RESERVE: Section.TRANSFER_FROM_RESERVE,
    LineCategory.TRANSFER_TO_RESERVE: Section.TRANSFER_TO_RESERVE,
}


class SpendKind(models.TextChoices):
    """Whether a monthly figure has happened (actual) or is expected (projection to year end)."""

    ACTUAL = "actual", "Actual"
    PROJECTION = "projection", "Projection"


class ReserveDirection(models.TextChoices):
    """Which way money moves between the year's budget and the partnership's reserve."""

    IN = "in", "Into the reserve"
    OUT = "out", "Out of the reserve"


class FormulaBasis(models.TextChoices):
    """How a total to raise is shared among partners."""

    PERCENTAGES = "percentages", "Fixed percentages (must add up to 100)"
    PROPORTIONS = "proportions", "Proportions (for example population or caseload)"


class ContributionStatus(TaggedChoices):
    """Where a partner's contribution for the year stands."""

    NOT_INVOICED = "not_invoiced", "Not invoiced"
    INVOICED = "invoiced", "Invoiced"
    PART_PAID = "part_paid", "Part paid"
    PAID = "paid", "Paid in full"
    OVERPAID = "overpaid", "Overpaid"
    OVERDUE = "overdue", "Overdue"

    colours = nonmember(
        {
            "not_invoiced": "grey",
            "invoiced": "blue",
            "part_paid": "yellow",
            "paid": "green",
            "overpaid": "purple",
            "overdue": "red",
        }
    )


class InKindKind(models.TextChoices):
    """What a partner gives other than money (the Somerset paper: rooms, parking, training)."""

    ROOMS = "rooms", "Rooms for meetings or training"
    PARKING = "parking", "Parking"
    TRAINING = "training", "Delivery of multi-agency training"
    STAFF_TIME = "staff_time", "Staff time"
    OTHER = "other", "Other"


class ImportKind(models.TextChoices):
    """Which table a spreadsheet fills."""

    BUDGET = "budget", "Budget"
    CONTRIBUTIONS = "contributions", "Contributions"
    SPEND = "spend", "Spend (actuals and projections)"
