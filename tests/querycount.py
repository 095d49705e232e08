"""Constant SQL query counts for list pages and dashboards (NetBox keeps per-app baselines)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries)


def assert_constant_queries(client, url, add_rows, small=5, large=500):
    """`add_rows(n)` adds n rows; the page's query count must be the same at `small` and `large`."""
    add_rows(small)
    client.get(url)  # warm caches (content types, sessions) so both counts compare like with like
    at_small = count_queries(client, url)
    add_rows(large - small)
    at_large = count_queries(client, url)
    assert at_small == at_large, f"{url}: {at_small} queries with {small} rows, {at_large} with {large}"
    return at_large
