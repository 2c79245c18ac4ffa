"""With ``ONTMOETING_REDIS_URL`` the rate limits live in Redis: two processes count together.

Runs against the Redis at 127.0.0.1:6379 (database 15), skipped when none answers there."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches

from ontmoeting.web.ratelimit import over_limit

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not _redis_answers(), reason="no Redis at 127.0.0.1:6379")


def test_the_redis_url_switches_the_cache_to_redis():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ONTMOETING_REDIS_URL": REDIS_URL}
    env.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.config.settings")
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "django.core.cache.backends.redis.RedisCache"


def test_two_processes_count_against_one_limit(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "ontmoeting",
        }
    }
    scope = f"test-{uuid.uuid4().hex}"
    limit = 3
    try:
        assert [
            over_limit(scope, "10.0.0.1", limit=limit, window_seconds=60) for _ in range(3)
        ] == [False] * 3
        # Another process (another web worker), with its own connection to Redis.
        code = (
            "import sys, django; django.setup(); "
            "from ontmoeting.web.ratelimit import over_limit; "
            f"print(over_limit({scope!r}, '10.0.0.1', limit={limit}, window_seconds=60))"
        )
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ONTMOETING_REDIS_URL": REDIS_URL}
        env.setdefault("DJANGO_SETTINGS_MODULE", "ontmoeting.config.settings")
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout
        assert out.strip() == "True"  # the fourth hit, counted with this process's three
        # Another address has a count of its own.
        assert not over_limit(scope, "10.0.0.2", limit=limit, window_seconds=60)
    finally:
        caches["default"].clear()
        caches["default"].close()
