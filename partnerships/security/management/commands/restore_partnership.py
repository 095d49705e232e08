from django.core.management.base import BaseCommand, CommandError

from partnerships.security.backup import RestoreRefused, restore


class Command(BaseCommand):
    help = "Restore a partnership from a backup_partnership file into an empty (migrated) database."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            counts = restore(path)
        except RestoreRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {sum(counts.values())} rows of {len(counts)} kinds from {path}")
