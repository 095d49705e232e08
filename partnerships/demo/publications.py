"""Demo publications: each demo partnership's arrangements, and Coventry's first yearly report.

Narrative follows what the council papers (docs/statutory-rules.md#council-papers) say (Coventry's Cabinet paper of
12 February 2019: an Executive Group of the three lead representatives chaired by an independent
scrutineer; a business unit shared with the Safeguarding Adults Board); the wording is invented.
Idempotent: rows are made once, and a draft is assembled only when the publication has none.
"""

import datetime

from partnerships.core.models import Partnership
from partnerships.core.periods import reporting_period
from partnerships.deadlines.models import YearlyReportCycle
from partnerships.demo.utils import ensure
from publications import services
from publications.choices import PublicationKind
from publications.models import Publication, PublicationNarrative

ARRANGEMENTS_TEXT = {
    "working_together": "The three safeguarding partners share equal responsibility for the arrangements. "
    "Their lead representatives meet as the Executive Group, which sets priorities, agrees the budget and "
    "holds the sub-groups to account.\n\nPractitioners from every agency work to one set of multi-agency "
    "procedures, and the front door is shared by children's services, health and police.",
    "education": "Schools, academies, independent schools, colleges and early years settings are named as "
    "relevant agencies. Head teachers are represented on the wider partnership and the Schools and "
    "Learners Group.",
    "youth_custody": "Residential children's homes and the youth offending service are relevant agencies "
    "and take part in the sub-groups and in reviews.",
    "scrutiny": "An independent scrutineer chairs the Executive Group and reports each year on how well "
    "the arrangements work, following a scrutiny plan agreed by the partners.",
    "reviews": "The Case Review Group considers every serious incident notification, holds a rapid review "
    "within 15 working days and recommends to the partners whether to commission a local child "
    "safeguarding practice review. Reports are published on the partnership's website for at least a year.",
    "child_death": "The local authority and the integrated care board are the child death review partners "
    "and run a child death overview panel with neighbouring areas.",
    "data": "A shared performance dataset, including early help, is reviewed quarterly by the Quality and "
    "Effectiveness Group.",
    "training_audit": "The partnership commissions a multi-agency training programme, evaluates its impact "
    "three months after each course, and runs a programme of multi-agency audits.",
    "funding": "The partners fund the business unit and the independent scrutineer from a shared budget, "
    "each contributing equitably and proportionately; other agencies contribute in kind.",
    "escalation": "A practitioner who disagrees with another agency's decision raises it first with that "
    "practitioner, then with their manager, then with the designated safeguarding leads; the business unit "
    "manager brings unresolved disagreements to the Executive Group.",
}

YEARLY_TEXT = {
    "activity": "In its first year the partnership moved the board's sub-groups into the new structure, "
    "agreed three priorities (neglect, exploitation and the voice of the child) and refreshed its procedures.",
    "reviews": "Decisions on rapid reviews were sent to the Panel; progress on recommendations is tracked "
    "in the action log.",
    "training_audit": "The multi-agency training programme continued; two multi-agency audits took place.",
    "effectiveness": "Partners report clearer accountability. Progress on neglect was slower than planned.",
    "voice": "Young people's advisers reviewed the partnership's leaflets and website.",
    "scrutiny": "The independent scrutineer found the arrangements in place and working, and asked for "
    "better evidence of impact next year.",
    "changes": "This is the first report under the new arrangements: the Local Safeguarding Children "
    "Board's last annual report covered the year before. The table compares this year's figures with the "
    "twelve months before the arrangements began.",
}


def load(people=None):
    for partnership in Partnership.objects.filter(slug__in=["coventry", "somerset", "bhr", "leeds"]):
        arrangements = ensure(
            Publication,
            {"partnership": partnership, "kind": PublicationKind.ARRANGEMENTS},
            title=f"{partnership.name}: safeguarding arrangements",
        )
        _narrative(arrangements, ARRANGEMENTS_TEXT)
        if not arrangements.versions.exists():
            services.make_draft(None, arrangements)
    coventry = Partnership.objects.filter(slug="coventry").first()
    cycle = (
        YearlyReportCycle.objects.filter(partnership=coventry).order_by("starts_on").first()
        if coventry
        else None
    )
    if coventry is not None:
        start = cycle.starts_on if cycle else datetime.date(2019, 9, 29)
        report = ensure(
            Publication,
            {"partnership": coventry, "kind": PublicationKind.YEARLY_REPORT, "period_start": start},
            title=f"{coventry.short_name} Safeguarding Children Partnership yearly report",
            period_end=reporting_period(start)[1],
            cycle=cycle,
        )
        _narrative(report, YEARLY_TEXT)
        if not report.versions.exists():
            services.make_draft(None, report)


def _narrative(publication, texts):
    for key, text in texts.items():
        ensure(
            PublicationNarrative,
            {"publication": publication, "section_key": f"{publication.kind}:{key}"},
            text=text,
        )
