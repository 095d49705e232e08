import datetime

from django.core.management.base import BaseCommand, CommandError

from partnerships.deadlines import reminders
from partnerships.deadlines import sources as deadline_sources


class Command(BaseCommand):
    help = (
        "Record and send the deadline reminders and escalations due today, and queue again any left "
        "behind (what Celery beat runs on its schedule; safe to run from cron or by hand at any time)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--resync",
            action="store_true",
            help="First rewrite the base app's deadlines (actions, groups, timetables, yearly reports).",
        )
        parser.add_argument("--date", help="Sweep as if today were this date (YYYY-MM-DD), for checks.")

    def handle(self, *args, resync, date, verbosity, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        if resync:
            count = deadline_sources.resync_all()
            if verbosity:
                self.stdout.write(f"Deadlines rewritten from {count} source records.")
        result = reminders.sweep(today=today)
        if verbosity:
            self.stdout.write(
                "Deadlines checked: {deadlines_checked}; reminders recorded: {recorded}; re-queued: "
                "{requeued}; queued: {published}; could not queue: {publish_failures}.".format(
                    **result.as_dict()
                )
            )
