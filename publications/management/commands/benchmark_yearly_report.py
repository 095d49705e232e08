"""Time the PDF rendering of a long (about 40-page) yearly report. A benchmark, not a test.

Builds a throw-away partnership with many agencies, groups, actions and deadlines and long
narrative, renders its yearly report through the same code as the product, prints the page count
and the seconds taken, and rolls everything back. Target (issue 8): under 5 s on the CI machine.

    python manage.py benchmark_yearly_report [--pages 40] [--repeat 3]
"""

import datetime
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from partnerships.choices import GroupKind, OrganisationKind
from partnerships.models import Action, Group, Organisation, Partnership, RelevantAgency
from partnerships.pdf import BASE_URL as PDF_BASE_URL
from partnerships.pdf import PDF_VARIANT, StaticOnlyURLFetcher, base_stylesheets
from publications import assembly, sections, services
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

    def handle(self, *args, pages, repeat, **options):
        try:
            with transaction.atomic():
                self.run(pages, repeat)
                raise Rollback
        except Rollback:
            pass

    def run(self, pages, repeat):
        from weasyprint import HTML

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
        report = services.create_publication(
            None, p, kind=PublicationKind.YEARLY_REPORT, title="Benchmark yearly report", period_start=start
        )
        for section in sections.for_kind(PublicationKind.YEARLY_REPORT):
            services.write_narrative(
                None, report, section.key, "\n\n".join([PARAGRAPH * 4] * max(pages * 3 // 8, 1))
            )
        version = services.make_draft(None, report)
        html = assembly.document_html(version)
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=StaticOnlyURLFetcher())
            rendered = document.render(stylesheets=base_stylesheets())
            data = rendered.write_pdf(pdf_variant=PDF_VARIANT)
            times.append(time.perf_counter() - began)
        self.stdout.write(
            f"yearly report: {len(rendered.pages)} pages, {len(data) // 1024} KiB; render times "
            + ", ".join(f"{t:.2f} s" for t in times)
            + f"; best {min(times):.2f} s (target under 5 s)"
        )
