"""One user, one request per page, in-process: SQL query count and time, page time, and a bare
Django response for comparison (the issue's "within 10x of the SQL it needs" check)."""

import json
import sys
import time

import django

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from partnerships.models import Action, User  # noqa: E402

slug = "scale-1-0"
user = User.objects.get(username="s1p0u3")
client = Client()
client.force_login(user)
action = Action.objects.filter(partnership__slug=slug).order_by("pk").first()
pages = {
    "dashboard: partnership home": f"/p/{slug}/",
    "list: actions": f"/p/{slug}/actions/",
    "detail: action": f"/p/{slug}/actions/{action.pk}/",
    "list: deadlines": f"/p/{slug}/deadlines/",
    "api: actions": f"/api/actions/?partnership__slug={slug}",
}
out = {}
for name, url in pages.items():
    client.get(url)  # warm
    best = None
    for _ in range(5):
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            t = time.perf_counter()
            client.get(url)
            page_ms = (time.perf_counter() - t) * 1000
        sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
        if best is None or page_ms < best["page_ms"]:
            best = {"queries": len(ctx.captured_queries), "sql_ms": sql_ms, "page_ms": page_ms}
    out[name] = best
t = time.perf_counter()
for _ in range(20):
    client.get("/accessibility/")
bare = (time.perf_counter() - t) * 1000 / 20
t = time.perf_counter()
from partnerships.reminders import sweep  # noqa: E402

try:
    sweep()
    sweep = round(time.perf_counter() - t, 2)
except Exception as exc:
    sweep = f"failed: {exc}"
json.dump({"queries": out, "bare_ms": bare, "sweep_seconds": sweep}, sys.stdout)
