from django.core.management.base import BaseCommand, CommandError

from partnerships.core.models import Partnership
from partnerships.security.backup import backup_partnership


class Command(BaseCommand):
    help = "Write one partnership's records, with their history, to a gzipped JSON file (see DEPLOYMENT.md)."

    def add_arguments(self, parser):
        parser.add_argument("partnership", help="The partnership's slug.")
        parser.add_argument("out", help="The file to write, e.g. alpha-2026-11-23.json.gz")

    def handle(self, *args, partnership, out, **options):
        p = Partnership.objects.filter(slug=partnership).first()
        if p is None:
            raise CommandError(f"No partnership {partnership!r}.")
        counts = backup_partnership(p, out)
        self.stdout.write(f"Wrote {sum(counts.values())} rows of {len(counts)} kinds to {out}")
