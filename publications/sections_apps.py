"""The yearly report's figures from the case review, child death, governance and learning apps.

Each builder calls the same shared figure function as the scrutiny dashboard (reviews/figures.py,
child_death/figures.py, partnerships/learning_figures.py), so the report and the dashboard agree.
Aggregates only: no case record's details (publications/safety.py checks what is published).
Registered from PublicationsConfig.ready() through `sections.add_figures`.
"""

from child_death import figures as cdr
from child_death.models import ChildDeathCase
from partnerships.core.periods import financial_year
from partnerships.governance import figures as governance_figures
from partnerships.learning import figures as learning
from publications import blocks
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


def build_child_deaths(ctx):
    year = financial_year(ctx.period_start)
    cases = ChildDeathCase.objects.filter(panel__partnerships=ctx.partnership).distinct()
    f = cdr.yearly_figures(cases, year, on=ctx.period_end)
    share = "No reviews completed" if f.modifiable_share is None else f"{100 * f.modifiable_share:.1f}%"
    out = [
        blocks.key_figures(
            [
                (f"Child deaths notified in {f.label}", f.deaths),
                ("Reviews completed by the child death overview panel", f.reviews_completed),
                ("Reviews finding modifiable factors", share),
                ("Median days from notification to panel review", f.days_to_panel_median or "None completed"),
            ]
        )
    ]
    if f.by_category:
        out.append(
            blocks.table(
                ["Category", "Reviews"],
                list(f.by_category.items()),
                caption="Category of death, reviews completed",
                numeric=(1,),
            )
        )
    return out


def build_priorities(ctx):
    year = financial_year(ctx.period_start)
    rows = [(label, n) for _, label, n in governance_figures.priorities_by_rag(ctx.partnership, year)]
    if not any(n for _, n in rows):
        return []
    return [
        blocks.table(
            ["Latest progress rating", "Priorities"],
            rows,
            caption="The year's priorities by progress",
            numeric=(1,),
        )
    ]


def build_training(ctx):
    s = learning.yearly_report_sections(ctx.partnership, ctx.period_start, ctx.period_end)
    t, e, b = s["training"], s["evaluation"], s["learning"]
    return [
        blocks.key_figures(
            [
                ("Multi-agency training sessions held", t.sessions_held),
                ("Practitioners who attended", t.attended),
                ("Agencies reached", t.agencies_reached),
                ("Evaluations returned", e.evaluations),
                ("Mean confidence before and after", f"{e.mean_before or '-'} to {e.mean_after or '-'}"),
                ("Learning briefings published", b.published),
                ("Staff the briefings reached", b.staff_reached),
            ]
        )
    ]


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


def register():
    add_figures(f"{YR}:timeliness", build_review_timeliness)
    add_figures(f"{YR}:reviews", build_reviews)
    add_figures(f"{YR}:reviews", build_child_deaths)
    add_figures(f"{YR}:activity", build_priorities)
    add_figures(f"{YR}:training_audit", build_training)
    add_figures(f"{YR}:voice", build_voice)
