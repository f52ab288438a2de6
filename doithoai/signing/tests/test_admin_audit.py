"""Signer profiles, seal images and seal keys edited in the Django admin are audited.

Only a superuser reaches those pages; each create, change and delete writes its audit event
with the actor and what changed (an image by its SHA-256, never its bytes), with the row, in
one transaction.
"""

import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doithoai.audit.models import AuditEvent, Verb
from doithoai.core.errors import PermissionRefused
from doithoai.signing import actions
from doithoai.signing.models import AgencySeal, CertificateAttribute, SignerProfile

from .pki import seal_png, signature_png


@pytest.fixture
def root(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", "x")


def _event(verb) -> AuditEvent:
    return AuditEvent.objects.filter(verb=verb).order_by("-seq").first()


def test_an_admin_change_of_a_signer_profile_is_audited_with_its_actor(cast, root, client):
    client.force_login(root)
    image = signature_png()
    add = reverse("admin:signing_signerprofile_add")
    response = client.post(
        add,
        {
            "user": cast.head.pk,
            "certificate_attribute": CertificateAttribute.SUBJECT_UID,
            "certificate_value": "CCCD:001000000001",
            "signature_image": SimpleUploadedFile("chu-ky.png", image, "image/png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = SignerProfile.objects.get(user=cast.head)
    created = _event(Verb.SIGNER_PROFILE_SET)
    assert created.actor == root and created.agency_id == cast.agency.pk
    assert created.after["admin"] == "created"
    assert created.after["certificate_value"] == "CCCD:001000000001"
    assert created.after["signature_image_sha256"] == hashlib.sha256(image).hexdigest()
    assert image.hex() not in str(created.after)

    change = reverse("admin:signing_signerprofile_change", args=[profile.pk])
    response = client.post(
        change,
        {
            "user": cast.head.pk,
            "certificate_attribute": CertificateAttribute.SERIAL,
            "certificate_value": "0A1B2C",
        },
    )
    assert response.status_code == 302
    changed = _event(Verb.SIGNER_PROFILE_SET)
    assert changed.pk != created.pk and changed.actor == root
    assert changed.before == {
        "certificate_attribute": CertificateAttribute.SUBJECT_UID,
        "certificate_value": "CCCD:001000000001",
    }
    assert changed.after == {
        "admin": "changed",
        "certificate_attribute": CertificateAttribute.SERIAL,
        "certificate_value": "0A1B2C",
    }

    delete = reverse("admin:signing_signerprofile_delete", args=[profile.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not SignerProfile.objects.exists()
    deleted = _event(Verb.SIGNER_PROFILE_DELETED)
    assert deleted.actor == root and deleted.before["certificate_value"] == "0A1B2C"


def test_an_admin_seal_image_upload_and_bulk_delete_are_audited(cast, root, client):
    client.force_login(root)
    image = seal_png()
    response = client.post(
        reverse("admin:signing_agencyseal_add"),
        {
            "agency": cast.agency.pk,
            "diameter_mm": "36",
            "image": SimpleUploadedFile("dau.png", image, "image/png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = _event(Verb.SEAL_IMAGE_SET)
    assert event.actor == root and event.agency_id == cast.agency.pk
    assert event.after["image_sha256"] == hashlib.sha256(image).hexdigest()
    seal = AgencySeal.objects.get()
    response = client.post(
        reverse("admin:signing_agencyseal_changelist"),
        {"action": "delete_selected", "_selected_action": [seal.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not AgencySeal.objects.exists()
    assert _event(Verb.SEAL_IMAGE_DELETED).actor == root


@pytest.mark.parametrize("model", ["signerprofile", "agencyseal", "sealkey"])
def test_a_non_superuser_cannot_reach_the_signing_admin_pages(cast, client, model):
    staff = cast.admin  # the agency's administrator, even with admin access and model rights
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="signing"))
    client.force_login(staff)
    for url in (
        reverse(f"admin:signing_{model}_changelist"),
        reverse(f"admin:signing_{model}_add"),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse(f"admin:signing_{model}_add"), {}).status_code == 403
    assert not AuditEvent.objects.filter(verb__startswith="signing.").exists()


def test_the_admin_action_refuses_anyone_but_the_operator(cast):
    profile = SignerProfile(user=cast.head, certificate_value="CCCD:1")
    with pytest.raises(PermissionRefused):
        actions.admin_save(obj=profile, by=cast.admin)
    assert not SignerProfile.objects.exists()
