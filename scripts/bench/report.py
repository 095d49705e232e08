"""Turn locust's CSV statistics and the side measurements into BENCHMARKS.md."""

import csv
import datetime
import json
import os
import platform
import sys
from pathlib import Path

TARGET = {"list": 150, "detail": 150, "dashboard": 300, "api": 150}


def main(stats_csv, extras_json, out):
    with open(stats_csv) as fh:
        rows = list(csv.DictReader(fh))
    cpuinfo = Path("/proc/cpuinfo").read_text()
    extras = json.loads(Path(extras_json).read_text()) if Path(extras_json).exists() else {}
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if ln.startswith("model name")), "?"
    )
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{platform.node()}: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}.",
        f"Load: {extras.get('users', '?')} simulated users for {extras.get('seconds', '?')} s from a separate locust process; "
        "gunicorn with 2 sync workers; PostgreSQL; data from `generate_scale_data --scale "
        f"{extras.get('scale', '?')} --seed 1`.",
        "",
        "| Page | Requests | Failures | p50 ms | p95 ms | p99 ms | req/s | Target p95 | Met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in rows:
        name = r["Name"]
        if name == "Aggregated":
            continue
        kind = name.split(":", 1)[0]
        target = TARGET.get(kind)
        p95 = float(r["95%"])
        met = "" if target is None else ("yes" if p95 < target and r["Failure Count"] == "0" else "**no**")
        lines.append(
            f"| {name} | {r['Request Count']} | {r['Failure Count']} | {r['50%']} | {r['95%']} | {r['99%']} | "
            f"{float(r['Requests/s']):.1f} | {target or ''} | {met} |"
        )
    if extras.get("queries"):
        lines += [
            "",
            "## One user, one request (SQL queries and times)",
            "",
            "| Page | Queries | SQL ms | Page ms | Bare Django ms |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, q in extras["queries"].items():
            lines.append(
                f"| {name} | {q['queries']} | {q['sql_ms']:.1f} | {q['page_ms']:.1f} | {extras.get('bare_ms', 0):.1f} |"
            )
    for key, label in [
        ("sweep_seconds", "Deadline sweep over the whole dataset (s)"),
        ("web_worker_rss_mb", "Peak RSS of a web worker (MB)"),
        ("rows", "Rows generated"),
    ]:
        if key in extras:
            lines.append(f"\n{label}: {extras[key]}")
    lines += [
        "",
        "Not measured yet: the yearly report PDF (publications), Celery worker memory under the sweep; "
        "reviews and child death volumes wait for those apps' `register_scale_generator`.",
    ]
    Path(out).write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
