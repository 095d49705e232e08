"""Figures for published documents and pages, computed from the records when asked for.

Each function takes the partnership (and, for a period, its first and last day) and returns plain
values: counts, dates, organisation-level facts. Nothing here returns a field of a case record
about a child, which is what lets the documents built from these be published (and
publications/safety.py checks the result anyway).
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Q

from funding.choices import Section as FundingSection
from funding.models import Budget, Contribution, InKindContribution
from funding.reports import contributions_summary, load_figures, partnership_lines
from partnerships.core.choices import ActionSource, ActionStatus, OrganisationKind
from partnerships.core.models import Action, DelegatedOfficer, Group, RelevantAgency, SafeguardingPartner
from partnerships.core.periods import FinancialYear
from partnerships.core.registry import deadline_kind
from partnerships.deadlines.models import Deadline

EDUCATION_KINDS = {
    OrganisationKind.SCHOOL,
    OrganisationKind.INDEPENDENT_SCHOOL,
    OrganisationKind.COLLEGE,
    OrganisationKind.UNIVERSITY,
    OrganisationKind.EARLY_YEARS,
}


# --- The partnership: partners, areas, agencies, groups -----------------------------------------


@dataclass
class PartnerRow:
    organisation: str
    sector: str
    lead: str
    lead_title: str
    delegates: list


def safeguarding_partners(partnership, on=None):
    """Each statutory partner, its lead representative and delegated officers (two queries). Each
    partner is named as on `on` (today by default): a CCG's ICB from 1 July 2022
    (docs/statutory-rules.md#successors)."""
    partners = list(
        SafeguardingPartner.objects.filter(partnership=partnership)
        .select_related("organisation__successor", "lead_representative")
        .order_by("organisation__kind", "organisation__name")
    )
    delegates = {}
    for d in DelegatedOfficer.objects.filter(partner__in=partners).select_related("person"):
        label = d.person.get_full_name() or d.person.username
        if d.title:
            label += f", {d.title}"
        if d.is_delegated_safeguarding_partner:
            label += " (delegated safeguarding partner)"
        delegates.setdefault(d.partner_id, []).append(label)
    return [
        PartnerRow(
            organisation=p.organisation.name_on(on),
            sector=p.organisation.as_of(on).get_kind_display(),
            lead=(p.lead_representative.get_full_name() or p.lead_representative.username)
            if p.lead_representative
            else "",
            lead_title=p.lead_title,
            delegates=delegates.get(p.pk, []),
        )
        for p in partners
    ]


def areas(partnership):
    return [(a.name, a.code) for a in partnership.areas.order_by("name")]


def relevant_agencies(partnership, on=None):
    """(organisation, kind label, reason, is education) for each relevant agency, named as on `on`
    (today by default; docs/statutory-rules.md#successors)."""
    rows = []
    for a in (
        RelevantAgency.objects.filter(partnership=partnership)
        .select_related("organisation__successor")
        .order_by("organisation__name")
    ):
        org = a.organisation.as_of(on)
        rows.append((org.name, org.get_kind_display(), a.reason, org.kind in EDUCATION_KINDS))
    return rows


def agencies_by_kind(partnership):
    counts = Counter(kind for _name, kind, _reason, _edu in relevant_agencies(partnership))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass
class GroupRow:
    pk: int
    name: str
    kind: str
    parent_id: int | None
    chair: str
    chair_is_independent: bool
    purpose: str
    members: int


def groups(partnership):
    """The active groups with their chairs and seat counts, parents before children (one query)."""
    rows = [
        GroupRow(
            g.pk,
            g.name,
            g.get_kind_display(),
            g.parent_id,
            (g.chair.get_full_name() or g.chair.username) if g.chair else "",
            g.chair_is_independent,
            g.purpose,
            g.seat_count,
        )
        for g in Group.objects.filter(partnership=partnership, is_active=True)
        .select_related("chair")
        .annotate(seat_count=Count("members"))
        .order_by("name")
    ]
    return tree_order(rows)


def tree_order(rows):
    """Rows ordered depth-first from the top groups, each with its depth: [(row, depth)]."""
    known = {r.pk for r in rows}
    children = {}
    for r in rows:
        parent = r.parent_id if r.parent_id in known else None
        children.setdefault(parent, []).append(r)
    ordered = []

    def walk(parent, depth):
        for r in children.get(parent, []):
            ordered.append((r, depth))
            walk(r.pk, depth + 1)

    walk(None, 0)
    return ordered


def independent_chairs(partnership):
    return [(r.name, r.chair) for r, _depth in groups(partnership) if r.chair_is_independent]


# --- Deadlines and actions in a period ------------------------------------------------------------


@dataclass
class TimelinessRow:
    kind: str
    label: str
    due: int
    on_time: int
    late: int
    outstanding: int

    @property
    def on_time_percent(self):
        done = self.on_time + self.late
        return round(100 * self.on_time / done) if done else None


def deadline_timeliness(partnership, start, end):
    """Deadlines in the register falling due in the period, by kind: met on time, late, outstanding.

    The same register (partnerships.Deadline) the deadlines pages list; one query however many rows.
    Review and child death kinds (notifications, rapid reviews, LCSPRs) appear here as soon as
    those apps write their deadlines.
    """
    rows = (
        Deadline.objects.filter(partnership=partnership, is_active=True, due_date__range=(start, end))
        .values("kind")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=Q(met_on__isnull=False, met_on__lte=F("due_date"))),
            late=Count("pk", filter=Q(met_on__isnull=False, met_on__gt=F("due_date"))),
            outstanding=Count("pk", filter=Q(met_on__isnull=True)),
        )
        .order_by("kind")
    )
    result = []
    for r in rows:
        registered = deadline_kind(r["kind"])
        label = registered.label if registered else r["kind"].replace("_", " ").capitalize()
        result.append(TimelinessRow(r["kind"], label, r["due"], r["on_time"], r["late"], r["outstanding"]))
    return sorted(result, key=lambda r: r.label)


@dataclass
class ActionFigures:
    due: int
    done: int
    done_on_time: int
    open: int
    dropped: int
    raised: int


def action_figures(partnership, start, end):
    """Actions of the action log due in the period, and those raised in it (one query)."""
    figures = Action.objects.filter(partnership=partnership).aggregate(
        due=Count("pk", filter=Q(due_date__range=(start, end))),
        done=Count("pk", filter=Q(due_date__range=(start, end), status=ActionStatus.DONE)),
        done_on_time=Count(
            "pk",
            filter=Q(
                due_date__range=(start, end),
                status=ActionStatus.DONE,
                completed_on__isnull=False,
                completed_on__lte=F("due_date"),
            ),
        ),
        open=Count(
            "pk",
            filter=Q(due_date__range=(start, end), status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS]),
        ),
        dropped=Count("pk", filter=Q(due_date__range=(start, end), status=ActionStatus.DROPPED)),
        raised=Count("pk", filter=Q(created_at__date__range=(start, end))),
    )
    return ActionFigures(**figures)


@dataclass
class ReviewActionRow:
    label: str
    raised: int
    completed: int
    completed_on_time: int
    open_at_end: int
    overdue_at_end: int


def review_action_figures(partnership, start, end):
    """Actions on the recommendations of local case reviews and of national reviews (the Child
    Safeguarding Practice Review Panel's), as the yearly report shows them
    (docs/statutory-rules.md#yearly-report): raised and completed in the period, and open (and
    overdue) at its end. One query."""
    open_at_end = Q(created_at__date__lte=end) & (
        Q(status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
        | Q(status=ActionStatus.DONE, completed_on__gt=end)
    )
    completed = Q(status=ActionStatus.DONE, completed_on__range=(start, end))
    counts = {
        row["source_kind"]: row
        for row in Action.objects.filter(
            partnership=partnership, source_kind__in=[ActionSource.REVIEW, ActionSource.NATIONAL_REVIEW]
        )
        .order_by()
        .values("source_kind")
        .annotate(
            raised=Count("pk", filter=Q(created_at__date__range=(start, end))),
            completed=Count("pk", filter=completed),
            completed_on_time=Count("pk", filter=completed & Q(completed_on__lte=F("due_date"))),
            open_at_end=Count("pk", filter=open_at_end),
            overdue_at_end=Count("pk", filter=open_at_end & Q(due_date__lt=end)),
        )
    }
    rows = []
    for kind, label in (
        (ActionSource.REVIEW, "Local reviews (rapid reviews, LCSPRs, learning reviews)"),
        (ActionSource.NATIONAL_REVIEW, "National reviews (Child Safeguarding Practice Review Panel)"),
    ):
        c = counts.get(kind, {})
        rows.append(
            ReviewActionRow(
                label=label,
                **{
                    k: c.get(k, 0)
                    for k in ("raised", "completed", "completed_on_time", "open_at_end", "overdue_at_end")
                },
            )
        )
    return rows


# --- Funding --------------------------------------------------------------------------------------


@dataclass
class FundingFigures:
    year_label: str
    contributions: list  # (organisation, agreed pence, received pence)
    agreed_pence: int
    received_pence: int
    budget_pence: int | None
    actual_pence: int | None
    in_kind: list  # (organisation, description, value pence or None)


def funding(partnership, on, year=None):
    """Financial year `year` (a FinancialYear; by default the one containing `on`): contributions
    agreed and received (the same queries as the funding pages), expenditure budget against actual,
    and in-kind contributions. Contributors are named as on `on` (docs/statutory-rules.md#successors)."""
    year = year or FinancialYear.containing(on)
    contributions = list(
        Contribution.objects.in_partnership(partnership)
        .for_year(year.start_year)
        .with_received()
        .select_related("organisation__successor")
        .order_by("-amount_pence", "organisation__name")
    )
    summary = contributions_summary(contributions)
    budget = Budget.objects.filter(partnership=partnership, year=year.start_year).first()
    budget_pence = actual_pence = None
    if budget is not None:
        figures = load_figures([budget])[budget.pk]
        spending = {
            line.pk for line in partnership_lines(partnership) if line.section == FundingSection.EXPENDITURE
        }
        budget_pence = sum(p for line, p in figures.budget_by_line.items() if line in spending)
        actual_pence = sum(p for line, p in figures.actual_by_line().items() if line in spending)
    in_kind = [
        (i.organisation.name_on(on), i.description, i.value_pence)
        for i in InKindContribution.objects.in_partnership(partnership)
        .filter(year=year.start_year)
        .select_related("organisation__successor")
    ]
    return FundingFigures(
        year_label=year.label,
        contributions=[(r.contribution.organisation.name_on(on), r.agreed, r.received) for r in summary.rows],
        agreed_pence=summary.agreed_pence,
        received_pence=summary.received_pence,
        budget_pence=budget_pence,
        actual_pence=actual_pence,
        in_kind=in_kind,
    )
