"""Signature and seal images uploaded on pages: one's own signature; the seal by the agency admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doithoai.audit.models import AuditEvent, Verb
from doithoai.core.errors import PermissionRefused
from doithoai.signing import actions
from doithoai.signing.models import AgencySeal, SignerProfile
from doithoai.testing.factories import Elsewhere

from .pki import seal_png, signature_png


def _png(data: bytes, name="anh.png"):
    return SimpleUploadedFile(name, data, "image/png")


def test_a_person_uploads_their_own_signature(cast, client):
    url = reverse("signing:my_signature")
    client.force_login(cast.deputy)
    assert client.get(url).status_code == 200
    response = client.post(url, {"image": _png(signature_png())})
    assert response.status_code == 302
    profile = SignerProfile.objects.get(user=cast.deputy)
    assert profile.signature_image
    event = AuditEvent.objects.get(verb=Verb.SIGNATURE_IMAGE_SET)
    assert event.actor == cast.deputy and event.after["sha256"]
    # The same checks as in the admin: a red round seal is not a signature; nor is a JPEG.
    for bad in (_png(seal_png()), _png(b"\xff\xd8\xff\xe0 not a png", "anh.jpg")):
        response = client.post(url, {"image": bad})
        assert response.status_code == 400
    profile.refresh_from_db()
    assert AuditEvent.objects.filter(verb=Verb.SIGNATURE_IMAGE_SET).count() == 1


def test_nobody_sets_another_persons_signature(cast):
    with pytest.raises(PermissionRefused):
        actions.set_signature_image(user=cast.deputy, image=signature_png(), by=cast.admin)
    assert not SignerProfile.objects.exists()


def test_the_page_needs_a_login(client):
    response = client.get(reverse("signing:my_signature"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_agency_admin_uploads_the_seal(cast, client):
    url = reverse("signing:agency_seal", args=[cast.agency.code])
    for user in (cast.secretariat, cast.head, cast.staff, cast.inspector):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"image": _png(seal_png()), "diameter_mm": "36"}).status_code == 403
    assert not AgencySeal.objects.exists()
    client.force_login(cast.admin)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"image": _png(signature_png()), "diameter_mm": "36"})
    assert bad.status_code == 400 and not AgencySeal.objects.exists()
    too_big = client.post(url, {"image": _png(seal_png()), "diameter_mm": "90"})
    assert too_big.status_code == 400 and not AgencySeal.objects.exists()
    assert client.post(url, {"image": _png(seal_png()), "diameter_mm": "36"}).status_code == 302
    seal = AgencySeal.objects.get(agency=cast.agency)
    assert float(seal.diameter_mm) == 36.0 and seal.image
    assert AuditEvent.objects.get(verb=Verb.SEAL_IMAGE_SET).actor == cast.admin
    # Replaced later with a new diameter: one seal per agency.
    assert client.post(url, {"image": _png(seal_png()), "diameter_mm": "40"}).status_code == 302
    assert AgencySeal.objects.get(agency=cast.agency).diameter_mm == 40


def test_another_agencys_admin_cannot_set_the_seal(cast, client):
    other = Elsewhere()
    from doithoai.organizations.models import Role
    from doithoai.testing.factories import member

    their_admin = member(other.agency, Role.ADMIN)
    client.force_login(their_admin)
    url = reverse("signing:agency_seal", args=[cast.agency.code])
    assert client.post(url, {"image": _png(seal_png()), "diameter_mm": "36"}).status_code == 403
    with pytest.raises(PermissionRefused):
        actions.set_seal_image(agency=cast.agency, image=seal_png(), diameter_mm=36, by=their_admin)
    assert not AgencySeal.objects.exists()
