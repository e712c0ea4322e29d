"""A flood of feedback attempts is refused, per code and per address, without storing either.

Counters live in Django's cache under a keyed hash (HMAC with the blind index key) of the code
or the address, for one window, and vanish with it: no table, no log line holds the address.
With several web processes and the default local-memory cache, each process counts on its own;
configure a shared cache (CACHES) to count across them.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

WINDOW = 60 * 60  # seconds
PER_CODE = 5  # attempts with one code in a window
PER_ADDRESS = 20  # attempts from one address in a window


def _key(kind: str, value: str) -> str:
    digest = hmac.new(
        settings.BLIND_INDEX_KEY.encode(), f"help-rate/{kind}/{value}".encode(), hashlib.sha256
    ).hexdigest()
    return f"help-rate:{kind}:{digest}"


def _hit(key: str, limit: int) -> bool:
    """Count one attempt; True while within the limit."""
    if cache.add(key, 1, WINDOW):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW)
        return True
    return count <= limit


def allow(*, code: str, address: str) -> bool:
    """Count an attempt for this code and this address; False once either is over its limit."""
    by_address = _hit(_key("address", address), PER_ADDRESS)
    by_code = _hit(_key("code", code), PER_CODE) if code else True
    return by_address and by_code
