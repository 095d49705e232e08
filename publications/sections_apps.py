"""The yearly report's figures from the case review, child death, governance and learning apps.

Each builder calls the same shared figure function as the scrutiny dashboard (reviews/figures.py,
child_death/figures.py, partnerships/learning_figures.py), so the report and the dashboard agree.
Aggregates only: no case record's details (publications/safety.py checks what is published).
Registered from PublicationsConfig.ready() through `sections.add_figures`.
"""

import datetime

from child_death import figures as cdr
from child_death.models import ChildDeathCase
from funding import figures as funding_figures
from funding.money import format_pounds
from partnerships.assurance import figures as assurance_figures
from partnerships.core.periods import add_months
from partnerships.governance import figures as governance_figures
from partnerships.learning import figures as learning
from publications import blocks
from publications import figures as partnership_figures
from publications.models import Publication
from publications.sections import YR, add_figures
from reviews import figures as reviews


def build_review_timeliness(ctx):
    p, start, end = ctx.partnership, ctx.period_start, ctx.period_end
    return [
        blocks.key_figures(
            [
                (
                    "Serious incidents notified to the Panel within 5 working days",
                    reviews.notifications_within_deadline(p, start, end),
                ),
                (
                    "Rapid reviews completed within 15 working days",
                    reviews.rapid_reviews_within_deadline(p, start, end),
                ),
                ("LCSPRs published within 6 months", reviews.lcsprs_published_within_deadline(p, start, end)),
            ]
        )
    ]


def build_reviews(ctx):
    p, start, end = ctx.partnership, ctx.period_start, ctx.period_end
    return [
        blocks.table(
            ["Stage", "Number"],
            reviews.counts_by_stage(p, start, end),
            caption="Case reviews in the period",
            numeric=(1,),
        ),
        blocks.table(
            ["Rapid review decision", "Number"],
            reviews.decisions(p, start, end),
            caption="What the partners decided after each rapid review",
            numeric=(1,),
        ),
    ]


def _days(value):
    return "None completed" if value is None else f"{value:g} days"


def build_child_deaths(ctx):
    start, end = ctx.period_start, ctx.period_end
    cases = ChildDeathCase.objects.filter(panel__partnerships=ctx.partnership).distinct()
    f = cdr.period_figures(cases, start, end)
    share = "No reviews completed" if f.modifiable_share is None else f"{f.modifiable_percent:g}%"
    out = [
        blocks.key_figures(
            [
                ("Child deaths notified in the period", f.notified),
                ("Reviews completed by the child death overview panel in the period", f.reviews_completed),
                ("Reviews completed that found modifiable factors", share),
                ("Median time from death to the panel's review", _days(f.days_death_to_review_median)),
            ]
        )
    ]
    if f.reviews_completed:
        out.append(
            blocks.table(
                ["Category of death", "Reviews completed"],
                [*f.reviews_by_category.items(), ("Total", f.reviews_completed)],
                caption="Reviews completed in the period, by category of death",
                numeric=(1,),
            )
        )
        out.append(
            blocks.table(
                ["Panel's finding", "Reviews completed"],
                [*f.reviews_by_modifiable.items(), ("Total", f.reviews_completed)],
                caption="Modifiable factors among the reviews completed in the period",
                numeric=(1,),
            )
        )
    out.append(
        blocks.paragraph(
            "Deaths are counted by the day the panel was notified and reviews by the day the panel "
            f"completed them, from {start:%-d %B %Y} to {end:%-d %B %Y}. The National Child Mortality "
            "Database publishes its figures by April-to-March year, so they may differ."
        )
    )
    return out


def build_review_actions(ctx):
    rows = partnership_figures.review_action_figures(ctx.partnership, ctx.period_start, ctx.period_end)
    if not any(r.raised or r.completed or r.open_at_end for r in rows):
        return [blocks.paragraph("No actions on local or national review recommendations were recorded.")]
    return [
        blocks.table(
            [
                "Recommendations from",
                "Raised",
                "Completed",
                "Completed by due date",
                "Open at end",
                "Overdue",
            ],
            [
                (r.label, r.raised, r.completed, r.completed_on_time, r.open_at_end, r.overdue_at_end)
                for r in rows
            ],
            caption="Actions on local and national review recommendations in the period",
            numeric=(1, 2, 3, 4, 5),
        )
    ]


def build_priorities(ctx):
    year = ctx.financial_year
    rows = [
        (label, n) for _, label, n in governance_figures.priorities_by_rag(ctx.partnership, year.start_year)
    ]
    if not any(n for _, n in rows):
        return []
    return [
        blocks.table(
            ["Latest progress rating", "Priorities"],
            rows,
            caption=f"The priorities for {year.label} by progress",
            numeric=(1,),
        ),
        blocks.paragraph(ctx.year_note(year, "Priorities are set")),
    ]


def build_section11(ctx):
    """Section 11 cycles due in the report period: the same summary as the cycle page and the
    dashboard's Section 11 panel (partnerships/assurance/figures.py)."""
    p = ctx.partnership
    out = []
    for s in assurance_figures.section11_summary(
        p, assurance_figures.section11_cycles(p, ctx.period_start, ctx.period_end)
    ):
        out.append(
            blocks.key_figures(
                [
                    (f"{s.title}: Section 11 returns asked for", s.requested),
                    ("Returns submitted", s.submitted),
                    ("Returns not submitted", s.not_submitted),
                    ("Returns overdue", s.overdue),
                    ("Self-assessed score, average (lowest to highest)", str(s.self_assessed)),
                    ("Moderated score, average (lowest to highest)", str(s.moderated)),
                    (
                        "Moderated scores below, equal to and above the self-assessment",
                        f"{s.lower}, {s.same}, {s.higher}",
                    ),
                ]
            )
        )
        if s.standards:
            out.append(
                blocks.table(
                    ["Standard", "Self-assessed", "Moderated"],
                    [(f"{n}. {title}", str(own), str(moderated)) for n, title, own, moderated in s.standards],
                    caption=f"{s.title}: scores by standard, average (lowest to highest)",
                )
            )
    return out


def build_training(ctx):
    s = learning.yearly_report_sections(ctx.partnership, ctx.period_start, ctx.period_end)
    t, e, b = s["training"], s["evaluation"], s["learning"]
    figures = [
        ("Multi-agency training sessions held", t.sessions_held),
        ("Practitioners who attended", t.attended),
        ("Agencies reached", t.agencies_reached),
        ("Evaluations returned", e.evaluations),
    ]
    if e.mean_before is not None and e.mean_after is not None:
        figures.append(
            ("Mean confidence before and after training (1 to 5)", f"{e.mean_before} to {e.mean_after}")
        )
        if e.improved_rate is not None:
            figures.append(("Evaluations reporting more confidence", f"{e.improved_rate}%"))
    figures += [
        ("Learning briefings published", b.published),
        ("Staff the briefings reached", b.staff_reached),
    ]
    out = [blocks.key_figures(figures)]
    if not t.sessions_held:
        out.append(blocks.paragraph("No multi-agency training sessions were held in the period."))
    elif not e.evaluations:
        out.append(
            blocks.paragraph(
                "No evaluation of the training was recorded in the period, so its impact is not measured here."
            )
        )
    return out


def build_voice(ctx):
    v = learning.voice_activities(ctx.partnership, ctx.period_start, ctx.period_end)
    return [
        blocks.key_figures(
            [
                ("Engagement activities", v.activities),
                ("Children and young people who took part", v.children_and_young_people),
                ("Parents and carers who took part", v.parents_carers),
                ("Changes made as a result (you said, we did)", v.changes),
            ]
        )
    ]


def build_dataset(ctx):
    """The outcomes dataset: each indicator's latest value for a period starting in the report's
    period, against its target (the dashboard's "Outcomes dataset" panel calls the same function)."""
    statuses = learning.dataset_latest_vs_target(ctx.partnership, start=ctx.period_start, end=ctx.period_end)
    measured = [s for s in statuses if s.latest is not None]
    if not measured:
        return []
    return [
        blocks.table(
            ["Indicator", "Latest value", "Period", "Target", "Rating"],
            [
                (
                    s.indicator.name,
                    format(s.latest.value.normalize(), "f"),
                    s.latest.period_label,
                    blocks.DASH
                    if s.indicator.target is None
                    else format(s.indicator.target.normalize(), "f"),
                    s.rag.label if s.rag else "Not rated",
                )
                for s in measured
            ],
            caption="The partnership's outcomes dataset: the latest value in the period against its target",
            numeric=(1, 3),
        )
    ]


def build_reserves(ctx):
    """The reserve over the report's financial year, from `funding.figures.reserves` (the budget
    page's and the dashboard's figure): opening, transfers in and out, closing."""
    year = ctx.financial_year
    r = funding_figures.reserves(ctx.partnership, year.start_year)
    if r is None:
        return []
    return [
        blocks.table(
            ["Reserve", "Amount"],
            [
                (f"Opening balance ({r.opening_source})", format_pounds(r.opening_pence, whole=True)),
                ("Transferred into the reserve", format_pounds(r.transfers_in_pence, whole=True)),
                ("Transferred out of the reserve", format_pounds(r.transfers_out_pence, whole=True)),
                ("Closing balance", format_pounds(r.closing_pence, whole=True)),
            ],
            caption=f"The partnership's reserve in {year.label}",
            numeric=(1,),
        ),
        blocks.paragraph(ctx.year_note(year, "The reserve is kept")),
    ]


def previous_period(ctx):
    """The period of the partnership's previous yearly report, else the 12 months before this one."""
    previous = (
        Publication.objects.filter(
            partnership=ctx.partnership,
            kind=YR,
            period_end__lt=ctx.period_start,
            period_start__isnull=False,
        )
        .order_by("-period_end")
        .values_list("period_start", "period_end")
        .first()
    )
    if previous:
        return previous
    return add_months(ctx.period_start, -12), ctx.period_start - datetime.timedelta(days=1)


def _headline(ctx, start, end):
    p = ctx.partnership
    cases = ChildDeathCase.objects.filter(panel__partnerships=p).distinct()
    deaths = cdr.period_figures(cases, start, end)
    actions = partnership_figures.review_action_figures(p, start, end)
    return [
        ("Serious incidents notified to the Panel", reviews.notifications(p, start, end).count()),
        ("Rapid reviews", reviews.rapid_reviews(p, start, end).count()),
        ("LCSPRs decided", reviews.lcsprs(p, start, end).count()),
        ("Actions on review recommendations completed", sum(r.completed for r in actions)),
        ("Practitioners who attended multi-agency training", learning.training_reach(p, start, end).attended),
        ("Child deaths notified", deaths.notified),
        ("Child death reviews completed", deaths.reviews_completed),
    ]


def build_changes(ctx):
    start, end = previous_period(ctx)
    before = _headline(ctx, start, end)
    now = _headline(ctx, ctx.period_start, ctx.period_end)
    return [
        blocks.table(
            ["Figure", f"{start:%-d %b %Y} to {end:%-d %b %Y}", "This report's period", "Change"],
            [
                (label, was, is_, f"{is_ - was:+d}" if is_ != was else "No change")
                for (label, was), (_, is_) in zip(before, now, strict=True)
            ],
            caption="This report's figures beside the previous report's period",
            numeric=(1, 2, 3),
        )
    ]


def register():
    add_figures(f"{YR}:timeliness", build_review_timeliness)
    add_figures(f"{YR}:reviews", build_reviews)
    add_figures(f"{YR}:reviews", build_review_actions)
    add_figures(f"{YR}:child_death", build_child_deaths)
    add_figures(f"{YR}:activity", build_priorities)
    add_figures(f"{YR}:training_audit", build_training)
    add_figures(f"{YR}:voice", build_voice)
    add_figures(f"{YR}:effectiveness", build_dataset)
    add_figures(f"{YR}:changes", build_changes)
    add_figures(f"{YR}:funding", build_reserves)
    add_figures(f"{YR}:effectiveness", build_section11)
