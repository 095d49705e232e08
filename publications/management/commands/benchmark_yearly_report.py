"""Time the PDF rendering of a long (about 40-page) yearly report. A benchmark, not a test.

Builds a throw-away partnership with many agencies, groups, actions, deadlines (so the timeliness
chart and table are drawn) and long narrative, renders its yearly report through the product's own
path (publications.rendering.render_document: assembly to HTML, the case-identifier check, WeasyPrint
layout and the tagged PDF/UA-1 output), prints the page count, wall and CPU seconds of each run, their
medians, the peak memory of the process and the load average (the machine is shared), and rolls
everything back. Target: under 5 s and under 300 MB on the CI machine.

    python manage.py benchmark_yearly_report [--pages 40] [--repeat 3] [--profile out.prof]
"""

import cProfile
import datetime
import os
import resource
import statistics
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction

from partnerships.core.choices import GroupKind, OrganisationKind
from partnerships.core.models import Action, Group, Organisation, Partnership, RelevantAgency
from partnerships.deadlines.models import Deadline
from publications import rendering, sections, services
from publications.choices import PublicationKind

PARAGRAPH = (
    "The partners reviewed the effectiveness of multi-agency working across early help, children's "
    "social care, health and policing, drawing on audits, performance data and practitioners' views. "
)


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Render a long yearly report and print how long WeasyPrint took (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=40, help="Roughly how many pages to aim for.")
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--profile", default="", help="Write a cProfile of the first run here.")
        parser.add_argument(
            "--cold",
            action="store_true",
            help="Skip the warm-up Celery workers do at start (publications/tasks.py): the first "
            "run then pays for loading WeasyPrint.",
        )

    def handle(self, *args, pages, repeat, profile, cold, **options):
        try:
            with transaction.atomic():
                self.run(pages, repeat, profile, cold)
                raise Rollback
        except Rollback:
            pass

    def run(self, pages, repeat, profile="", cold=False):
        p = Partnership.objects.create(
            name="Benchmark Partnership", short_name="Benchmark", slug="benchmark-pubs"
        )
        orgs = [
            Organisation.objects.get_or_create(
                name=f"Benchmark agency {i:03d}", kind=OrganisationKind.SCHOOL
            )[0]
            for i in range(pages * 6)
        ]
        RelevantAgency.objects.bulk_create(
            RelevantAgency(partnership=p, organisation=o, reason="Education setting in the area")
            for o in orgs
        )
        top = Group.objects.create(partnership=p, name="Executive", kind=GroupKind.EXECUTIVE)
        for i in range(8):
            Group.objects.create(partnership=p, name=f"Sub-group {i}", kind=GroupKind.SUB_GROUP, parent=top)
        start = datetime.date(2024, 4, 1)
        Action.objects.bulk_create(
            Action(partnership=p, title=f"Action {i}", due_date=start + datetime.timedelta(days=i % 360))
            for i in range(300)
        )
        self.add_deadlines(p, start)
        report = services.create_publication(
            None, p, kind=PublicationKind.YEARLY_REPORT, title="Benchmark yearly report", period_start=start
        )
        for section in sections.for_kind(PublicationKind.YEARLY_REPORT):
            services.write_narrative(
                None, report, section.key, "\n\n".join([PARAGRAPH * 4] * max(pages * 3 // 8, 1))
            )
        version = services.make_draft(None, report)
        warm_up = "none (--cold)"
        if not cold:
            began_cpu = time.process_time()
            rendering.warm_up()
            warm_up = f"{time.process_time() - began_cpu:.2f} s CPU"
        rss_before = _peak_rss_mib()
        walls, cpus = [], []
        for run in range(repeat):
            profiler = cProfile.Profile() if profile and run == 0 else None
            began, began_cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            data, page_count = rendering.render_document(version)
            if profiler:
                profiler.disable()
                profiler.dump_stats(profile)
            walls.append(time.perf_counter() - began)
            cpus.append(time.process_time() - began_cpu)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        self.stdout.write(
            f"yearly report: {page_count} pages, {len(data) // 1024} KiB; "
            f"wall {', '.join(f'{t:.2f}' for t in walls)} s, median {statistics.median(walls):.2f} s; "
            f"CPU {', '.join(f'{t:.2f}' for t in cpus)} s, median {statistics.median(cpus):.2f} s; "
            f"peak RSS {_peak_rss_mib():.0f} MiB (before rendering {rss_before:.0f} MiB); "
            f"load average {load}; worker warm-up {warm_up} (target under 5 s and 300 MB)"
        )

    def add_deadlines(self, partnership, start):
        """Deadlines of several kinds due in the year, met on time, late or outstanding."""
        action_type = ContentType.objects.get_for_model(Action)
        kinds = ["notification", "rapid_review", "lcspr_publication", "action", "cdop_review", "section_11"]
        rows = []
        for i, action_id in enumerate(
            Action.objects.filter(partnership=partnership).values_list("pk", flat=True)[:240]
        ):
            due = start + datetime.timedelta(days=(i * 7) % 360)
            met = [due - datetime.timedelta(days=1), due + datetime.timedelta(days=3), None][i % 3]
            rows.append(
                Deadline(
                    partnership=partnership,
                    kind=kinds[i % len(kinds)],
                    title=f"Deadline {i}",
                    source_type=action_type,
                    source_id=action_id,
                    rule="Benchmark",
                    due_date=due,
                    met_on=met,
                )
            )
        Deadline.objects.bulk_create(rows)


def _peak_rss_mib():
    """The process's peak resident memory so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
