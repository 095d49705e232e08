"""The sections of the published arrangements and the yearly report, with their figure builders.

Arrangements: each element Working Together 2018 chapter 3 (and 2023 chapter 2) says the published
arrangements must set out is a required section (docs/statutory-rules.md#published-arrangements),
plus child death review, funding and escalation, which the partners' papers add
(docs/statutory-rules.md#council-papers). Yearly report: docs/statutory-rules.md#yearly-report (what was done, reviews, effectiveness,
impact of training, little progress, actions on review recommendations, children's and families'
views); the independent scrutineer's assessment (Working Together 2023, chapter 2).
"""

from django.utils import timezone

from funding.money import format_pounds
from partnerships.deadlines import rules
from partnerships.deadlines.sources import timetable_for
from publications import blocks, charts, figures
from publications.sections import ARR, LCSPR, YR, Section, add_figures, register

WT = "Working Together to Safeguard Children 2018, chapter 3 (2023: chapter 2)"


def money(pence):
    if pence is None:
        return blocks.DASH
    return format_pounds(pence, whole=True)


# --- Builders -------------------------------------------------------------------------------------


def build_partners(ctx):
    rows = figures.safeguarding_partners(ctx.partnership, ctx.as_of)
    return [
        blocks.table(
            ["Safeguarding partner", "Kind", "Lead representative", "Title", "Delegated to"],
            [(r.organisation, r.sector, r.lead, r.lead_title, "; ".join(r.delegates)) for r in rows],
            caption="The statutory safeguarding partners and their lead representatives",
        )
    ]


def build_areas(ctx):
    rows = figures.areas(ctx.partnership)
    return [
        blocks.table(["Local authority area", "ONS code"], rows, caption="The area the arrangements cover")
    ]


def build_agencies(ctx):
    rows = figures.relevant_agencies(ctx.partnership, ctx.as_of)
    if not rows:
        return []
    return [
        blocks.table(
            ["Relevant agency", "Kind", "Why the partners work with it"],
            [(name, kind, reason) for name, kind, reason, _edu in rows],
            caption=f"Relevant agencies ({len(rows)})",
        )
    ]


def build_education(ctx):
    rows = [
        (name, kind)
        for name, kind, _reason, edu in figures.relevant_agencies(ctx.partnership, ctx.as_of)
        if edu
    ]
    if not rows:
        return []
    return [
        blocks.table(
            ["Education setting", "Kind"], rows, caption="Education settings named as relevant agencies"
        )
    ]


def build_structure(ctx):
    rows = figures.groups(ctx.partnership)
    if not rows:
        return []
    return [
        blocks.svg(
            charts.structure_diagram(rows, title="The partnership's groups"),
            alt=f"Diagram of the partnership's {len(rows)} groups and who each reports to.",
        ),
        blocks.table(
            ["Group", "Kind", "Reports to", "Chair", "Members"],
            [
                (
                    ("— " * depth) + r.name,
                    r.kind,
                    next((p.name for p, _ in rows if p.pk == r.parent_id), ""),
                    r.chair + (" (independent)" if r.chair_is_independent else ""),
                    r.members,
                )
                for r, depth in rows
            ],
            caption="The partnership's groups",
            numeric=(4,),
        ),
    ]


def build_scrutiny(ctx):
    chairs = figures.independent_chairs(ctx.partnership)
    if not chairs:
        return []
    return [blocks.bullets([f"{group}: independent chair {chair}".strip() for group, chair in chairs])]


def build_funding_arrangements(ctx):
    f = figures.funding(ctx.partnership, ctx.period_end or timezone.localdate())
    if not f.contributions:
        return []
    return _funding_blocks(f)


def _funding_blocks(f):
    out = [
        blocks.table(
            ["Partner", "Agreed", "Received"],
            [(name, money(a), money(r)) for name, a, r in f.contributions]
            + [("Total", money(f.agreed_pence), money(f.received_pence))],
            caption=f"Contributions {f.year_label}",
            numeric=(1, 2),
        )
    ]
    if len(f.contributions) > 1:
        out.insert(
            0,
            blocks.svg(
                charts.money_bars(
                    [(n, a, r) for n, a, r in f.contributions], title=f"Contributions {f.year_label}"
                ),
                alt=f"Bar chart of partner contributions agreed and received in {f.year_label}.",
            ),
        )
    if f.budget_pence is not None:
        out.append(
            blocks.key_figures(
                [
                    (f"Expenditure budget {f.year_label}", money(f.budget_pence)),
                    (f"Actual expenditure {f.year_label}", money(f.actual_pence)),
                ]
            )
        )
    if f.in_kind:
        out.append(
            blocks.table(
                ["Partner", "In-kind contribution", "Value"],
                [(n, d, money(v)) for n, d, v in f.in_kind],
                caption="Contributions in kind",
            )
        )
    return out


def build_publication_dates(ctx):
    p = ctx.partnership
    timetable = timetable_for(p)
    return [
        blocks.key_figures(
            [
                ("Due to be published by", timetable.publish_by),
                ("First published", p.arrangements_published_on),
                ("Due to be in operation by", timetable.operate_by),
                ("In operation from", p.arrangements_in_operation_on),
            ]
        )
    ]


def build_overview(ctx):
    p = ctx.partnership
    return [
        blocks.key_figures(
            [
                ("Safeguarding partners", len(figures.safeguarding_partners(p))),
                ("Local authority areas", len(figures.areas(p))),
                ("Relevant agencies", len(figures.relevant_agencies(p))),
                ("Groups", len(figures.groups(p))),
            ]
        )
    ]


def build_timeliness(ctx):
    rows = figures.deadline_timeliness(ctx.partnership, ctx.period_start, ctx.period_end)
    if not rows:
        return [blocks.paragraph("No statutory or local deadlines fell due in the period.")]
    out = []
    if len(rows) > 1:
        out.append(
            blocks.svg(
                charts.timeliness_chart(
                    [(r.label, r.on_time, r.late, r.outstanding) for r in rows],
                    title="Deadlines due in the period",
                ),
                alt="Bar chart of deadlines due in the period by kind: met on time, late and outstanding.",
            )
        )
    out.append(
        blocks.table(
            ["Deadline", "Due", "Met on time", "Met late", "Outstanding", "On time"],
            [
                (
                    r.label,
                    r.due,
                    r.on_time,
                    r.late,
                    r.outstanding,
                    f"{r.on_time_percent}%" if r.on_time_percent is not None else blocks.DASH,
                )
                for r in rows
            ],
            caption="Timeliness against the deadline register",
            numeric=(1, 2, 3, 4, 5),
        )
    )
    return out


def build_actions(ctx):
    a = figures.action_figures(ctx.partnership, ctx.period_start, ctx.period_end)
    return [
        blocks.key_figures(
            [
                ("Actions raised in the period", a.raised),
                ("Actions due in the period", a.due),
                ("Done", a.done),
                ("Done by their due date", a.done_on_time),
                ("Still open", a.open),
                ("Dropped", a.dropped),
            ]
        )
    ]


def build_funding_year(ctx):
    year = ctx.financial_year
    f = figures.funding(ctx.partnership, ctx.as_of, year=year)
    note = blocks.paragraph(ctx.year_note(year, "Budgets and contributions are kept"))
    if not f.contributions and f.budget_pence is None:
        return [blocks.paragraph(f"No budget or contributions are recorded for {f.year_label}."), note]
    return [*_funding_blocks(f), note]


def build_yearly_dates(ctx):
    cycle = ctx.publication.cycle
    if cycle is None:
        return []
    return [
        blocks.key_figures(
            [
                ("Twelve months began", cycle.starts_on),
                ("Due to be published by", cycle.publish_by),
                (
                    "To be sent to the Panel and the What Works Centre",
                    f"within {rules.YEARLY_REPORT_SEND_WITHIN_DAYS} days of publication",
                ),
            ]
        )
    ]


# --- Sections -------------------------------------------------------------------------------------

_ARRANGEMENTS = [
    (
        "partners",
        "The safeguarding partners",
        True,
        [build_partners],
        "How the partners share responsibility; the partnership chair; named lead and delegated partners.",
    ),
    ("area", "The area covered", True, [build_areas], "The geographical area and any shared arrangements."),
    (
        "working_together",
        "How the partners work together",
        True,
        [],
        "How the partners identify and respond to the needs of children in the area.",
    ),
    (
        "structure",
        "Structure of the partnership",
        False,
        [build_structure],
        "How the groups relate and what each does.",
    ),
    (
        "relevant_agencies",
        "Relevant agencies",
        True,
        [build_agencies],
        "Which relevant agencies the partners work with, and why.",
    ),
    (
        "education",
        "Schools, early years and education settings",
        True,
        [build_education],
        "How schools (including independent schools and academies), early years and other education "
        "settings take part.",
    ),
    (
        "youth_custody",
        "Youth custody and residential homes",
        True,
        [],
        "How youth custody and residential homes for children take part.",
    ),
    (
        "scrutiny",
        "Independent scrutiny",
        True,
        [build_scrutiny],
        "Who scrutinises the arrangements independently, how, and the scrutiny plan.",
    ),
    (
        "reviews",
        "Commissioning and publishing local child safeguarding practice reviews",
        True,
        [],
        "How serious incidents are notified, rapid reviews held, LCSPRs commissioned and published.",
    ),
    (
        "child_death",
        "Child death review",
        True,
        [],
        "The child death review partners and the child death overview panel.",
    ),
    (
        "data",
        "Data and intelligence",
        True,
        [],
        "How data and intelligence, including on early help, are used.",
    ),
    (
        "training_audit",
        "Multi-agency training and audit",
        True,
        [],
        "How multi-agency training is commissioned and evaluated, and multi-agency audits run.",
    ),
    (
        "funding",
        "Funding",
        True,
        [build_funding_arrangements],
        "The shared budget and how each partner contributes equitably and proportionately.",
    ),
    (
        "escalation",
        "How to escalate a concern",
        True,
        [],
        "How practitioners and agencies escalate a professional disagreement or concern.",
    ),
    (
        "publication",
        "Publication and review of these arrangements",
        False,
        [build_publication_dates],
        "When the arrangements were published, and when they will next be reviewed.",
    ),
]

_YEARLY = [
    ("introduction", "Introduction", False, [build_overview], "A foreword from the partners."),
    (
        "activity",
        "What the partnership did",
        True,
        [build_actions],
        "What the partners did under the arrangements in the 12 months, and priorities and their progress.",
    ),
    (
        "timeliness",
        "Timeliness",
        False,
        [build_timeliness],
        "Notifications, rapid reviews and other statutory deadlines met on time.",
    ),
    (
        "reviews",
        "Reviews",
        True,
        [],
        "Serious incidents, rapid reviews and LCSPRs: decisions, publications, and actions taken on local and "
        "national review recommendations.",
    ),
    ("child_death", "Child deaths", False, [], "Child death reviews completed and their learning."),
    (
        "training_audit",
        "Training and audit",
        True,
        [],
        "Multi-agency training delivered and evaluated, audits completed, and their impact.",
    ),
    (
        "effectiveness",
        "How effective the arrangements were",
        True,
        [],
        "Evidence of impact, and areas where there has been little progress.",
    ),
    (
        "voice",
        "Children's and families' views",
        True,
        [],
        "How the views of children and families were sought and used.",
    ),
    ("scrutiny", "The independent scrutineer's assessment", True, [], "The scrutineer's assessment."),
    (
        "funding",
        "Funding against budget",
        False,
        [build_funding_year],
        "What the partners contributed and how it was spent.",
    ),
    (
        "changes",
        "What changed since the previous report",
        True,
        [],
        "What is different from the previous report: in the arrangements, the priorities, and what the "
        "figures show.",
    ),
    ("next_year", "Priorities for the year ahead", False, [], "What the partners will do next."),
    ("dates", "Publication", False, [build_yearly_dates], ""),
]

_LCSPR = [
    ("summary", "Summary", True, [], "What the review looked at, anonymised."),
    ("findings", "Findings", True, [], "What the review found."),
    ("recommendations", "Recommendations and improvements", True, [], "What will change."),
    ("response", "The partners' response", False, [], "What the partners have done since."),
]


def register_all():
    for kind, specs in ((ARR, _ARRANGEMENTS), (YR, _YEARLY), (LCSPR, _LCSPR)):
        for order, (key, title, required, builders, guidance) in enumerate(specs):
            register(
                Section(
                    key=f"{kind}:{key}",
                    title=title,
                    kinds=(kind,),
                    order=order * 10,
                    required=required,
                    source=WT if kind != LCSPR else "Working Together 2018, chapter 4",
                    guidance=guidance,
                )
            )
            for builder in builders:
                add_figures(f"{kind}:{key}", builder)
