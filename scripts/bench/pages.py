"""The pages `make bench` drives, shared by the locust load and the one-user measurement.

Each entry: (name, weight, path template). The name's prefix is its kind (list, detail, dashboard,
api), which sets its p95 target in BENCHMARKS.md. `{slug}` is the partnership; `{action}`,
`{meeting}`, `{notification}`, `{review}`, `{case}`, `{priority}`, `{risk}` and `{activity}` are
record ids from `ids.json` (scripts/bench/ids.py). `tests/security/test_bench_pages.py` visits them.
"""

PAGES = [
    ("dashboard: partnership home", 3, "/p/{slug}/"),
    ("list: actions", 4, "/p/{slug}/actions/"),
    ("list: actions page 5", 1, "/p/{slug}/actions/?page=5"),
    ("detail: action", 3, "/p/{slug}/actions/{action}/"),
    ("detail: structure", 1, "/p/{slug}/structure/"),
    ("list: groups", 1, "/p/{slug}/groups/"),
    ("list: deadlines", 2, "/p/{slug}/deadlines/"),
    ("list: meetings", 2, "/p/{slug}/meetings/"),
    ("detail: meeting", 2, "/p/{slug}/meetings/{meeting}/"),
    ("list: decisions", 1, "/p/{slug}/decisions/"),
    ("list: priorities", 1, "/p/{slug}/priorities/"),
    ("detail: priority", 1, "/p/{slug}/priorities/{priority}/"),
    ("list: risks", 1, "/p/{slug}/risks/"),
    ("dashboard: risk heat map", 1, "/p/{slug}/risks/heat-map/"),
    ("detail: risk", 1, "/p/{slug}/risks/{risk}/"),
    ("list: scrutiny activities", 1, "/p/{slug}/scrutiny/"),
    ("detail: scrutiny activity", 1, "/p/{slug}/scrutiny/{activity}/"),
    ("list: scrutiny findings", 1, "/p/{slug}/scrutiny/findings/"),
    ("list: challenges", 1, "/p/{slug}/scrutiny/challenges/"),
    ("dashboard: case reviews", 2, "/p/{slug}/reviews/"),
    ("list: notifications", 2, "/p/{slug}/reviews/notifications/"),
    ("detail: notification", 1, "/p/{slug}/reviews/notifications/{notification}/"),
    ("list: rapid reviews", 2, "/p/{slug}/reviews/rapid-reviews/"),
    ("detail: rapid review", 2, "/p/{slug}/reviews/rapid-reviews/{review}/"),
    ("list: LCSPRs", 1, "/p/{slug}/reviews/lcsprs/"),
    ("list: child death cases", 2, "/p/{slug}/child-deaths/"),
    ("detail: child death case", 2, "/p/{slug}/child-deaths/{case}/"),
    ("dashboard: child death figures", 1, "/p/{slug}/child-deaths/figures/"),
    ("dashboard: funding", 1, "/p/{slug}/funding/"),
    ("api: actions", 2, "/api/actions/?partnership__slug={slug}"),
    ("api: deadlines", 1, "/api/deadlines/?partnership__slug={slug}"),
    ("api: serious incidents", 1, "/api/serious-incidents/"),
    ("api: child death cases", 1, "/api/child-death-cases/"),
]
