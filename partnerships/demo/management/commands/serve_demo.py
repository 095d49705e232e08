import threading
import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import close_old_connections

SWEEP_EVERY_SECONDS = 60


class Command(BaseCommand):
    help = (
        "Serve the app for `make run` with runserver, and run the deadline sweep every minute in a "
        "background thread, so reminders appear on a bare machine without Redis or Celery beat."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-sweep", action="store_true")

    def handle(self, *args, addrport, no_sweep, **options):
        if not no_sweep and "sweep_deadlines" in get_commands():
            threading.Thread(target=self._sweep_forever, daemon=True, name="demo-sweep").start()
        call_command("runserver", addrport, use_reloader=False)

    def _sweep_forever(self):
        time.sleep(5)
        while True:
            try:
                call_command("sweep_deadlines", verbosity=0)
            except Exception as error:  # keep serving; the next sweep tries again
                self.stderr.write(f"Deadline sweep failed: {error}")
            finally:
                close_old_connections()
            time.sleep(SWEEP_EVERY_SECONDS)
