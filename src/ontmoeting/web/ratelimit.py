"""Rate limits kept in the shared cache, keyed on the real client address.

The counters live in Django's configured cache; the settings make it the database cache
(``django.core.cache.backends.db.DatabaseCache``, its table made by a migration of the privacy
app), so every process and every server behind a load balancer counts together. Each counter
belongs to a fixed window (its key carries the window's number), so it expires on its own. Two
requests at the very same moment may both pass the last free place (the database cache reads
and writes a counter in two steps): the limit can be overshot by the number of requests running
at once, never more.

The client address is ``REMOTE_ADDR``, unless that address is a trusted proxy named in
``settings.ONTMOETING_TRUSTED_PROXIES`` (addresses or networks): then ``X-Forwarded-For`` is read
from the right, skipping trusted proxies, and the first address that is not one is the client's.
Addresses further left were written by the client itself and are never believed.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def _networks() -> list[IPNetwork]:
    return [
        ipaddress.ip_network(item.strip(), strict=False)
        for item in getattr(settings, "ONTMOETING_TRUSTED_PROXIES", [])
        if item.strip()
    ]


def _trusted(address: str, networks: list[IPNetwork]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The address of the client who sent ``request`` (see the module docstring)."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    networks = _networks()
    if not networks or not _trusted(remote, networks):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else remote


def over_limit(scope: str, value: str, *, limit: int, window_seconds: int) -> bool:
    """Count one more hit of ``value`` in ``scope``; True once the window holds more than
    ``limit`` hits. ``value`` is stored hashed (an address is personal data)."""
    window = int(time.time() // window_seconds)
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]
    key = f"ratelimit:{scope}:{window}:{digest}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit
