"""A Redis cache that a Redis outage cannot break: every call degrades to a miss.

Redis is the Celery broker and the cache. When it is down, a page that reads or writes the cache
must still load: errors are logged (at most once a minute) and the call answers as if the key were
absent or the write had not happened. Nothing in the product keeps data only in the cache.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

try:  # redis-py is installed with celery[redis]; keep the import guarded for a bare install
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover
    RedisError = OSError

FAILURES = (RedisError, OSError)
_LOG_EVERY_SECONDS = 60


class ResilientRedisCache(RedisCache):
    """Django's Redis cache; on a connection failure, get gives the default and writes are dropped."""

    _last_logged = 0.0

    def _failed(self, operation, error):
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged > _LOG_EVERY_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.warning("Cache unavailable (%s failed: %s); carrying on without it", operation, error)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except FAILURES as error:
            self._failed("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except FAILURES as error:
            self._failed("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except FAILURES as error:
            self._failed("has_key", error)
            return False

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except FAILURES as error:
            self._failed("add", error)
            return False

    def set(self, key, value, timeout=None, version=None):
        try:
            return super().set(key, value, timeout, version)
        except FAILURES as error:
            self._failed("set", error)
            return None

    def set_many(self, data, timeout=None, version=None):
        try:
            return super().set_many(data, timeout, version)
        except FAILURES as error:
            self._failed("set_many", error)
            return list(data)

    def touch(self, key, timeout=None, version=None):
        try:
            return super().touch(key, timeout, version)
        except FAILURES as error:
            self._failed("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except FAILURES as error:
            self._failed("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except FAILURES as error:
            self._failed("delete_many", error)
            return None

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except FAILURES as error:
            self._failed("incr", error)
            raise ValueError(f"Key {key!r} not found (cache unavailable)") from error

    def clear(self):
        try:
            return super().clear()
        except FAILURES as error:
            self._failed("clear", error)
            return False
