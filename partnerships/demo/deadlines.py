"""Demo data of the deadline register: each paper's timetable and a history of yearly reports.

The due dates are the papers'; the counts of outstanding reviews and the publication dates of the
yearly reports are invented for the demo. Idempotent (demo_utils.ensure); the register's rows follow
from the signals in partnerships/deadline_sources.py.
"""

import datetime

from partnerships.core.models import Partnership
from partnerships.deadlines import rules
from partnerships.deadlines.models import ArrangementsTimetable, YearlyReportCycle
from partnerships.demo.utils import ensure

D = datetime.date

TIMETABLES = {
    "coventry": {
        "operate_by": D(2019, 9, 29),
        "timetable_source": "Coventry City Council Cabinet paper, 12 February 2019, paragraph 4.1",
        "owner": "coventry-manager",
        "serious_case_reviews": (2, D(2020, 7, 31)),
        "child_death_reviews": (3, D(2020, 1, 24)),
        # (published, sent to the Panel and the What Works Centre)
        "reports": [
            (D(2020, 9, 25), D(2020, 9, 30)),
            (D(2021, 9, 24), D(2021, 9, 29)),
            (D(2022, 9, 23), D(2022, 9, 28)),
            (D(2023, 9, 29), D(2023, 10, 4)),
            (D(2024, 9, 27), D(2024, 10, 11)),
            (D(2025, 11, 28), D(2025, 12, 3)),
        ],
    },
    "somerset": {
        # The Somerset paper (March 2019, 1.8 "Timeline") gives 30 September 2019.
        "operate_by": D(2019, 9, 30),
        "timetable_source": "Somerset County Council Cabinet paper, March 2019, 1.8 Timeline",
        "owner": "somerset-manager",
        "serious_case_reviews": (1, D(2020, 10, 16)),
        "child_death_reviews": (0, None),
        "reports": [
            (D(2020, 9, 30), D(2020, 10, 2)),
            (D(2021, 9, 29), D(2021, 10, 1)),
            (D(2022, 9, 28), D(2022, 10, 3)),
            (D(2023, 9, 27), D(2023, 9, 29)),
            (D(2024, 9, 25), D(2024, 9, 27)),
            (D(2026, 1, 30), D(2026, 2, 4)),
        ],
    },
    "bhr": {
        "operate_by": D(2019, 9, 29),
        "timetable_source": "London Borough of Havering Cabinet paper, 12 June 2019, paragraphs 5.4 and 8.3",
        "owner": "bhr-manager",
        "serious_case_reviews": (3, D(2020, 9, 18)),
        "child_death_reviews": (5, D(2020, 2, 14)),
        "reports": [
            (D(2020, 9, 28), D(2020, 10, 2)),
            (D(2021, 9, 27), D(2021, 10, 1)),
            (D(2022, 9, 26), D(2022, 9, 30)),
            (D(2023, 9, 25), D(2023, 9, 29)),
            (D(2024, 9, 23), D(2024, 9, 27)),
            (D(2025, 10, 31), None),
        ],
    },
    "leeds": {
        "operate_by": D(2019, 9, 29),
        "timetable_source": "Leeds City Council Executive Board paper, 24 July 2019, paragraph 3.1",
        "owner": "leeds-manager",
        "serious_case_reviews": (None, None),
        "child_death_reviews": (2, D(2020, 1, 17)),
        "reports": [
            (D(2020, 9, 28), D(2020, 10, 1)),
            (D(2021, 9, 28), D(2021, 10, 1)),
            (D(2022, 9, 28), D(2022, 9, 30)),
            (D(2023, 9, 28), D(2023, 10, 2)),
            (D(2024, 9, 27), D(2024, 10, 1)),
            (D(2026, 3, 27), D(2026, 3, 31)),
        ],
    },
}


def load(people):
    for slug, spec in TIMETABLES.items():
        partnership = Partnership.objects.get(slug=slug)
        scr_count, scr_done = spec["serious_case_reviews"]
        cdr_count, cdr_done = spec["child_death_reviews"]
        ensure(
            ArrangementsTimetable,
            {"partnership": partnership},
            publish_by=rules.ARRANGEMENTS_PUBLISH_BY,
            operate_by=spec["operate_by"],
            timetable_source=spec["timetable_source"],
            owner=people[spec["owner"]],
            serious_case_reviews_outstanding=scr_count,
            serious_case_reviews_completed_on=scr_done,
            child_death_reviews_outstanding=cdr_count,
            child_death_reviews_completed_on=cdr_done,
        )
        # Each report starts the next 12 months on its publication day; the last opens the current cycle.
        starts_on = partnership.arrangements_in_operation_on or spec["operate_by"]
        for published, sent in spec["reports"]:
            ensure(
                YearlyReportCycle,
                {"partnership": partnership, "starts_on": starts_on},
                published_on=published,
                sent_on=sent,
                report_url=f"https://{slug}.demo.invalid/yearly-report-{published.year}",
            )
            starts_on = published
        ensure(YearlyReportCycle, {"partnership": partnership, "starts_on": starts_on})
