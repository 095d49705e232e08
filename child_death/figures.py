"""Figures for the yearly child death overview panel report and the dashboard, in a few queries.

`yearly_figures(cases, year, on=)` takes a queryset of cases (already scoped to what the reader may
see) and returns plain numbers: the dashboard and the yearly report (publications) both call it, so
the two never disagree. A year is the financial year 1 April to 31 March, as CDOP annual reports and
the National Child Mortality Database publish (`year` 2023 is 1 April 2023 to 31 March 2024:
partnerships.core.periods, docs/statutory-rules.md#child-death-review).

- deaths by year, and in `year` by age band, category, place of death, expected or unexpected
  (deaths are counted in the year the child died; category only once the panel has categorised);
- the share of the panel's reviews completed in `year` that found modifiable factors (of those
  with a modifiability decision);
- days from notification to panel review for reviews completed in `year`: median and 90th
  percentile (nearest rank: the smallest value with at least 90% of values at or below it);
- open cases on `on` by stage and by age since notification;
- reporting forms outstanding on `on`, by agency, with how many are overdue.

The queries are three, whatever the number of cases.
"""

import math
import statistics
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from child_death.choices import AgeBand, Category, Expectedness, FormStatus, Modifiable, PlaceOfDeath, Stage
from child_death.models import ReportingForm
from partnerships.core.periods import financial_year, financial_year_bounds, financial_year_label

# Ages of open cases since notification, in days (the guidance's aims: the CDR meeting about three
# months after the death, the panel three to six: docs/statutory-rules.md#child-death-review).
OPEN_AGE_BANDS = (
    ("Under 3 months", 0, 91),
    ("3 to 6 months", 91, 183),
    ("6 to 12 months", 183, 365),
    ("Over 12 months", 365, None),
)


def median(values):
    return statistics.median(values) if values else None


def percentile(values, pct):
    """Nearest-rank percentile: the smallest value with at least `pct`% of values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def _counts(choices, values):
    counter = Counter(values)
    return OrderedDict((label, counter.get(value, 0)) for value, label in choices)


@dataclass
class YearlyFigures:
    year: int
    label: str
    deaths_by_year: dict = field(default_factory=dict)
    deaths: int = 0
    notified: int = 0  # notified in the period (the yearly report counts deaths this way)
    by_age_band: dict = field(default_factory=dict)
    by_category: dict = field(default_factory=dict)
    not_yet_categorised: int = 0
    by_place: dict = field(default_factory=dict)
    by_expectedness: dict = field(default_factory=dict)
    reviews_completed: int = 0
    by_modifiable: dict = field(default_factory=dict)
    modifiable_share: float | None = None  # 0 to 1, of reviews with a decision
    days_to_panel_median: float | None = None
    days_to_panel_p90: int | None = None
    open_by_stage: dict = field(default_factory=dict)
    open_by_age: dict = field(default_factory=dict)
    open_total: int = 0
    forms_outstanding: list = field(default_factory=list)  # [{"organisation", "outstanding", "overdue"}]

    @property
    def modifiable_percent(self):
        return None if self.modifiable_share is None else round(self.modifiable_share * 100, 1)


def yearly_figures(cases, year, *, on, period=None):
    """The figures for reporting year `year` over `cases`, with open work as at `on`. `period`
    (start, end) counts another 12 months instead, a yearly report's own (the dashboard's filter)."""
    figures = YearlyFigures(year=year, label=financial_year_label(year))
    start, end = period or financial_year_bounds(year)
    if period:
        figures.label = f"{start:%-d %b %Y} to {end:%-d %b %Y}"
    rows = list(
        cases.order_by().values_list(
            "date_of_death",
            "notified_on",
            "age_band",
            "category",
            "place_of_death",
            "expectedness",
            "modifiable",
            "panel_reviewed_on",
            "stage",
        )
    )
    by_year = Counter(financial_year(r[0]) for r in rows)
    figures.deaths_by_year = OrderedDict((financial_year_label(y), by_year[y]) for y in sorted(by_year))
    in_year = [r for r in rows if start <= r[0] <= end]
    figures.deaths = len(in_year)
    figures.notified = sum(1 for r in rows if r[1] is not None and start <= r[1] <= end)
    figures.by_age_band = _counts(AgeBand.choices, [r[2] for r in in_year])
    figures.by_category = _counts(Category.choices, [r[3] for r in in_year])
    figures.not_yet_categorised = sum(1 for r in in_year if r[3] is None)
    figures.by_place = _counts(PlaceOfDeath.choices, [r[4] for r in in_year])
    figures.by_expectedness = _counts(Expectedness.choices, [r[5] for r in in_year])

    reviewed = [r for r in rows if r[7] is not None and start <= r[7] <= end]
    figures.reviews_completed = len(reviewed)
    figures.by_modifiable = _counts(Modifiable.choices, [r[6] for r in reviewed])
    decided = [r for r in reviewed if r[6] in (Modifiable.YES, Modifiable.NO)]
    if decided:
        figures.modifiable_share = sum(1 for r in decided if r[6] == Modifiable.YES) / len(decided)
    waits = [(r[7] - r[1]).days for r in reviewed]
    figures.days_to_panel_median = median(waits)
    figures.days_to_panel_p90 = percentile(waits, 90)

    open_rows = [r for r in rows if r[8] != Stage.CLOSED and r[1] <= on]
    figures.open_total = len(open_rows)
    figures.open_by_stage = _counts(
        [c for c in Stage.choices if c[0] != Stage.CLOSED], [r[8] for r in open_rows]
    )
    ages = Counter()
    for r in open_rows:
        days = (on - r[1]).days
        for label, low, high in OPEN_AGE_BANDS:
            if days >= low and (high is None or days < high):
                ages[label] += 1
                break
    figures.open_by_age = OrderedDict((label, ages[label]) for label, _low, _high in OPEN_AGE_BANDS)

    forms = ReportingForm.objects.filter(case__in=cases.order_by().values("pk"), status=FormStatus.REQUESTED)
    outstanding = Counter()
    overdue = Counter()
    for name, due_date in forms.values_list("organisation__name", "due_date"):
        outstanding[name] += 1
        if due_date < on:
            overdue[name] += 1
    figures.forms_outstanding = [
        {"organisation": name, "outstanding": outstanding[name], "overdue": overdue[name]}
        for name in sorted(outstanding, key=lambda n: (-outstanding[n], n))
    ]
    return figures


def available_years(cases):
    """Financial years with any death, newest first (one query)."""
    days = cases.order_by().values_list("date_of_death", flat=True)
    return sorted({financial_year(d) for d in days}, reverse=True)


@dataclass
class PeriodFigures:
    """Child deaths in a yearly report's own period (any 12 months, not only April to March)."""

    start: object
    end: object
    notified: int = 0  # deaths notified in the period, by notification date
    reviews_completed: int = 0  # reviews the panel completed in the period, by panel date
    reviews_by_category: dict = field(default_factory=dict)  # of reviews completed; adds up to them
    reviews_by_modifiable: dict = field(default_factory=dict)  # of reviews completed
    modifiable_share: float | None = None  # 0 to 1, of reviews completed with a decision
    days_death_to_review_median: float | None = None
    days_death_to_review_p90: int | None = None

    @property
    def modifiable_percent(self):
        return None if self.modifiable_share is None else round(self.modifiable_share * 100, 1)


NOT_CATEGORISED = "Not categorised"
NO_DECISION = "No decision recorded"


def period_figures(cases, start, end):
    """The figures a yearly report prints for `start` to `end` (inclusive) over `cases`, in one query.

    Deaths are counted by the day they were notified, reviews by the day the panel completed them;
    the categories and modifiable factors are those of the reviews completed in the period, so the
    category table adds up to the reviews completed (a review without a category is counted as
    "Not categorised"). Time to review runs from the date of death to the panel's review.
    """
    figures = PeriodFigures(start=start, end=end)
    rows = list(
        cases.order_by().values_list(
            "date_of_death", "notified_on", "category", "modifiable", "panel_reviewed_on"
        )
    )
    figures.notified = sum(1 for r in rows if r[1] is not None and start <= r[1] <= end)
    reviewed = [r for r in rows if r[4] is not None and start <= r[4] <= end]
    figures.reviews_completed = len(reviewed)
    by_category = _counts(Category.choices, [r[2] for r in reviewed])
    uncategorised = sum(1 for r in reviewed if r[2] is None)
    if uncategorised:
        by_category[NOT_CATEGORISED] = uncategorised
    figures.reviews_by_category = by_category
    figures.reviews_by_modifiable = _counts(Modifiable.choices, [r[3] for r in reviewed])
    undecided = sum(1 for r in reviewed if r[3] is None or r[3] == "")
    if undecided:
        figures.reviews_by_modifiable[NO_DECISION] = undecided
    decided = [r for r in reviewed if r[3] in (Modifiable.YES, Modifiable.NO)]
    if decided:
        figures.modifiable_share = sum(1 for r in decided if r[3] == Modifiable.YES) / len(decided)
    waits = [(r[4] - r[0]).days for r in reviewed]
    figures.days_death_to_review_median = median(waits)
    figures.days_death_to_review_p90 = percentile(waits, 90)
    return figures
