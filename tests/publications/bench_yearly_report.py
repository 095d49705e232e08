"""The render-time benchmark of a ~40-page yearly report. Not collected by the suite
(no test_ prefix); run it explicitly:

    pytest tests/publications/bench_yearly_report.py -s

or against a migrated database: python manage.py benchmark_yearly_report.
"""

import io

from django.core.management import call_command


def test_benchmark_yearly_report(db):
    out = io.StringIO()
    call_command("benchmark_yearly_report", "--pages", "40", "--repeat", "3", stdout=out)
    print(out.getvalue())  # noqa: T201  (the benchmark reports its timings)
    assert "pages" in out.getvalue()
