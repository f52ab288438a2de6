"""The client's address: what throttles key on, and what django-axes may store."""

import pytest
from django.test import RequestFactory, override_settings

from doithoai.core.net import client_address, client_ip

rf = RequestFactory()


def _request(remote=None, forwarded=None):
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR", None)
    if remote is not None:
        request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_directly_served_the_address_is_remote_addr():
    assert client_address(_request("192.0.2.7")) == "192.0.2.7"
    assert client_ip(_request("2001:db8::1")) == "2001:db8::1"


@override_settings(TRUSTED_PROXIES=1)
def test_behind_one_proxy_a_client_cannot_pick_its_address():
    request = _request("10.0.0.1", forwarded="6.6.6.6, 198.51.100.4")
    assert client_address(request) == "198.51.100.4"


def test_without_an_address_throttles_share_one_key_and_axes_stores_none():
    # Django's test client log-in (and some WSGI servers on a Unix socket) give no
    # REMOTE_ADDR; PostgreSQL's inet column refuses the word 'unknown'.
    request = _request()
    assert client_address(request) == "unknown"
    assert client_ip(request) is None


@override_settings(TRUSTED_PROXIES=1)
def test_a_forwarded_hop_that_is_not_an_address_is_not_stored():
    assert client_ip(_request("10.0.0.1", forwarded="not-an-ip")) is None


@pytest.mark.django_db
def test_force_login_without_an_address_is_logged_by_axes(client, django_user_model):
    from axes.models import AccessLog

    user = django_user_model.objects.create_user("no-address", password="x-Long-enough-1")
    client.force_login(user)
    assert AccessLog.objects.filter(username="no-address", ip_address=None).exists()
