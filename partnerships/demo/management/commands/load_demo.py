from django.core.management.base import BaseCommand
from django.db import transaction

from partnerships.demo import (
    child_death,
    deadlines,
    funding,
    governance,
    learning,
    publications,
    reviews,
    structure,
)
from partnerships.demo.structure import DEMO_PASSWORD, LOGINS

# The structure first; the domains that build on it after; publications last (it reads from all).
AFTER_STRUCTURE = [
    ("deadlines", deadlines),
    ("governance", governance),
    ("learning", learning),
    ("reviews", reviews),
    ("child_death", child_death),
    ("funding", funding),
    ("publications", publications),
]


class Command(BaseCommand):
    help = "Load the demo partnerships from the council papers (idempotent: a second run changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--print-logins", action="store_true", help="Print one demo login per role.")

    def handle(self, *args, **options):
        with transaction.atomic():
            people = structure.load()
            self.stdout.write("Demo data loaded: structure")
            for label, module in AFTER_STRUCTURE:
                module.load(people)
                self.stdout.write(f"Demo data loaded: {label}")
        if options["print_logins"]:
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
