"""Rate limits of the pages, keyed on the real client address.

The counter is the one of ``privacy/ratelimit.py`` (the API counts with it too). The client
address is the one the login lockout uses (``web.client_address``): ``REMOTE_ADDR``, or behind a
proxy named in ``settings.ONTMOETING_TRUSTED_PROXIES`` the right-most untrusted hop of
``X-Forwarded-For``.
"""

from __future__ import annotations

from ontmoeting.privacy.ratelimit import over_limit
from ontmoeting.web.client_address import client_address

__all__ = ["client_address", "over_limit"]
