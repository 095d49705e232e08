"""One user, one request per page, in-process: SQL query count and time, page time, and a bare
Django response for comparison("a single user's page time within 10x of the SQL it needs
plus a bare Django response"). Best of 5 after a warm-up. Prints JSON.

The bare response is the accessibility statement: a static template through the whole middleware
stack (session, user, CSP) and no query of its own.
"""

import json
import os
import sys
import time
from pathlib import Path

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from partnerships.core.models import User  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from pages import PAGES  # noqa: E402

slug = "scale-1-0"
ids = {
    kind: values[0] for kind, values in json.loads(Path(os.environ["BENCH_IDS"]).read_text())[slug].items()
}
client = Client()
client.force_login(User.objects.get(username="s1p0u3"))


def measure(url, repeat=5):
    response = client.get(url)  # warm
    best = None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            response = client.get(url)
            page_ms = (time.perf_counter() - t) * 1000
        sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
        if best is None or page_ms < best["page_ms"]:
            best = {"queries": len(ctx.captured_queries), "sql_ms": sql_ms, "page_ms": page_ms}
    best["status"] = response.status_code
    return best


bare = measure("/accessibility/", repeat=20)
anonymous = Client()
t = time.perf_counter()
signed_in = anonymous.post("/sign-in/", {"username": "s1p0u3", "password": "bench-password-not-secret"})
sign_in_ms = (time.perf_counter() - t) * 1000
out = {name: measure(path.format(slug=slug, **ids)) for name, _weight, path in PAGES}
json.dump(
    {
        "queries": out,
        "bare_ms": bare["page_ms"],
        "bare_queries": bare["queries"],
        "sign_in_ms": sign_in_ms,
        "sign_in_status": signed_in.status_code,
    },
    sys.stdout,
)
