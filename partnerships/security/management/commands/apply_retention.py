from django.core.management.base import BaseCommand
from django.utils.dateparse import parse_date

from partnerships.security import retention


class Command(BaseCommand):
    help = (
        "Report what each retention rule would delete or anonymise today (a dry run), or carry it "
        "out with --commit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--commit", action="store_true", help="Delete or anonymise what is due.")
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument("--rule", action="append", help="Only this rule (by key); may repeat.")

    def handle(self, *args, commit=False, today=None, rule=None, **options):
        day = parse_date(today) if today else None
        results = retention.apply(dry_run=not commit, today=day, keys=rule)
        verb = {"delete": "deleted", "anonymise": "anonymised"}
        self.stdout.write("Dry run: nothing changed." if not commit else "Retention applied.")
        self.stdout.write(f"{'Rule':34} {'Kept (days)':>11} {'Before':>11} {'Due':>8}  Action")
        for r in results:
            action = verb[r.rule.action] if commit else f"would be {verb[r.rule.action]}"
            self.stdout.write(
                f"{r.rule.key:34} {r.rule.days:>11} {r.cutoff.isoformat():>11} {r.count:>8}  {action}"
            )
