"""Evidence of impact on the dashboard: the voice of children and families, "you said, we did", the
outcomes dataset, multi-agency training, and the reserve. Each panel calls the figure function the
yearly report and the Learning overview call (`partnerships.learning.figures`, `funding.figures`) for
the scope's period, so the three always agree."""

from django.http import Http404

from funding import figures as funding_figures
from funding.choices import ReserveDirection
from partnerships.core.periods import financial_year_label
from partnerships.core.tabular import Money
from partnerships.learning import figures as learning
from partnerships.learning.models import EngagementKind
from publications.dashboard.charts import bar_chart
from publications.dashboard.panel_base import Cell, Panel, PanelResult, _count, _date, _label

ALL = "all"


def _text(text, url=""):
    return Cell(text, None, url, numeric=False)


def _plain(value):
    """A stored decimal without its trailing zeros: 77.00 as "77", 19.50 as "19.5"."""
    text = format(value.normalize(), "f")
    return text


def _decimal(value):
    return Cell("Not measured" if value is None else f"{value}", None if value is None else float(value))


def _organisation(row):
    if row == ALL:
        return None
    if not str(row).isdigit():
        raise Http404("No such figure.")
    return int(row)


class VoiceActivities(Panel):
    key = "voice-activities"
    title = "Voice of children and families: who took part"
    description = (
        "Engagement activities held in the period (surveys, groups, consultations) by kind, and how many "
        "children, young people, parents and carers took part. Counts only: no child is named."
    )
    headers = ("Kind of activity", "Activities", "Children and young people", "Parents and carers")
    area_applies = False
    record_columns = (
        ("Held", lambda a: _date(a.held_on)),
        ("Kind", lambda a: a.get_kind_display()),
        ("Children and young people", lambda a: a.children_and_young_people),
        ("Parents and carers", lambda a: a.count_parents_carers),
    )

    def build(self, scope):
        v = learning.voice_activities(scope.partnership, scope.start, scope.end)
        rows = [
            [
                _label(k["label"]),
                _count(scope, self.key, k["kind"], "activities", k["activities"]),
                Cell(str(k["children_and_young_people"]), k["children_and_young_people"]),
                Cell(str(k["parents_carers"]), k["parents_carers"]),
            ]
            for k in v.kinds
        ]
        if rows:
            rows.append(
                [
                    _label("Total"),
                    _count(scope, self.key, ALL, "activities", v.activities),
                    Cell(str(v.children_and_young_people), v.children_and_young_people),
                    Cell(str(v.parents_carers), v.parents_carers),
                ]
            )
        chart = bar_chart(
            self.key,
            self.title,
            [k["label"] for k in v.kinds],
            [
                ("Children and young people", [k["children_and_young_people"] for k in v.kinds]),
                ("Parents and carers", [k["parents_carers"] for k in v.kinds]),
            ],
        )
        result = PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)
        result.figures = v
        return result

    def records(self, scope, row, measure):
        kinds = set(EngagementKind.values)
        if measure != "activities" or not (row == ALL or row in kinds):
            raise Http404("No such figure.")
        return (
            learning.voice_activity_records(
                scope.partnership, scope.start, scope.end, kind=None if row == ALL else row
            )
            .select_related("partnership")
            .order_by("held_on", "pk")
        )


class YouSaidWeDid(Panel):
    key = "you-said-we-did"
    title = "You said, we did"
    description = (
        "What children and families said in the period's engagement activities, what the partnership "
        "did about it, where that stands, and the recorded priority it serves."
    )
    headers = ("You said", "We did", "Status", "Priority")
    area_applies = False

    def build(self, scope):
        v = learning.voice_activities(scope.partnership, scope.start, scope.end)
        rows = []
        for change in v.change_rows:
            if change.priority_id:
                priority = _text(change.priority.title, change.priority.get_absolute_url())
            else:
                priority = _text(
                    f"{change.priority_text} (not a recorded priority)" if change.priority_text else "None"
                )
            rows.append(
                [
                    _label(change.you_said),
                    _text(change.we_did),
                    _text(change.get_status_display()),
                    priority,
                ]
            )
        result = PanelResult(self.key, self.title, self.description, list(self.headers), rows)
        result.figures = v
        return result

    def records(self, scope, row, measure):
        raise Http404("No such figure.")


class OutcomesDataset(Panel):
    key = "outcomes-dataset"
    title = "Outcomes dataset: latest value against target"
    description = (
        "Each active indicator's latest whole-partnership value for a period starting in the scope's "
        "period, the change since the value before, its target and rating, and the priority it measures."
    )
    headers = ("Indicator", "Latest value", "Period", "Change since previous", "Target", "Rating", "Priority")
    area_applies = False

    def build(self, scope):
        statuses = learning.dataset_latest_vs_target(scope.partnership, end=scope.end, start=scope.start)
        rows = []
        for s in statuses:
            i = s.indicator
            latest = s.latest.value if s.latest else None
            if s.change is None:
                trend = _text("No previous value" if s.latest else "")
            else:
                direction = {"better": "better", "worse": "worse", "same": "no change"}.get(s.direction, "")
                sign = "+" if s.change > 0 else ""
                trend = Cell(
                    f"{sign}{_plain(s.change)}" + (f" ({direction})" if direction else ""), float(s.change)
                )
            rag = s.rag
            rows.append(
                [
                    _label(i.name),
                    Cell("No value in the period", None)
                    if latest is None
                    else Cell(_plain(latest), float(latest)),
                    _text(s.latest.period_label if s.latest else ""),
                    trend,
                    Cell("No target", None) if i.target is None else Cell(_plain(i.target), float(i.target)),
                    _text(rag.label if rag else "Not rated"),
                    _text(i.priority.title, i.priority.get_absolute_url())
                    if i.priority_id
                    else _text(i.priority_text or "None"),
                ]
            )
        result = PanelResult(self.key, self.title, self.description, list(self.headers), rows)
        result.figures = statuses
        return result

    def records(self, scope, row, measure):
        raise Http404("No such figure.")


class TrainingReach(Panel):
    key = "training-reach"
    title = "Multi-agency training: reach and change in confidence"
    description = (
        "Places booked on the period's sessions by agency, who attended and who did not come, and the "
        "confidence attendees gave before and after the training (1 to 5, where both were given)."
    )
    headers = (
        "Agency",
        "Booked",
        "Attended",
        "Did not attend",
        "Evaluations",
        "Mean confidence before",
        "Mean confidence after",
    )
    area_applies = False
    record_columns = (
        ("Session", lambda b: _date(b.session.starts_at.date())),
        ("Status", lambda b: b.get_status_display()),
    )

    def build(self, scope):
        reach = learning.training_reach(scope.partnership, scope.start, scope.end)
        change = learning.evaluation_change(scope.partnership, scope.start, scope.end)
        rows = []
        for a in reach.agencies:
            org = a["organisation_id"]
            evaluations, before, after = change.by_agency.get(org, (0, None, None))
            rows.append(
                [
                    _label(a["name"]),
                    _count(scope, self.key, org, "booked", a["booked"]),
                    _count(scope, self.key, org, "attended", a["attended"]),
                    _count(scope, self.key, org, "no_shows", a["no_shows"]),
                    Cell(str(evaluations), evaluations),
                    _decimal(before),
                    _decimal(after),
                ]
            )
        if rows:
            rows.append(
                [
                    _label("Total"),
                    _count(scope, self.key, ALL, "booked", reach.places_taken),
                    _count(scope, self.key, ALL, "attended", reach.attended),
                    _count(scope, self.key, ALL, "no_shows", reach.no_shows),
                    Cell(str(change.evaluations), change.evaluations),
                    _decimal(change.mean_before),
                    _decimal(change.mean_after),
                ]
            )
        agencies = [a["name"] for a in reach.agencies]
        chart = bar_chart(
            self.key,
            self.title,
            agencies,
            [
                ("Attended", [a["attended"] for a in reach.agencies]),
                ("Did not attend", [a["no_shows"] for a in reach.agencies]),
            ],
        )
        result = PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)
        result.figures = (reach, change)
        return result

    def records(self, scope, row, measure):
        if measure not in learning.TRAINING_MEASURES:
            raise Http404("No such figure.")
        return (
            learning.training_booking_records(
                scope.partnership, scope.start, scope.end, organisation=_organisation(row), measure=measure
            )
            .select_related("organisation", "session__course__partnership")
            .order_by("session__starts_at", "attendee_name", "pk")
        )


def _money(pence, url=""):
    return Cell(f"£{pence / 100:,.2f}", pence / 100, url, export=Money.from_pence(pence))


class Reserves(Panel):
    key = "reserves"
    title = "The partnership's reserve"
    description = (
        "The reserve over the financial year: the balance it opened with, money moved into and out of "
        "it, and the balance it closed with on the spending and income recorded so far."
    )
    headers = ("Figure", "Amount")
    area_applies = False
    record_columns = (
        ("Date", lambda t: _date(t.on)),
        ("Reason", lambda t: t.reason),
    )

    def build(self, scope):
        r = funding_figures.reserves(scope.partnership, scope.year)
        rows = []
        if r is not None:
            rows = [
                [_label(f"Opening balance ({r.opening_source})"), _money(r.opening_pence)],
                [
                    _label("Transferred into the reserve"),
                    _money(r.transfers_in_pence, self._url(scope, ReserveDirection.IN, r.transfers_in_pence)),
                ],
                [
                    _label("Transferred out of the reserve"),
                    _money(
                        r.transfers_out_pence, self._url(scope, ReserveDirection.OUT, r.transfers_out_pence)
                    ),
                ],
                [_label("Closing balance"), _money(r.closing_pence)],
            ]
        note = "" if r is not None else f"No budget is recorded for {financial_year_label(scope.year)}."
        result = PanelResult(self.key, self.title, self.description, list(self.headers), rows, note=note)
        result.figures = r
        return result

    def _url(self, scope, direction, pence):
        return scope.records_url(self.key, direction, "transfers") if pence else ""

    def records(self, scope, row, measure):
        if measure != "transfers" or row not in ReserveDirection.values:
            raise Http404("No such figure.")
        return (
            funding_figures.reserve_transfer_records(scope.partnership, scope.year, direction=row)
            .select_related("budget__partnership")
            .order_by("on", "pk")
        )


EVIDENCE_PANELS = [
    VoiceActivities(),
    YouSaidWeDid(),
    OutcomesDataset(),
    TrainingReach(),
    Reserves(),
]
