"""The signing pages, the verification page, `doithoai sign` and `doithoai verify-pdf`."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from doithoai.signing.models import ExternalRequest, SignedDocument

from .helpers import seal, sign_as
from .pki import PASSWORD
from .test_external import other_tool
from .test_sign_and_seal import _cast_of


def _pdf(data, name="van-ban.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_sign_page_signs_with_a_pkcs12_file_and_serves_it_as_signed(client, plan, pki):
    cast = _cast_of(plan)
    url = reverse("signing:document", args=["ke-hoach", plan.pk])
    client.force_login(cast.deputy)
    page = client.get(url).content.decode()
    assert "Ký bằng tệp chứng thư số" in page and "Ký số của cơ quan (văn thư)" not in page
    p12 = SimpleUploadedFile("ky.p12", pki["people"]["deputy"][0])
    response = client.post(
        reverse("signing:sign", args=["ke-hoach", plan.pk]), {"pkcs12": p12, "password": PASSWORD}
    )
    assert response.status_code == 302
    signed = SignedDocument.objects.get()
    download = client.get(reverse("signing:download", args=[signed.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert hashlib.sha256(download.content).hexdigest() == signed.sha256


def test_sign_page_refuses_others_with_a_message(client, plan, pki):
    cast = _cast_of(plan)
    client.force_login(cast.head)
    p12 = SimpleUploadedFile("ky.p12", pki["people"]["head"][0])
    response = client.post(
        reverse("signing:sign", args=["ke-hoach", plan.pk]),
        {"pkcs12": p12, "password": PASSWORD},
        follow=True,
    )
    assert "Chỉ người ký có tên" in response.content.decode()
    wrong_password = SimpleUploadedFile("ky.p12", pki["people"]["deputy"][0])
    client.force_login(cast.deputy)
    response = client.post(
        reverse("signing:sign", args=["ke-hoach", plan.pk]),
        {"pkcs12": wrong_password, "password": "sai"},
        follow=True,
    )
    assert "sai mật khẩu" in response.content.decode()
    assert not SignedDocument.objects.exists()


def test_pages_refuse_outsiders(client, plan):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="outsider"))
    assert client.get(reverse("signing:document", args=["ke-hoach", plan.pk])).status_code == 403
    assert client.post(reverse("signing:seal", args=["ke-hoach", plan.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("signing:verify")).status_code == 302


def test_external_signing_through_the_pages(client, plan, pki):
    cast = _cast_of(plan)
    client.force_login(cast.deputy)
    prepared_pdf = client.post(reverse("signing:prepare", args=["ke-hoach", plan.pk])).content
    prepared = ExternalRequest.objects.get()
    assert prepared_pdf == prepared.content()
    signed = other_tool(prepared_pdf, pki["people"]["deputy"][0], prepared.field_name)
    response = client.post(
        reverse("signing:upload", args=[prepared.pk]), {"file": _pdf(signed)}, follow=True
    )
    assert "Đã nhận bản ký số" in response.content.decode()
    assert SignedDocument.objects.get().content() == signed
    client.force_login(cast.secretariat)
    response = client.post(reverse("signing:seal", args=["ke-hoach", plan.pk]), follow=True)
    assert "Đã ký số của cơ quan" in response.content.decode()
    assert SignedDocument.objects.count() == 2


def test_verification_page_accepts_a_download_and_rejects_a_changed_byte(client, plan, pki):
    cast = _cast_of(plan)
    signed = sign_as(pki, cast.deputy, "plan", plan)
    sealed = seal(cast.secretariat, "plan", plan)
    client.force_login(cast.staff)
    downloaded = client.get(reverse("signing:download", args=[sealed.pk])).content
    page = client.post(reverse("signing:verify"), {"file": _pdf(downloaded)}).content.decode()
    assert page.count("Hợp lệ") == 2 and "Không hợp lệ" not in page
    assert "giữa dòng chức vụ và họ tên" in page and "trùm khoảng 1/3" in page
    at = downloaded.index(b"/Producer") + 12
    changed = downloaded[:at] + bytes([downloaded[at] ^ 1]) + downloaded[at + 1 :]
    response = client.post(reverse("signing:verify"), {"file": _pdf(changed)})
    assert "Không hợp lệ" in response.content.decode() or response.status_code == 400
    response = client.post(reverse("signing:verify"), {"file": _pdf(b"not a pdf")})
    assert response.status_code == 400 and "không phải là PDF" in response.content.decode()
    assert signed.version == 1


def test_sign_and_verify_commands(plan, pki, tmp_path, monkeypatch, capsys):
    cast = _cast_of(plan)
    key = tmp_path / "ky.p12"
    key.write_bytes(pki["people"]["deputy"][0])
    out = tmp_path / "ky.pdf"
    monkeypatch.setenv("DOITHOAI_SIGN_PASSWORD", PASSWORD)
    call_command("sign", "plan", str(plan.pk), "--pkcs12", str(key), "-o", str(out))
    assert SignedDocument.objects.get().signer == cast.deputy
    sealed = tmp_path / "dau.pdf"
    call_command("sign", "plan", str(plan.pk), "--seal", "--user", "sec", "-o", str(sealed))
    capsys.readouterr()
    call_command("verify-pdf", str(sealed))
    report = capsys.readouterr().out
    assert report.count("HỢP LỆ") == 2 and "KHÔNG HỢP LỆ" not in report
    data = sealed.read_bytes()
    at = data.index(b"/Producer") + 12
    (tmp_path / "sua.pdf").write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
    with pytest.raises(SystemExit) as failed:
        call_command("verify-pdf", str(tmp_path / "sua.pdf"))
    assert failed.value.code in (1, 2)
