"""Simulated users for `make bench`: each signs in as a business-unit officer of a national-scale
partnership (MFA off in the bench) and walks the main pages and API endpoints (scripts/bench/pages.py).
Pages are named by kind, not by id, so locust reports p50/p95/p99 per page."""

import json
import os
import random
import re
import sys
import time
from pathlib import Path

from locust import HttpUser, between

sys.path.insert(0, str(Path(__file__).parent))
from pages import PAGES

PASSWORD = "bench-password-not-secret"  # noqa: S105  # nosec B105  (benchmark accounts only)
SEED = 1
IDS = json.loads(Path(os.environ["BENCH_IDS"]).read_text())
SLUGS = sorted(IDS)
# Signing in checks a deliberately slow password hash; 20 users signing in at once hold both sync
# workers for seconds. The statistics restart once every user is signed in, so the figures are the
# pages' own; the sign-in itself is timed by single_user.py.
_signed_in = []


def _task(name, path):
    def run(self):
        ids = {kind: random.choice(values or [0]) for kind, values in IDS[self.slug].items()}  # noqa: S311
        self.client.get(path.format(slug=self.slug, **ids), name=name)

    run.__name__ = name
    return run


class Officer(HttpUser):
    wait_time = between(0.5, 1.5)
    tasks = {_task(name, path): weight for name, weight, path in PAGES}

    def on_start(self):
        self.slug = random.choice(SLUGS)  # noqa: S311
        i = int(self.slug.rsplit("-", 1)[1])
        username = f"s{SEED}p{i}u{random.choice([3, 4, 5, 6, 7])}"  # noqa: S311
        page = self.client.get("/sign-in/", name="sign-in")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        with self.client.post(
            "/sign-in/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            name="sign-in POST",
            catch_response=True,
        ) as response:
            if "/sign-in/" in response.url:
                response.failure("sign-in refused")
        _signed_in.append(username)
        runner = self.environment.runner
        if len(_signed_in) == runner.target_user_count:
            runner.stats.reset_all()
            Path(os.environ["BENCH_OUT"], "reset_at").write_text(str(time.time()))
