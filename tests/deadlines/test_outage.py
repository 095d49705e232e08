"""The web app keeps working when Redis (the cache and the broker) is unreachable.

These point at a port where nothing listens, so they need no Redis; test_deadlines_worker.py stops
and restarts the real Redis.
"""

import time

import pytest
from django.core import mail
from django.core.cache import caches

from partnerships.core.cache import ResilientRedisCache
from partnerships.core.models import Action
from partnerships.deadlines.choices import ReminderStatus
from partnerships.deadlines.models import Reminder
from partnerships.deadlines.outbox import publish
from partnerships.deadlines.register import deadlines_for
from tests.deadlines.support import real_broker

DEAD_REDIS = "redis://127.0.0.1:1/7"
DEAD_CACHE = {
    "default": {
        "BACKEND": "partnerships.core.cache.ResilientRedisCache",
        "LOCATION": DEAD_REDIS,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def test_the_cache_degrades_to_a_miss():
    cache = ResilientRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 1}})
    assert cache.get("k", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set("k", 1) is None
    assert cache.add("k", 1) is False
    assert cache.has_key("k") is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("k") is False
    assert cache.touch("k") is False
    with pytest.raises(ValueError):
        cache.incr("k")  # as for a missing key, which callers already handle
    assert cache.get_or_set("k", "computed") == "computed"


def test_pages_load_and_records_save_with_the_cache_down(world, client_for, settings):
    settings.CACHES = DEAD_CACHE  # Django's setting_changed signal rebuilds the cache handlers
    assert isinstance(caches["default"], ResilientRedisCache)
    assert caches["default"].get("anything", "fallback") == "fallback"
    client = client_for(world.bu)
    with real_broker(DEAD_REDIS):
        for url in (
            "/p/alpha/",
            "/p/alpha/deadlines/",
            "/deadlines/",
            "/notifications/",
            "/p/alpha/actions/",
        ):
            assert client.get(url).status_code == 200, url
        response = client.post(
            "/p/alpha/actions/new/",
            {"title": "Saved while Redis is down", "source_kind": "other", "due_date": "2030-03-01"},
        )
    assert response.status_code == 302
    action = Action.objects.get(title="Saved while Redis is down")
    assert deadlines_for(action).get().due_date.isoformat() == "2030-03-01"  # and it is in the register


def test_publishing_to_a_dead_broker_is_quick_and_never_raises(world):
    reminder = Reminder.objects.filter(partnership=world.alpha).get()
    Reminder.objects.filter(pk=reminder.pk).update(status=ReminderStatus.PENDING, sent_at=None)
    started = time.monotonic()
    with real_broker(DEAD_REDIS):
        assert publish([reminder.pk, reminder.pk]) == (0, 2)
    assert time.monotonic() - started < 5
    reminder.refresh_from_db()
    assert (reminder.status, reminder.queued_at) == (ReminderStatus.PENDING, None)
    assert mail.outbox == []
