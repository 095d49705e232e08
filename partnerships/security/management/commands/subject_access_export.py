import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from partnerships.security.personal_data import Encoder, subject_access_export


class Command(BaseCommand):
    help = "Export everything held about one person, with history, as JSON (a subject access request)."

    def add_arguments(self, parser):
        parser.add_argument("person", help="Username, or email address, of the person.")
        parser.add_argument("--out", help="Write to this file (default: standard output).")

    def handle(self, *args, person, out=None, **options):
        users = get_user_model()._base_manager
        match = list(users.filter(username=person)) or list(users.filter(email__iexact=person))
        if len(match) != 1:
            raise CommandError(f"{len(match)} people match {person!r}; give the exact username.")
        text = json.dumps(subject_access_export(match[0]), cls=Encoder, indent=2)
        if out:
            with open(out, "w", encoding="utf-8") as fh:
                fh.write(text)
            self.stderr.write(f"Wrote {out}")
        else:
            self.stdout.write(text)
