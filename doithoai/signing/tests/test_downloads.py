"""`/van-ban/…pdf` sends the signed original when one is stored, else a draft rendering."""

from django.urls import reverse

from .helpers import seal, sign_as


def _pdf(client, plan):
    return client.get(reverse("documents:download", args=["ke-hoach", plan.pk, "pdf"]))


def test_the_pdf_is_a_draft_rendering_until_signed_then_the_latest_signed_version(
    plan, pki, client, cast
):
    client.force_login(cast.secretariat)
    draft = _pdf(client, plan)
    assert draft.status_code == 200
    assert draft["X-Doithoai-Document"] == "draft-rendering"
    assert b"/ByteRange" not in draft.content  # nobody signed it

    signed = sign_as(pki, cast.deputy, "plan", plan)
    response = _pdf(client, plan)
    assert response["X-Doithoai-Document"] == "signed-original"
    assert response.content == signed.content()
    assert response["X-Doithoai-Signed-Version"] == "1"
    assert response["X-Doithoai-Signed-SHA256"] == signed.sha256
    assert response["X-Doithoai-Signed-Stage"] == "signed"

    sealed = seal(cast.secretariat, "plan", plan)
    response = _pdf(client, plan)
    assert response.content == sealed.content()
    assert response["X-Doithoai-Signed-Version"] == "2"
    assert response["X-Doithoai-Signed-Stage"] == "sealed"
    assert "ky-so-v2" in response["Content-Disposition"]
    # The DOCX stays the editable rendering.
    docx = client.get(reverse("documents:download", args=["ke-hoach", plan.pk, "docx"]))
    assert docx["X-Doithoai-Document"] == "draft-rendering"


def test_the_signed_original_keeps_the_download_permission(plan, pki, client, cast):
    sign_as(pki, cast.deputy, "plan", plan)
    client.force_login(cast.outsider)
    assert _pdf(client, plan).status_code == 403


def test_the_signing_page_says_which_pdf_is_served(plan, pki, client, cast):
    client.force_login(cast.secretariat)
    url = reverse("signing:document", args=["ke-hoach", plan.pk])
    page = client.get(url).content.decode()
    assert "chưa ký số" in page and "bản dựng" in page
    sign_as(pki, cast.deputy, "plan", plan)
    page = client.get(url).content.decode()
    assert "bản ký số mới nhất (bản 1)" in page
