"""The dashboard's panels: each computes through its owning app's shared figure functions (the yearly
report calls the same ones, so the two always agree), and knows the records behind every figure.

A panel gives a table (rows of cells; each count links to its records), a chart of the same numbers,
and the queryset of records behind any one cell (`records(scope, row, measure)`). Every panel runs a
fixed number of queries, whatever the number of records.
"""

from django.http import Http404

from child_death.choices import Stage
from child_death.figures import yearly_figures
from child_death.models import ChildDeathCase
from funding.figures import contribution_records, contributions_against_agreed
from partnerships.core.choices import ActionSource
from partnerships.core.figures import NO_ORGANISATION, action_records, actions_by_agency, actions_by_source
from partnerships.core.tabular import Money
from publications.dashboard.charts import bar_chart
from publications.dashboard.evidence_panels import EVIDENCE_PANELS
from publications.dashboard.governance_panels import GOVERNANCE_PANELS
from publications.dashboard.panel_base import Cell, Panel, PanelResult, _count, _date, _label, _percent
from reviews import figures as review_figures
from reviews.agency_figures import contribution_records as agency_contribution_records
from reviews.agency_figures import contribution_timeliness_by_agency

# The three statutory timeliness rates (docs/statutory-rules.md#serious-incident-notification: notify the Panel
# within 5 working days; #rapid-review: 15 working days; #lcspr: publish within 6 months).
RATES = (
    (
        "notifications",
        "Serious incidents notified to the Panel within 5 working days",
        review_figures.notifications_within_deadline,
    ),
    (
        "rapid_reviews",
        "Rapid reviews signed off within 15 working days",
        review_figures.rapid_reviews_within_deadline,
    ),
    ("lcsprs", "LCSPRs published within 6 months", review_figures.lcsprs_published_within_deadline),
)


class ReviewTimeliness(Panel):
    key = "review-timeliness"
    title = "Case reviews on time"
    description = (
        "Cases whose outcome is known: done (on time or late) or already past the time limit. "
        "A case still inside its time limit is not counted."
    )
    headers = ("Measure", "On time", "Late or overdue", "Cases measured", "Percentage on time")

    def build(self, scope):
        rows, percents = [], []
        for row, label, func in RATES:
            rate = func(scope.partnership, scope.start, scope.end, area=scope.area, today=scope.today)
            percents.append(rate.percent)
            rows.append(
                [
                    _label(label),
                    _count(scope, self.key, row, "met", rate.met),
                    _count(scope, self.key, row, "missed", rate.total - rate.met),
                    _count(scope, self.key, row, "measured", rate.total),
                    _percent(rate.percent),
                ]
            )
        chart = bar_chart(
            self.key,
            self.title,
            [r[0].text for r in rows],
            [("Percentage on time", percents)],
            maximum=100,
            unit="%",
        )
        return PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)

    def records(self, scope, row, measure):
        """The rows a rate counted, through the same queryset methods (on_time, late, measured)."""
        period = (scope.partnership, scope.start, scope.end, scope.area)
        if row == "notifications":
            qs = review_figures.notifications(*period).select_related("partnership")
        elif row == "rapid_reviews":
            qs = review_figures.rapid_reviews(*period).select_related("notification", "partnership")
        elif row == "lcsprs":
            qs = review_figures.lcsprs(*period).practice_reviews().select_related("partnership")
        else:
            raise Http404("No such figure.")
        if measure == "met":
            qs = qs.on_time()
        elif measure == "missed":
            qs = qs.late(scope.today)
        elif measure == "measured":
            qs = qs.measured(scope.today)
        else:
            raise Http404("No such figure.")
        return qs.order_by(qs.due_field, "pk")

    def record_columns_for(self, row):
        names = {
            "notifications": ("panel_due_date", "panel_notified_on", "Notified to the Panel"),
            "rapid_reviews": ("due_date", "signed_off_on", "Signed off"),
            "lcsprs": ("due_date", "published_on", "Published"),
        }[row]
        return (
            ("Due", lambda o: _date(getattr(o, names[0]))),
            (names[2], lambda o: _date(getattr(o, names[1]))),
        )


class ActionsByAgency(Panel):
    key = "actions-by-agency"
    title = "Open and overdue actions by agency"
    description = (
        "Actions in the action log that are open or in progress today, by the organisation that owns them."
    )
    headers = ("Organisation", "Open", "Overdue")
    area_applies = False
    record_columns = (
        ("Organisation", lambda a: a.owner_organisation or ""),
        ("Due", lambda a: _date(a.due_date)),
    )

    def build(self, scope):
        rows = []
        for r in actions_by_agency(scope.partnership, today=scope.today):
            org = r["organisation_id"] or NO_ORGANISATION
            rows.append(
                [
                    _label(r["name"]),
                    _count(scope, self.key, org, "open", r["open"]),
                    _count(scope, self.key, org, "overdue", r["overdue"]),
                ]
            )
        chart = bar_chart(
            self.key,
            self.title,
            [r[0].text for r in rows],
            [("Open", [r[1].value for r in rows]), ("Overdue", [r[2].value for r in rows])],
        )
        return PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)

    def records(self, scope, row, measure):
        if measure not in ("open", "overdue"):
            raise Http404("No such figure.")
        if row != NO_ORGANISATION and not str(row).isdigit():
            raise Http404("No such figure.")
        return action_records(
            scope.partnership, organisation=row, overdue=measure == "overdue", today=scope.today
        ).select_related("owner_organisation", "partnership")


class ActionsBySource(ActionsByAgency):
    key = "actions-by-source"
    title = "Open and overdue actions by source"
    description = "Open actions by where they came from: meetings, case reviews, audits, scrutiny and others."
    headers = ("Source", "Open", "Overdue")

    def build(self, scope):
        rows = [
            [
                _label(r["name"]),
                _count(scope, self.key, r["source"], "open", r["open"]),
                _count(scope, self.key, r["source"], "overdue", r["overdue"]),
            ]
            for r in actions_by_source(scope.partnership, today=scope.today)
        ]
        chart = bar_chart(
            self.key,
            self.title,
            [r[0].text for r in rows],
            [("Open", [r[1].value for r in rows]), ("Overdue", [r[2].value for r in rows])],
        )
        return PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)

    def records(self, scope, row, measure):
        if measure not in ("open", "overdue") or row not in ActionSource.values:
            raise Http404("No such figure.")
        return action_records(
            scope.partnership, source=row, overdue=measure == "overdue", today=scope.today
        ).select_related("owner_organisation", "partnership")


class AgencyContributions(Panel):
    key = "agency-contributions"
    title = "Agency contributions to rapid reviews on time, by agency"
    description = (
        "Information requests for rapid reviews of incidents in the period: answered by the date asked, "
        "late (answered after it, or unanswered past it), or still inside their time."
    )
    headers = ("Agency", "Requested", "On time", "Late", "Awaiting", "Percentage on time")
    record_columns = (
        ("Due", lambda c: _date(c.due_date)),
        ("Submitted", lambda c: _date(c.submitted_on)),
    )

    def build(self, scope):
        rows = []
        for r in contribution_timeliness_by_agency(
            scope.partnership, scope.start, scope.end, area=scope.area, today=scope.today
        ):
            org = r["organisation_id"]
            rows.append(
                [
                    _label(r["name"]),
                    _count(scope, self.key, org, "all", r["requested"]),
                    _count(scope, self.key, org, "on_time", r["on_time"]),
                    _count(scope, self.key, org, "late", r["late"]),
                    _count(scope, self.key, org, "awaiting", r["awaiting"]),
                    _percent(r["percent"]),
                ]
            )
        chart = bar_chart(
            self.key,
            self.title,
            [r[0].text for r in rows],
            [("Percentage on time", [r[5].value for r in rows])],
            maximum=100,
            unit="%",
        )
        return PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)

    def records(self, scope, row, measure):
        if measure not in ("all", "on_time", "late", "awaiting") or not str(row).isdigit():
            raise Http404("No such figure.")
        return (
            agency_contribution_records(
                scope.partnership,
                scope.start,
                scope.end,
                scope.area,
                organisation=int(row),
                measure=measure,
                today=scope.today,
            )
            .select_related("organisation", "review__notification", "review__partnership")
            .order_by("due_date", "pk")
        )


def _cases(scope):
    cases = ChildDeathCase.objects.visible_to(scope.user).in_partnership(scope.partnership)
    return cases.filter(area_of_residence=scope.area) if scope.area is not None else cases


class ChildDeathStages(Panel):
    key = "child-death-stages"
    title = "Open child death reviews by stage"
    description = "Child death reviews not yet closed today, by stage (children resident in the area)."
    headers = ("Stage", "Open cases")
    record_columns = (
        ("Notified", lambda c: _date(c.notified_on)),
        ("Stage", lambda c: c.get_stage_display()),
    )

    def build(self, scope):
        figures = yearly_figures(_cases(scope), scope.year, on=scope.today, period=scope.period)
        label_to_value = {label: value for value, label in Stage.choices}
        rows = [
            [_label(label), _count(scope, self.key, label_to_value[label], "open", n)]
            for label, n in figures.open_by_stage.items()
        ]
        chart = bar_chart(
            self.key, self.title, [r[0].text for r in rows], [("Open cases", [r[1].value for r in rows])]
        )
        result = PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)
        result.figures = figures
        return result

    def records(self, scope, row, measure):
        if measure != "open" or row not in Stage.values or row == Stage.CLOSED:
            raise Http404("No such figure.")
        return (
            _cases(scope)
            .filter(stage=row, notified_on__lte=scope.today)
            .select_related("panel__host_partnership")
            .order_by("notified_on", "pk")
        )


class ChildDeathTimeToPanel(Panel):
    key = "child-death-time-to-panel"
    title = "Time from notification to panel review"
    description = (
        "Child deaths notified in the period, reviews the panel completed in it, and the days each "
        "review waited since notification."
    )
    headers = ("Figure", "Value")
    record_columns = (
        ("Notified", lambda c: _date(c.notified_on)),
        ("Reviewed by the panel", lambda c: _date(c.panel_reviewed_on)),
        ("Days", lambda c: (c.panel_reviewed_on - c.notified_on).days),
    )

    def build(self, scope):
        f = yearly_figures(_cases(scope), scope.year, on=scope.today, period=scope.period)
        rows = [
            [_label("Deaths notified in the period"), _count(scope, self.key, "notified", "all", f.notified)],
            [
                _label("Reviews completed by the panel"),
                _count(scope, self.key, "reviewed", "all", f.reviews_completed),
            ],
            [
                _label("Median days from notification to panel review"),
                Cell(
                    "No cases" if f.days_to_panel_median is None else f"{f.days_to_panel_median:g}",
                    f.days_to_panel_median,
                ),
            ],
            [
                _label("90th percentile days"),
                Cell(
                    "No cases" if f.days_to_panel_p90 is None else f"{f.days_to_panel_p90:g}",
                    f.days_to_panel_p90,
                ),
            ],
        ]
        chart = bar_chart(
            self.key,
            self.title,
            ["Median", "90th percentile"],
            [("Days", [f.days_to_panel_median, f.days_to_panel_p90])],
            unit=" days",
        )
        return PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)

    def records(self, scope, row, measure):
        if row not in ("reviewed", "notified") or measure != "all":
            raise Http404("No such figure.")
        if row == "notified":
            return (
                _cases(scope)
                .filter(notified_on__range=scope.period)
                .select_related("panel__host_partnership")
                .order_by("notified_on", "pk")
            )
        return (
            _cases(scope)
            .filter(panel_reviewed_on__range=scope.period)
            .select_related("panel__host_partnership")
            .order_by("panel_reviewed_on", "pk")
        )


def _pounds(pence):
    return f"£{pence / 100:,.2f}"


def _money(pence, url):
    return Cell(_pounds(pence), pence / 100, url, export=Money.from_pence(pence))


class FundingContributions(Panel):
    key = "funding-contributions"
    title = "Partner contributions received against agreed"
    description = "What each partner agreed to pay for the financial year and what has been received."
    headers = ("Organisation", "Agreed", "Received", "Outstanding", "Percentage received")
    area_applies = False
    record_columns = (
        ("Agreed", lambda c: _pounds(c.amount_pence)),
        ("Received", lambda c: _pounds(c.received_pence)),
    )

    def build(self, scope):
        rows = []
        for r in contributions_against_agreed(scope.partnership, scope.year):
            url = scope.records_url(self.key, r["organisation_id"], "all")
            rows.append(
                [
                    _label(r["name"]),
                    _money(r["agreed"], url),
                    _money(r["received"], url),
                    _money(r["outstanding"], url),
                    _percent(r["percent"]),
                ]
            )
        if rows:
            totals = [sum(r[i].value for r in rows) for i in (1, 2, 3)]
            rows.append(
                [
                    _label("Total"),
                    *(_money(round(t * 100), scope.records_url(self.key, "all", "all")) for t in totals),
                    _percent(round(100 * totals[1] / totals[0], 1) if totals[0] else None),
                ]
            )
        chart = bar_chart(
            self.key,
            self.title,
            [r[0].text for r in rows if r[0].text != "Total"],
            [
                ("Agreed (£)", [r[1].value for r in rows if r[0].text != "Total"]),
                ("Received (£)", [r[2].value for r in rows if r[0].text != "Total"]),
            ],
        )
        return PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)

    def records(self, scope, row, measure):
        if measure != "all" or not (row == "all" or str(row).isdigit()):
            raise Http404("No such figure.")
        org = None if row == "all" else int(row)
        return (
            contribution_records(scope.partnership, scope.year, organisation=org)
            .with_received()
            .select_related("organisation", "partnership")
            .order_by("organisation__name")
        )


PANELS = [
    ReviewTimeliness(),
    ActionsByAgency(),
    ActionsBySource(),
    AgencyContributions(),
    ChildDeathStages(),
    ChildDeathTimeToPanel(),
    FundingContributions(),
]


# Governance panels (attendance, risks, priorities, Section 11, challenges) after the rest.
PANELS += GOVERNANCE_PANELS
PANELS += EVIDENCE_PANELS


def panel_for(key):
    for panel in PANELS:
        if panel.key == key:
            return panel
    raise Http404("No such panel.")


def build_dashboard(scope):
    return [panel.build(scope) for panel in PANELS]


def headline(scope):
    """The few figures compared across partnerships, from the same functions as the panels."""
    rates = [
        (label, func(scope.partnership, scope.start, scope.end, area=scope.area, today=scope.today))
        for _row, label, func in RATES
    ]
    agencies = actions_by_agency(scope.partnership, today=scope.today)
    return {
        "rates": rates,
        "open_actions": sum(r["open"] for r in agencies),
        "overdue_actions": sum(r["overdue"] for r in agencies),
    }
