"""Right after an anonymous submission, no store links the petition to its submitter.

Every place doithoai writes to is read back: cache, sessions, the task queue, the audit
log, e-mail, captured log records and the API's idempotency table. None may hold the
submitter (id or user name) together with the petition (id, code or receipt).
"""

import json
import logging
import pickle
import uuid
from io import StringIO

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse

from doithoai.api.models import IdempotencyRecord
from doithoai.audit.models import AuditEvent
from doithoai.petitions.models import Petition
from doithoai.testing import factories as f


def _cache_entries():
    cache = caches["default"]
    return [(key, pickle.loads(blob)) for key, blob in cache._cache.items()]


def _mentions_petition(text: str, petition, receipt: str) -> bool:
    pk = petition.pk
    refs = [receipt, petition.code, f"'pk': {pk}", f'"pk": {pk}', f"/{pk}/", f"petition_id={pk}"]
    return any(ref in text for ref in refs)


def _mentions_person(text: str, user) -> bool:
    pk = user.pk
    refs = [user.username, f":{pk}:", f"'user': {pk}", f'"user": {pk}', f"user_id={pk}"]
    refs += [r for r in (user.email, user.get_full_name()) if r]
    return any(ref in text for ref in refs)


OWNED = {"session", "idempotency", "audit by the submitter"}  # rows that name their user


def _inspect(stores: dict[str, list[str]], user, petition, receipt):
    for store, texts in stores.items():
        for text in texts:
            person = store in OWNED or _mentions_person(text, user)
            linked = person and _mentions_petition(text, petition, receipt)
            assert not linked, f"{store} links the submitter to the petition: {text[:300]}"


def _plain(value) -> str:
    """Render a cached value without touching the database (model rows by their fields)."""
    if isinstance(value, dict):
        return repr({k: _plain(v) for k, v in value.items()})
    if isinstance(value, list | tuple | set | frozenset):
        return repr([_plain(v) for v in value])
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        fields = {f.attname: getattr(value, f.attname, None) for f in value._meta.concrete_fields}
        return f"{value._meta.label}{fields!r}"
    return repr(value)


def _stores(caplog, submitter, petition):
    tasks = []
    try:
        from django_tasks_db.models import DBTaskResult

        tasks = [json.dumps(r.args_kwargs, default=str) for r in DBTaskResult.objects.all()]
    except LookupError:
        pass
    on_petition = AuditEvent.objects.filter(petition_id=petition.pk)
    assert not on_petition.filter(actor=submitter).exists()
    return {
        "cache": [f"{key} {_plain(value)}" for key, value in _cache_entries()],
        "session": [json.dumps(s.get_decoded(), default=str) for s in Session.objects.all()],
        "tasks": tasks,
        "audit": [
            json.dumps([e.object_repr, e.before, e.after, e.reason], default=str)
            for e in on_petition
        ],
        "audit by the submitter": [
            json.dumps([e.object_repr, e.after, e.reason, e.petition_id], default=str).replace(
                "null", ""
            )
            + (f" petition_id={e.petition_id}" if e.petition_id else "")
            for e in AuditEvent.objects.filter(actor=submitter)
        ],
        "mail": [f"{m.to} {m.subject} {m.body}" for m in mail.outbox],
        "logs": [r.getMessage() for r in caplog.records],
        "idempotency": [
            json.dumps([r.key, r.body], default=str) for r in IdempotencyRecord.objects.all()
        ],
    }


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.mark.django_db(transaction=True)
def test_page_submission_leaves_no_link_anywhere(client, database_tasks, caplog, time_machine):
    caplog.set_level(logging.DEBUG)
    f.freeze(time_machine)
    cast = f.Cast()
    client.force_login(cast.staff)
    form = {
        "token": str(uuid.uuid4()),
        "on_behalf": "self",
        "title": "Góp ý ẩn danh về giờ làm việc",
        "content": "Đề nghị điều chỉnh giờ làm việc mùa hè.",
        "privacy": "anonymous",
    }
    response = client.post(reverse("petitions:submit"), form)
    receipt = response.context["code"]
    petition = Petition.objects.get()
    assert receipt and petition.submitter is None
    client.post(reverse("petitions:submit"), form)  # a double submit, too
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    _inspect(_stores(caplog, cast.staff, petition), cast.staff, petition, receipt)


@pytest.mark.django_db(transaction=True)
def test_api_submission_leaves_no_link_anywhere(client, database_tasks, caplog, time_machine):
    from doithoai.api.actions import create_token

    caplog.set_level(logging.DEBUG)
    f.freeze(time_machine)
    cast = f.Cast()
    _token, secret = create_token(
        by=cast.staff, name="t", expires_on=f.SEED_DAY.date().replace(year=2019)
    )
    response = client.post(
        "/api/v1/petitions/",
        data=json.dumps({"title": "Góp ý", "content": "Nội dung", "privacy": "anonymous"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}", "Idempotency-Key": "anon-1"},
    )
    assert response.status_code == 201
    receipt = response.json()["receipt_code"]
    petition = Petition.objects.get()
    _inspect(_stores(caplog, cast.staff, petition), cast.staff, petition, receipt)


def test_the_inspection_would_catch_the_old_cache_entry(db):
    """The check itself: the former `petition-submit:<user id>:<token>` entry is caught."""
    cast = f.Cast()
    petition = f.submitted(cast, privacy="anonymous")
    text = f"petition-submit:{cast.staff.pk}:abc {{'pk': {petition.pk}, 'receipt': 'AN-X'}}"
    with pytest.raises(AssertionError):
        _inspect({"cache": [text]}, cast.staff, petition, "AN-X")
