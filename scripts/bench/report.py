"""Turn locust's CSV statistics and the side measurements (bench.sh's extras.json) into BENCHMARKS.md,
with the targets in BENCHMARKS.md and whether each is met."""

import csv
import datetime
import json
import os
import platform
import sys
from pathlib import Path

# p95 targets in ms by page kind: lists and details 150 ms, dashboards 300 ms; the API's
# list endpoints are held to the list target.
TARGET = {"list": 150, "detail": 150, "dashboard": 300, "api": 150}
SWEEP_S, REPORT_S, REPORT_MB, WORKER_MB, SINGLE_X = 10, 5, 300, 300, 10


def yes(ok):
    return "yes" if ok else "**no**"


def main(stats_csv, extras_json, out):
    with open(stats_csv) as fh:
        rows = list(csv.DictReader(fh))
    extras = json.loads(Path(extras_json).read_text()) if Path(extras_json).exists() else {}
    cpuinfo = Path("/proc/cpuinfo").read_text()
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in cpuinfo.splitlines() if ln.startswith("model name")), "?"
    )
    mem = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal")
        ),
        "?",
    )
    load = extras.get("load", {})
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on "
        f"{platform.node()}: {cpu}, {os.cpu_count()} cores, {mem} memory, Python {platform.python_version()}, "
        "PostgreSQL and Redis on 127.0.0.1.",
        "",
        f"Data: `generate_scale_data --scale {extras.get('scale', '?')} --seed 1`"
        + (
            f", generated in {extras['generation_wall']} (wall clock)"
            if extras.get("generation_wall")
            else ""
        )
        + (f"; rows: `{extras['rows']}`" if extras.get("rows") else "")
        + ".",
        "",
        f"Load: {extras.get('users', '?')} simulated users (locust, a separate process, 0.5 to 1.5 s "
        f"think time) for {extras.get('seconds', '?')} s against gunicorn with 2 sync workers, each "
        "signed in as a business-unit officer of a random partnership (MFA off in the bench). The "
        "statistics restart once every user has signed in (the password hash is deliberately slow), so "
        f"the table covers the last {extras.get('measured_seconds', '?')} s with all users active. One "
        f"sign-in on its own takes {extras.get('sign_in_ms', 0):.0f} ms (status {extras.get('sign_in_status', '?')}).",
        "",
        "The load on the machine (other work on the same 2 cores makes these figures pessimistic; "
        "the bench itself adds about 1 to 2). `uptime` before the run: "
        f"`{load.get('before', '?')}`; when locust started: `{load.get('locust start', '?')}`; "
        f"when it ended: `{load.get('locust end', '?')}`.",
        "",
        "## Pages under load",
        "",
        "| Page | Requests | Failures | p50 ms | p95 ms | p99 ms | req/s | Target p95 ms | Met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    page_results = {}
    total_failures = 0
    aggregated = None
    for r in rows:
        name = r["Name"]
        if name == "Aggregated":
            aggregated = r
            continue
        if r["Request Count"] == "0":
            continue  # the sign-in rows, emptied when the statistics restart
        total_failures += int(r["Failure Count"])
        kind = name.split(":", 1)[0]
        target = TARGET.get(kind)
        p95 = float(r["95%"])
        met = None if target is None else (p95 < target and r["Failure Count"] == "0")
        if met is not None:
            page_results[name] = met
        lines.append(
            f"| {name} | {r['Request Count']} | {r['Failure Count']} | {r['50%']} | {r['95%']} | {r['99%']} | "
            f"{float(r['Requests/s']):.1f} | {target or ''} | {'' if met is None else yes(met)} |"
        )
    if aggregated:
        lines.append(
            f"| **All** | {aggregated['Request Count']} | {aggregated['Failure Count']} | {aggregated['50%']} | "
            f"{aggregated['95%']} | {aggregated['99%']} | {float(aggregated['Requests/s']):.1f} | | |"
        )
    single_ok = {}
    if extras.get("queries"):
        bare = extras.get("bare_ms", 0)
        lines += [
            "",
            "## One user, one request (in-process, best of 5, partnership `scale-1-0`)",
            "",
            f"Bare Django response (the accessibility statement: whole middleware stack, a static "
            f"template, {extras.get('bare_queries', '?')} queries): {bare:.1f} ms. The target: page time within "
            f"{SINGLE_X}x of (its SQL time + the bare response).",
            "",
            "| Page | Status | Queries | SQL ms | Page ms | SQL + bare ms | Page / (SQL + bare) | Within 10x |",
            "|---|---:|---:|---:|---:|---:|---:|:---:|",
        ]
        for name, q in extras["queries"].items():
            floor = q["sql_ms"] + bare
            ratio = q["page_ms"] / floor if floor else 0
            single_ok[name] = ratio <= SINGLE_X
            lines.append(
                f"| {name} | {q.get('status', '')} | {q['queries']} | {q['sql_ms']:.1f} | {q['page_ms']:.1f} | "
                f"{floor:.1f} | {ratio:.1f} | {yes(single_ok[name])} |"
            )
    lines += ["", "## Background work and memory", ""]
    sweep = extras.get("sweep_seconds")
    lines.append(
        "- Deadline sweep over the whole dataset, in a Celery worker: "
        + (
            f"{sweep} s (`{extras.get('sweep_result', '')}`)"
            if sweep is not None
            else "not measured (see the run's log)"
        )
        + f"; the worker then sent {extras.get('reminders_sent', 0)} reminders (dummy email backend)."
    )
    sweep2 = extras.get("second_sweep_seconds")
    lines.append(
        "- The same sweep run again afterwards (as a second run that day finds the register): "
        + (
            f"{sweep2} s (`{extras.get('second_sweep_result', '')}`)."
            if sweep2 is not None
            else "not measured (see the run's log)."
        )
    )
    lines.append(
        f"- Yearly report PDF: {extras.get('report_pages', '?')} pages, median of 3 renders (wall) "
        f"{extras.get('report_seconds', '?')} s; peak memory of the process {extras.get('report_rss_mb', '?')} MB "
        "(`manage.py benchmark_yearly_report --pages 40 --repeat 3` under `/usr/bin/time -v`)."
    )
    lines.append(
        f"- Peak RSS of a gunicorn web worker under the load: {extras.get('web_worker_rss_mb', '?')} MB."
    )
    lines.append(
        f"- Peak RSS of the Celery worker (largest process of its tree) during the sweep and the sends: "
        f"{extras.get('celery_worker_rss_mb', '?')} MB."
    )

    def fmt_pages(kinds):
        names = [n for n in page_results if n.split(":", 1)[0] in kinds]
        missed = [n for n in names if not page_results[n]]
        return (not missed and bool(names)), ("all met" if not missed else "missed: " + ", ".join(missed))

    lists_ok, lists_note = fmt_pages({"list", "detail", "api"})
    dash_ok, dash_note = fmt_pages({"dashboard"})
    report_s, report_mb = extras.get("report_seconds"), extras.get("report_rss_mb")
    web_mb, cel_mb = extras.get("web_worker_rss_mb"), extras.get("celery_worker_rss_mb")
    single_missed = [n for n, ok in single_ok.items() if not ok]
    lines += [
        "",
        "## Targets",
        "",
        "| Target | Measured | Met |",
        "|---|---|:---:|",
        f"| p95 < 150 ms for list, detail and API pages | {lists_note} | {yes(lists_ok)} |",
        f"| p95 < 300 ms for dashboards | {dash_note} | {yes(dash_ok)} |",
        f"| No errors under load | {total_failures} failures | {yes(total_failures == 0)} |",
        f"| One user's page within 10x of its SQL + a bare response | "
        f"{'all pages' if not single_missed else 'missed: ' + ', '.join(single_missed)} | {yes(not single_missed)} |",
        f"| Deadline sweep < {SWEEP_S} s: the first over the data (recording every reminder it calls for) | "
        f"{sweep} s | {yes(sweep is not None and sweep < SWEEP_S)} |",
        f"| Deadline sweep < {SWEEP_S} s: the same again (nothing new to record) | "
        f"{sweep2} s | {yes(sweep2 is not None and sweep2 < SWEEP_S)} |",
        f"| 40-page yearly report < {REPORT_S} s and < {REPORT_MB} MB | {report_s} s, {report_mb} MB | "
        f"{yes(report_s is not None and report_mb is not None and report_s < REPORT_S and report_mb < REPORT_MB)} |",
        f"| Web worker < {WORKER_MB} MB | {web_mb} MB | {yes(web_mb is not None and 0 < web_mb < WORKER_MB)} |",
        f"| Celery worker < {WORKER_MB} MB | {cel_mb} MB | {yes(cel_mb is not None and 0 < cel_mb < WORKER_MB)} |",
    ]
    notes = Path(out).with_name("BENCHMARKS_NOTES.md")
    if notes.exists():
        lines += ["", notes.read_text().strip()]
    Path(out).write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
