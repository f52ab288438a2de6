"""Fixtures for the API tests: a client that calls as a role with a personal token."""

import datetime
import json

import pytest
from django.core.cache import cache

from doithoai.api.actions import create_token
from doithoai.conferences.actions import plan_conference, send_compilation
from doithoai.conferences.models import Kind
from doithoai.petitions.actions import receive_petition, schedule_petitions, submit_petition
from doithoai.petitions.models import Privacy
from doithoai.testing import factories
from doithoai.testing.factories import aware


class ApiCaller:
    """Call the API as one of the cast, with a bearer token made through the action."""

    def __init__(self, client, cast):
        self.client = client
        self.cast = cast
        self._tokens = {}

    def token(self, user) -> str:
        if user.pk not in self._tokens:
            _token, secret = create_token(
                by=user, name="test", expires_on=datetime.date.today() + datetime.timedelta(days=30)
            )
            self._tokens[user.pk] = secret
        return self._tokens[user.pk]

    def _headers(self, user, headers):
        out = dict(headers or {})
        if user is not None:
            out["Authorization"] = f"Bearer {self.token(user)}"
        return out

    def get(self, user, path, params=None, headers=None):
        return self.client.get(
            "/api/v1" + path, data=params or {}, headers=self._headers(user, headers)
        )

    def post(self, user, path, body=None, headers=None):
        return self.client.post(
            "/api/v1" + path,
            data=json.dumps(body if body is not None else {}),
            content_type="application/json",
            headers=self._headers(user, headers),
        )


seed_day = pytest.fixture(factories.seed_day)


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(client, cast):
    return ApiCaller(client, cast)


def submitted(cast, user=None, privacy=Privacy.PUBLIC, title="Đề nghị nâng lương"):
    """A petition submitted by `user` (staff by default)."""
    return submit_petition(
        agency=cast.agency,
        title=title,
        content="Nội dung kiến nghị về chế độ tiền lương.",
        by=user or cast.staff,
        privacy=privacy,
    )


def received(cast, user=None, privacy=Privacy.PUBLIC, title="Đề nghị nâng lương"):
    """A petition submitted then received by the secretariat."""
    petition = submitted(cast, user, privacy, title)
    return receive_petition(petition=petition, topic=cast.topic(), by=cast.secretariat)


def conference(cast, *, compiled=False, when=None):
    """An ad-hoc conference chaired by the head (next year unless `when` is given)."""
    when = when or aware(datetime.date.today().year + 1, 3, 10, 8)
    conf = plan_conference(
        agency=cast.agency,
        kind=Kind.AD_HOC,
        title="Hội nghị đối thoại",
        starts_at=when,
        by=cast.head,
    )
    if compiled:
        petition = received(cast, title="Kiến nghị đưa vào hội nghị")
        schedule_petitions(conference=conf, petitions=[petition], by=cast.secretariat)
        conf = send_compilation(conference=conf, by=cast.secretariat)
    return conf
