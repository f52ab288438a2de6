"""Bad input never gives a 500: every URL pattern of the project, walked with numbers and
years out of range in its path and its query string, as the secretariat and as the head."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Out of any database integer's range, zero, negative, years the calendar does not cover.
BAD_INTS = ["99999999999999999999", "9223372036854775808", "0", "-1"]
BAD_YEARS = ["0", "99999", "1989", "2101", "99999999999999999999"]
QUERY_KEYS = ["year", "page", "topic", "unit", "half", "conference", "status", "kind", "state"]
QUERY_VALUES = ["99999999999999999999", "0", "-1", "99999", "abc", "1e400"]
PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _patterns(patterns=None, prefix=""):
    """Yield every route of the project as a path pattern string (regex routes skipped)."""
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _patterns(p.url_patterns, prefix + route)
        elif isinstance(p, URLPattern) and not route.startswith("^"):
            yield prefix + route


def _fill(route: str, value: str, agency_code: str) -> str:
    """Put `value` in every int or year parameter; plausible values in the others."""

    def one(match):
        converter, name = match.group("converter") or "str", match.group("name")
        if converter in ("int", "year") or name.endswith("_id") or name in ("pk", "year"):
            return value
        if name == "code":
            return agency_code
        if converter == "docfmt":
            return "docx"
        if converter == "half":
            return "1"
        if name == "kind":
            return "bien-ban"
        return "x"

    return "/" + PARAM.sub(one, route)


# Routes that end the session or switch the language: walking them would change the walker.
SKIP = ("dang-xuat/", "i18n/setlang/")


def _routes():
    return [route for route in _patterns() if route not in SKIP]


def _has_number(route: str) -> bool:
    return any(
        m.group("converter") in ("int", "year", "id") or m.group("name") in ("pk", "year")
        for m in PARAM.finditer(route)
    )


def _path_urls(route: str, agency_code: str) -> list[str]:
    """Bad numbers (years where the route takes a year) in the route's number parameters."""
    if not _has_number(route):
        return []
    values = BAD_YEARS if "year" in route else BAD_INTS
    return [_fill(route, v, agency_code) for v in values]


def _query_urls(base: str) -> list[str]:
    """Every key at once with each bad value, each key alone with the worst, bad years."""
    urls = [f"{base}?" + "&".join(f"{k}={v}" for k in QUERY_KEYS) for v in QUERY_VALUES]
    urls += [f"{base}?{key}={BAD_INTS[0]}" for key in QUERY_KEYS]
    urls += [f"{base}?year={year}" for year in BAD_YEARS]
    return urls


def test_the_walk_covers_the_project(cast):
    routes = _routes()
    assert len(routes) > 300  # the admin's, the API's and every app's
    assert "dang-xuat/" not in routes
    paths = {u for r in routes for u in _path_urls(r, cast.agency.code)}
    assert "/van-ban/bao-cao/VPUBND/99999.docx" in paths
    assert "/van-ban/bao-cao/VPUBND/0-6thang1.docx" in paths
    assert "/hoi-nghi/99999999999999999999/" in paths
    assert "/kien-nghi/99999999999999999999/ung-ho/" in paths
    assert "/thong-ke/VPUBND/?year=99999" in _query_urls(
        _fill("thong-ke/<slug:code>/", "1", "VPUBND")
    )


def _walk(client, agency_code: str) -> tuple[int, list[str]]:
    """Request every URL of the walk; return how many were tried and those that gave a 500."""

    def status(url):
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url)
        return response.status_code

    tried, errors = 0, []
    for route in _routes():
        urls = _path_urls(route, agency_code)
        base = _fill(route, "1", agency_code)
        # Query strings matter where a page answers a GET (the admin's own are Django's).
        if not route.startswith("admin/") and client.get(base).status_code == 200:
            urls += _query_urls(base)
        for url in urls:
            tried += 1
            if status(url) >= 500:
                errors.append(url)
    return tried, errors


@pytest.mark.parametrize("who", ["secretariat", "head"])
def test_no_url_gives_a_server_error(cast, who):
    client = Client(raise_request_exception=False)
    client.force_login(getattr(cast, who))
    tried, errors = _walk(client, cast.agency.code)
    assert tried > 500
    assert errors == [], "\n".join(errors)


@pytest.mark.parametrize(
    "url",
    [
        "/thong-ke/VPUBND/?year=99999",
        "/van-ban/bao-cao/VPUBND/99999.docx",
        "/hoi-nghi/99999999999999999999/",
    ],
)
def test_out_of_range_gives_a_vietnamese_page(cast, url):
    client = Client(raise_request_exception=False)
    client.force_login(cast.secretariat)
    response = client.get(url)
    assert response.status_code in (400, 404)
    page = response.content.decode()
    assert '<html lang="vi"' in page
    assert "Về trang việc cần làm" in page
