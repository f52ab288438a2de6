"""The admin shows every model, in Vietnamese, and lets no one bypass the actions."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from doithoai.core.admin import ReadOnlyAdmin
from doithoai.demo.story import load_demo

# Configuration, not records: the official calendar, the agency's limits, and the signature and
# seal images with the certificate attribute site staff record per person, and where each
# agency's seal key lives (superusers only; issue 16).
EDITABLE = {
    "workdays.officialscheduleentry",
    "deadlines.deadlinerules",
    "signing.signerprofile",
    "signing.agencyseal",
    "signing.sealkey",
}


@pytest.fixture
def superuser_client(db, client):
    load_demo()
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def test_every_changelist_opens_in_vietnamese(superuser_client):
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = superuser_client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 200, url
    index = superuser_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="vi")
    assert "Kiến nghị" in index.content.decode()


def test_domain_records_are_read_only():
    for model, model_admin in admin.site._registry.items():
        # Accounts and access tooling, not domain records: site staff unlock a locked-out
        # account (axes) or remove a lost second-factor device there.
        tooling = {"otp_totp", "otp_static", "django_otp_webauthn", "axes"}
        if model._meta.app_label in {"auth", "django_tasks_database"} | tooling:
            continue
        if model._meta.label_lower in EDITABLE:
            continue
        assert isinstance(model_admin, ReadOnlyAdmin), model._meta.label
