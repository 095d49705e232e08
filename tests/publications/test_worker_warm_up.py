"""Celery worker processes load WeasyPrint as they start, so no user's render pays for it."""

from celery.signals import worker_process_init

import publications.tasks  # noqa: F401  (connects the signal, as the worker's autodiscovery does)
from publications import rendering


def test_a_starting_worker_process_warms_up_the_renderer(monkeypatch):
    calls = []
    monkeypatch.setattr(rendering, "warm_up", lambda: calls.append("warmed"))
    worker_process_init.send(sender=None)
    assert calls == ["warmed"]


def test_a_failed_warm_up_does_not_stop_the_worker(monkeypatch, caplog):
    def broken():
        raise OSError("no fonts")

    monkeypatch.setattr(rendering, "warm_up", broken)
    worker_process_init.send(sender=None)
    assert "Warming up the PDF renderer failed" in caplog.text
