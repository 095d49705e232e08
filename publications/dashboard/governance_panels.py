"""Governance panels (governance records): executive attendance, risk heat map, priorities by RAG,
Section 11 returns and open challenges, through `partnerships.scrutiny_figures`."""

from django.http import Http404

from partnerships.assurance import figures as assurance_figures
from partnerships.governance import figures as gf
from partnerships.governance.choices import PriorityRAG
from publications.dashboard.charts import bar_chart, heat_map
from publications.dashboard.panel_base import Cell, Panel, PanelResult, _count, _date, _label, _percent


def _digits(value):
    if not str(value).isdigit():
        raise Http404("No such figure.")
    return int(value)


class ExecutiveAttendance(Panel):
    key = "executive-attendance"
    title = "Attendance at the executive by statutory partner"
    description = (
        "Meetings of the executive group held in the period, and how many each statutory partner "
        "attended (in person or by a deputy)."
    )
    headers = ("Partner", "Meetings held", "Attended", "Apologies", "Absent", "Percentage attended")
    area_applies = False
    record_columns = (
        ("Date", lambda m: _date(m.starts_at.date())),
        ("Status", lambda m: m.get_status_display()),
    )

    def build(self, scope):
        held, partners = gf.executive_attendance(scope.partnership, scope.start, scope.end)
        rows = [
            [
                _label(r["name"]),
                _count(scope, self.key, r["organisation_id"], "held", held),
                _count(scope, self.key, r["organisation_id"], "attended", r["attended"]),
                _count(scope, self.key, r["organisation_id"], "apologies", r["apologies"]),
                _count(scope, self.key, r["organisation_id"], "absent", r["absent"]),
                _percent(r["percent"]),
            ]
            for r in partners
        ]
        chart = bar_chart(
            self.key,
            self.title,
            [r[0].text for r in rows],
            [("Percentage attended", [r[5].value for r in rows])],
            maximum=100,
            unit="%",
        )
        return PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)

    def records(self, scope, row, measure):
        if measure not in ("held", "attended", "apologies", "absent"):
            raise Http404("No such figure.")
        return (
            gf.attendance_records(scope.partnership, scope.start, scope.end, _digits(row), measure)
            .select_related("partnership", "group")
            .order_by("starts_at", "pk")
        )


IMPACT_LABELS = ("1 Negligible", "2 Minor", "3 Moderate", "4 Major", "5 Severe")


class RiskHeatMap(Panel):
    key = "risk-heat-map"
    title = "Risk register heat map"
    description = "Open risks by likelihood (rows) and impact (columns), each scored 1 to 5; a count links to its risks."
    headers = ("Likelihood", *IMPACT_LABELS)
    area_applies = False
    record_columns = (
        ("Likelihood", lambda r: r.likelihood),
        ("Impact", lambda r: r.impact),
        ("Score", lambda r: r.score),
        ("Review by", lambda r: _date(r.review_date)),
    )

    def build(self, scope):
        counts = gf.risk_heat_map(scope.partnership)
        rows = [
            [_label(str(likelihood))]
            + [
                _count(scope, self.key, f"{likelihood}-{impact}", "open", counts.get((likelihood, impact), 0))
                for impact in range(1, 6)
            ]
            for likelihood in range(5, 0, -1)
        ]
        return PanelResult(
            self.key,
            self.title,
            self.description,
            list(self.headers),
            rows,
            heat_map(self.key, self.title, counts),
        )

    def records(self, scope, row, measure):
        try:
            likelihood, impact = (int(x) for x in str(row).split("-"))
        except ValueError:
            raise Http404("No such figure.") from None
        if measure != "open" or not (1 <= likelihood <= 5 and 1 <= impact <= 5):
            raise Http404("No such figure.")
        return (
            gf.risk_records(scope.partnership, likelihood, impact)
            .select_related("partnership")
            .order_by("-score", "pk")
        )


class PrioritiesByRAG(Panel):
    key = "priorities-rag"
    title = "Priorities by RAG rating"
    description = "The year's priorities by their latest progress rating."
    headers = ("Rating", "Priorities")
    area_applies = False

    def build(self, scope):
        rows = [
            [_label(label), _count(scope, self.key, value, "latest", n)]
            for value, label, n in gf.priorities_by_rag(scope.partnership, scope.year)
        ]
        chart = bar_chart(
            self.key, self.title, [r[0].text for r in rows], [("Priorities", [r[1].value for r in rows])]
        )
        return PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)

    def records(self, scope, row, measure):
        if measure != "latest" or row not in (*PriorityRAG.values, gf.NO_UPDATE):
            raise Http404("No such figure.")
        return (
            gf.priority_records(scope.partnership, scope.year, row)
            .select_related("partnership")
            .order_by("position", "pk")
        )


class Section11Returns(Panel):
    key = "section-11-returns"
    title = "Section 11 returns"
    description = (
        "Agency self-assessments under section 11 of the Children Act 2004, by cycle due in the period: "
        "returns submitted, not submitted and overdue, and the average (lowest to highest) of the "
        "self-assessed scores and of this partnership's moderated scores."
    )
    headers = (
        "Cycle",
        "Returns asked for",
        "Submitted",
        "Not submitted",
        "Overdue",
        "Percentage submitted",
        "Self-assessed score",
        "Moderated score",
        "Moderated below self-assessment",
    )
    area_applies = False
    record_columns = (
        ("Status", lambda r: r.get_status_display()),
        ("Submitted", lambda r: _date(r.submitted_on)),
    )
    measures = ("all", "submitted", "not_submitted", "overdue")

    def build(self, scope):
        summaries = assurance_figures.section11_summary(
            scope.partnership,
            assurance_figures.section11_cycles(scope.partnership, scope.start, scope.end),
            on=scope.today,
        )
        rows = [
            [
                _label(s.title),
                _count(scope, self.key, s.cycle_id, "all", s.requested),
                _count(scope, self.key, s.cycle_id, "submitted", s.submitted),
                _count(scope, self.key, s.cycle_id, "not_submitted", s.not_submitted),
                _count(scope, self.key, s.cycle_id, "overdue", s.overdue),
                _percent(s.percent_submitted),
                Cell(str(s.self_assessed), s.self_assessed.average),
                Cell(str(s.moderated), s.moderated.average),
                Cell(str(s.lower), s.lower),
            ]
            for s in summaries
        ]
        chart = bar_chart(
            self.key,
            self.title,
            [r[0].text for r in rows],
            [("Percentage submitted", [r[5].value for r in rows])],
            maximum=100,
            unit="%",
        )
        return PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)

    def records(self, scope, row, measure):
        if measure not in self.measures:
            raise Http404("No such figure.")
        return (
            assurance_figures.section11_records(scope.partnership, _digits(row), measure, on=scope.today)
            .select_related("organisation", "cycle__partnership")
            .order_by("organisation__name", "pk")
        )


class OpenChallenges(Panel):
    key = "open-challenges"
    title = "Open scrutiny challenges"
    description = "Challenges put to the partners that are not yet closed, by where they stand."
    headers = ("Status", "Challenges")
    area_applies = False
    record_columns = (("Raised", lambda c: _date(c.raised_on)), ("Raised by", lambda c: c.raised_by_name))

    def build(self, scope):
        rows = [
            [_label(label), _count(scope, self.key, value, "open", n)]
            for value, label, n in assurance_figures.open_challenges(scope.partnership)
        ]
        chart = bar_chart(
            self.key, self.title, [r[0].text for r in rows], [("Challenges", [r[1].value for r in rows])]
        )
        return PanelResult(self.key, self.title, self.description, list(self.headers), rows, chart)

    def records(self, scope, row, measure):
        if measure != "open" or row not in {
            v for v, _l, _n in assurance_figures.open_challenges(scope.partnership)
        }:
            raise Http404("No such figure.")
        return (
            assurance_figures.challenge_records(scope.partnership, row)
            .select_related("partnership")
            .order_by("raised_on", "pk")
        )


GOVERNANCE_PANELS = [
    ExecutiveAttendance(),
    RiskHeatMap(),
    PrioritiesByRAG(),
    Section11Returns(),
    OpenChallenges(),
]
