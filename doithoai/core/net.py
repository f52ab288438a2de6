"""The client's address, as every throttle and audit event records it."""

import ipaddress

from django.conf import settings


def client_address(request, *args, **kwargs) -> str:
    """Return the client's IP address, or "unknown" when the server gave none.

    Directly served, that is REMOTE_ADDR. Behind TRUSTED_PROXIES reverse proxies (nginx
    appending to X-Forwarded-For), it is the hop the nearest trusted proxy saw; anything a
    client wrote further left in the header is ignored, so it cannot pick its address.
    Requests without an address (a Unix-socket server, Django's test client log-in) share
    the one throttle key "unknown".
    """
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    return hops[-proxies] if len(hops) >= proxies else remote


def client_ip(request, *args, **kwargs) -> str | None:
    """The client's address as a column of IP type may store it: valid, or None.

    django-axes calls this (AXES_CLIENT_IP_CALLABLE) and writes it to an inet column on
    PostgreSQL, which refuses anything but an address.
    """
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
