"""Production settings pass `check --deploy` and refuse to start without a secret key or a site address."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "x" * 20 + "production-grade-random-secret-key-for-the-check"


def _run(env_extra, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "SITE_URL"}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_extra})
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _run(
        {"DJANGO_SECRET_KEY": SECRET, "SITE_URL": "https://safeguarding.example.org"},
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _run({}, "check")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_the_site_address():
    """E-mails link to SITE_URL: production has no default to fall back on."""
    for value in ({}, {"SITE_URL": ""}, {"SITE_URL": "safeguarding.example.org"}):
        result = _run({"DJANGO_SECRET_KEY": SECRET, **value}, "check")
        assert result.returncode != 0, value
        assert "Set SITE_URL to the public address" in result.stderr
        assert "SITE_URL=https://safeguarding.example.org" in result.stderr
