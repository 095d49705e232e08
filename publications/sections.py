"""The sections of each published document, and the figures that fill them.

A section is a heading, a place for narrative, and any number of figure builders. Builders are
plain functions `build(ctx) -> list of blocks` (publications/blocks.py) that call the shared figure
functions in publications/figures.py, so a figure in a document is computed by the same query as on
the pages. To add figures from another app (reviews, child deaths, governance, learning):

    # publications/sections_reviews.py, imported from PublicationsConfig.ready()
    from publications import blocks, figures_reviews, sections
    sections.add_figures("reviews", lambda ctx: [blocks.table(...figures_reviews.by_stage(ctx)...)])

or a whole new section with `sections.register(Section(...))`. Builders must return aggregates and
organisation-level facts only: never anything from a case record (publications/safety.py checks).
"""

from dataclasses import dataclass, field

from django.utils import timezone

from partnerships.core.periods import FinancialYear, financial_year_overlapping_most
from publications.choices import PublicationKind

ARR = PublicationKind.ARRANGEMENTS
YR = PublicationKind.YEARLY_REPORT
LCSPR = PublicationKind.LCSPR_REPORT


@dataclass
class Context:
    """What a builder is given: the partnership, the publication, and the period it covers."""

    partnership: object
    publication: object
    period_start: object = None
    period_end: object = None

    @property
    def as_of(self):
        """The day the document speaks of, which names its organisations: the end of its period,
        else today (docs/statutory-rules.md#organisation-changes)."""
        return self.period_end or timezone.localdate()

    @property
    def financial_year(self):
        """The financial year figures kept by financial year come from: the one that overlaps the
        period most (docs/statutory-rules.md#financial-and-reporting-years), or the one of `as_of`."""
        if self.period_start and self.period_end:
            return financial_year_overlapping_most(self.period_start, self.period_end)
        return FinancialYear.containing(self.as_of)

    def year_note(self, year, what):
        """Why figures kept by financial year show `year`, in a sentence for the document."""
        if not (self.period_start and self.period_end):
            return f"{what} by financial year; this shows {year.label}."
        if (year.starts_on, year.ends_on) == (self.period_start, self.period_end):
            return f"{what} by financial year; this report's period is the financial year {year.label}."
        return (
            f"{what} by financial year (1 April to 31 March). This report shows {year.label}, the "
            f"financial year that overlaps most with its period of {self.period_start:%-d %B %Y} to "
            f"{self.period_end:%-d %B %Y}."
        )


@dataclass
class Section:
    key: str
    title: str
    kinds: tuple
    order: int
    required: bool = False  # a statutory element: sign-off is warned against while it is empty
    source: str = ""  # where the requirement comes from (docs/statutory-rules.md cites the guidance)
    guidance: str = ""  # what the business unit should write
    builders: list = field(default_factory=list)


_sections = {}


def register(section):
    _sections[section.key] = section
    return section


def add_figures(key, builder):
    """Add a figure builder to an existing section (another app's figures, after merge)."""
    section = _sections[key]
    if builder not in section.builders:
        section.builders.append(builder)
    return builder


def for_kind(kind):
    return sorted((s for s in _sections.values() if kind in s.kinds), key=lambda s: s.order)


def get(key):
    return _sections[key]
