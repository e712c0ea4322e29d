"""The client's address, as far as this instance can know it."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """``REMOTE_ADDR``, or behind a trusted proxy the address it appended to X-Forwarded-For.

    Only the right-most entry is the proxy's own: a client can put anything to its left.
    """
    if settings.CHILDPATH_TRUSTED_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return str(hops[-1])
    return str(request.META.get("REMOTE_ADDR", ""))
