"""The client's address, as every throttle and audit event records it."""

from django.conf import settings


def client_address(request, *args, **kwargs) -> str:
    """Return the client's IP address.

    Directly served, that is REMOTE_ADDR. Behind TRUSTED_PROXIES reverse proxies (nginx
    appending to X-Forwarded-For), it is the hop the nearest trusted proxy saw; anything a
    client wrote further left in the header is ignored, so it cannot pick its address.
    Extra arguments are accepted so django-axes can call this as AXES_CLIENT_IP_CALLABLE.
    """
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    if proxies <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    return hops[-proxies] if len(hops) >= proxies else remote
