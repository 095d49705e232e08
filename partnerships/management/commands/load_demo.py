from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

# Base first; the apps that build on it after; publications last (it reads from all).
DEMO_APPS = ["partnerships", "reviews", "child_death", "funding", "publications"]


class Command(BaseCommand):
    help = "Load the demo partnerships from the council papers (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--print-logins", action="store_true", help="Print one demo login per role.")

    def handle(self, *args, **options):
        with transaction.atomic():
            for label in DEMO_APPS:
                if not apps.is_installed(label):
                    continue
                try:
                    module = import_module(f"{label}.demo")
                except ModuleNotFoundError:
                    continue
                module.load()
                self.stdout.write(f"Demo data loaded: {label}")
        if options["print_logins"]:
            from partnerships.demo import DEMO_PASSWORD, LOGINS

            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD})"))
            width = max(len(role) for role, _ in LOGINS)
            for role, username in LOGINS:
                self.stdout.write(f"  {role.ljust(width)}  {username}")
            self.stdout.write(
                "  Other partnerships: somerset-, leeds- (manager, la-lead, health-lead, police-lead, "
                "scrutineer, contributor) and bhr- (havering-lead, barking-lead, redbridge-lead, ...)."
            )
            self.stdout.write("")
