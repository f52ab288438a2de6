"""The signing operations of the JSON API: same actions, same permissions as the pages."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from doithoai.api.actions import create_token
from doithoai.signing.models import Method, SignedDocument, Stage

from .pki import PASSWORD
from .test_external import other_tool

BASE = "/api/v1/signing"


def _auth(user) -> dict:
    _token, secret = create_token(
        by=user, name="test", expires_on=datetime.date.today() + datetime.timedelta(days=30)
    )
    return {"Authorization": f"Bearer {secret}"}


def _p12(pki, who):
    return SimpleUploadedFile("ky.p12", pki["people"][who][0], "application/x-pkcs12")


def _pdf(data: bytes, name="van-ban.pdf"):
    return SimpleUploadedFile(name, data, "application/pdf")


def test_sign_seal_list_and_download(plan, pki, client, cast):
    url = f"{BASE}/plan/{plan.pk}"
    # The head is not the person the block names (KT.: the deputy signs).
    refused = client.post(
        f"{url}/sign", {"pkcs12": _p12(pki, "head"), "password": PASSWORD}, headers=_auth(cast.head)
    )
    assert refused.status_code == 403 and refused.json()["code"]
    wrong = client.post(
        f"{url}/sign",
        {"pkcs12": _p12(pki, "deputy"), "password": "sai"},
        headers=_auth(cast.deputy),
    )
    assert wrong.status_code == 400
    response = client.post(
        f"{url}/sign",
        {"pkcs12": _p12(pki, "deputy"), "password": PASSWORD},
        headers=_auth(cast.deputy),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["version"], body["stage"], body["method"]) == (1, Stage.SIGNED, Method.PKCS12)
    # Only the secretariat seals.
    assert (
        client.post(f"{url}/seal", {}, "application/json", headers=_auth(cast.head)).status_code
        == 403
    )
    sealed = client.post(f"{url}/seal", {}, "application/json", headers=_auth(cast.secretariat))
    assert sealed.status_code == 201 and sealed.json()["stage"] == Stage.SEALED

    listed = client.get(f"{url}/versions", headers=_auth(cast.staff))
    assert [v["version"] for v in listed.json()] == [1, 2]
    stored = SignedDocument.objects.get(version=2)
    pdf = client.get(listed.json()[1]["download"], headers=_auth(cast.staff))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content == stored.content()
    # Outside the agency: as if it did not exist.
    assert client.get(f"{url}/versions", headers=_auth(cast.outsider)).status_code == 404
    assert client.get(listed.json()[1]["download"], headers=_auth(cast.outsider)).status_code == 404


def test_external_signing_and_verification(plan, pki, client, cast):
    url = f"{BASE}/plan/{plan.pk}"
    assert client.post(f"{url}/prepare", headers=_auth(cast.staff)).status_code == 403
    prepared = client.post(f"{url}/prepare", headers=_auth(cast.deputy))
    assert prepared.status_code == 201, prepared.content
    body = prepared.json()
    # Only the person it was prepared for downloads and uploads it.
    assert client.get(body["download"], headers=_auth(cast.head)).status_code == 404
    content = client.get(body["download"], headers=_auth(cast.deputy)).content
    signed = other_tool(content, pki["people"]["deputy"][0], f"signer-{cast.deputy.pk}")
    other = other_tool(content, pki["people"]["head"][0], f"signer-{cast.deputy.pk}")
    refused = client.post(body["upload"], {"file": _pdf(other)}, headers=_auth(cast.deputy))
    assert refused.status_code == 400  # another person's certificate
    accepted = client.post(body["upload"], {"file": _pdf(signed)}, headers=_auth(cast.deputy))
    assert accepted.status_code == 201 and accepted.json()["method"] == Method.EXTERNAL

    verified = client.post(f"{BASE}/verify", {"file": _pdf(signed)}, headers=_auth(cast.staff))
    assert verified.status_code == 200
    (report,) = verified.json()
    assert report["ok"] and report["placement"] == "signature"
    tampered = signed.replace(b"/Producer", b"/Producex", 1)
    reports = client.post(f"{BASE}/verify", {"file": _pdf(tampered)}, headers=_auth(cast.staff))
    assert reports.status_code == 400 or not any(r["ok"] for r in reports.json())
    not_pdf = client.post(f"{BASE}/verify", {"file": _pdf(b"hello")}, headers=_auth(cast.staff))
    assert not_pdf.status_code == 400 and not_pdf.json()["field"] == "file"


def test_images_through_the_api(cast, client):
    from .pki import seal_png, signature_png

    png = lambda data: SimpleUploadedFile("anh.png", data, "image/png")  # noqa: E731
    mine = client.post(
        f"{BASE}/me/signature-image", {"image": png(signature_png())}, headers=_auth(cast.staff)
    )
    assert mine.status_code == 200 and len(mine.json()["sha256"]) == 64
    red = client.post(
        f"{BASE}/me/signature-image", {"image": png(seal_png())}, headers=_auth(cast.staff)
    )
    assert red.status_code == 400 and red.json()["field"] == "image"
    url = f"{BASE}/agencies/{cast.agency.pk}/seal-image"
    body = {"image": png(seal_png()), "diameter_mm": "38"}
    assert client.post(url, body, headers=_auth(cast.secretariat)).status_code == 403
    body = {"image": png(seal_png()), "diameter_mm": "38"}
    done = client.post(url, body, headers=_auth(cast.admin))
    assert done.status_code == 200 and done.json()["diameter_mm"] == 38.0
    body = {"image": png(seal_png()), "diameter_mm": "38"}
    assert client.post(url, body, headers=_auth(cast.outsider)).status_code == 404
