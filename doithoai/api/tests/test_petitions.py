"""Petitions over the API: list, submit, read, and each action for a role that may and one
that may not."""

import pytest

from doithoai.petitions.models import Petition, Privacy, Status

from .conftest import conference, received, submitted


def test_list_shows_what_the_caller_may_see(api, cast):
    mine = submitted(cast)
    hidden = received(cast, user=cast.staff2, privacy=Privacy.CONFIDENTIAL)
    response = api.get(cast.staff, "/petitions/")
    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["results"]]
    assert mine.pk in ids and hidden.pk not in ids
    assert api.get(cast.outsider, "/petitions/").json()["count"] == 0


def test_list_requires_authentication(api):
    response = api.get(None, "/petitions/")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_confidential_submitter_never_leaks(api, cast):
    petition = received(cast, user=cast.staff2, privacy=Privacy.CONFIDENTIAL)
    for user in (cast.inspector, cast.head):
        row = api.get(user, f"/petitions/{petition.pk}").json()
        assert "submitter" not in row
        assert "submitter_unit" not in row
        assert "staff2" not in str(row)
        listed = api.get(user, "/petitions/").json()["results"]
        assert "staff2" not in str(listed)
    row = api.get(cast.secretariat, f"/petitions/{petition.pk}").json()
    assert row["submitter"]["username"] == "staff2"


def test_anonymous_submission_returns_receipt_once_and_no_identity(api, cast):
    response = api.post(
        cast.staff, "/petitions/", {"title": "Góp ý", "content": "Nội dung", "privacy": "anonymous"}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["receipt_code"].startswith("AN-")
    assert "submitter" not in body and "staff" not in body["submitter_label"]
    detail = api.get(cast.secretariat, f"/petitions/{body['id']}").json()
    assert "receipt_code" not in detail and "submitter" not in detail


def test_list_filters_through_the_shared_filterset(api, cast):
    a = received(cast, title="Điều kiện làm việc")
    submitted(cast, title="Chế độ phụ cấp")
    rows = api.get(cast.secretariat, "/petitions/", {"status": "received"}).json()["results"]
    assert [r["id"] for r in rows] == [a.pk]
    rows = api.get(cast.secretariat, "/petitions/", {"q": "dieu kien"}).json()["results"]
    assert [r["id"] for r in rows] == [a.pk]
    bad = api.get(cast.secretariat, "/petitions/", {"status": "nonsense"})
    assert bad.status_code == 400 and bad.json()["field"] == "status"


def test_list_runs_a_fixed_number_of_queries(api, cast, django_assert_max_num_queries):
    api.token(cast.secretariat)
    for i in range(3):
        received(cast, title=f"Kiến nghị {i}")
    with django_assert_max_num_queries(12) as few:
        api.get(cast.secretariat, "/petitions/")
    for i in range(20):
        received(cast, user=cast.staff2, title=f"Kiến nghị thêm {i}", privacy=Privacy.CONFIDENTIAL)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = api.get(cast.secretariat, "/petitions/", {"page_size": 50})
    assert response.json()["count"] == 23


def test_pagination(api, cast):
    for i in range(5):
        submitted(cast, title=f"Kiến nghị {i}")
    body = api.get(cast.staff, "/petitions/", {"page": 2, "page_size": 2}).json()
    assert (body["count"], body["pages"], len(body["results"])) == (5, 3, 2)
    assert api.get(cast.staff, "/petitions/", {"page_size": 500}).status_code == 400


def test_create_allowed_for_staff_refused_for_head(api, cast):
    body = {"title": "Đề nghị", "content": "Nội dung"}
    assert api.post(cast.staff, "/petitions/", body).status_code == 201
    refused = api.post(cast.head, "/petitions/", body)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"


def test_create_validation_error_names_the_field(api, cast):
    response = api.post(cast.staff, "/petitions/", {"title": "  ", "content": "x"})
    assert response.status_code == 400
    assert response.json() == {
        "code": "validation_error",
        "message": response.json()["message"],
        "field": "title",
    }
    missing = api.post(cast.staff, "/petitions/", {"content": "x"})
    assert missing.status_code == 400 and missing.json()["field"] == "title"


def test_oversize_upload_is_413(api, cast, client, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/api/v1/petitions/with-attachments",
        data={
            "title": "Có tệp",
            "content": "Nội dung",
            "attachments": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"x" * 100),
        },
        headers={"Authorization": f"Bearer {api.token(cast.staff)}"},
    )
    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"
    ok = client.post(
        "/api/v1/petitions/with-attachments",
        data={
            "title": "Có tệp",
            "content": "Nội dung",
            "attachments": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"),  # content is checked
        },
        headers={"Authorization": f"Bearer {api.token(cast.staff)}"},
    )
    assert ok.status_code == 201 and ok.json()["attachments"][0]["size"] == 9


def test_detail_of_an_invisible_petition_is_404(api, cast):
    petition = submitted(cast, user=cast.staff2)
    response = api.get(cast.staff, f"/petitions/{petition.pk}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert api.get(cast.staff, "/petitions/999999").status_code == 404


def test_receive(api, cast):
    petition = submitted(cast)
    body = {"topic_id": cast.topic().pk, "concerned_unit_id": cast.unit.pk}
    assert api.post(cast.staff, f"/petitions/{petition.pk}/receive", body).status_code == 403
    response = api.post(cast.secretariat, f"/petitions/{petition.pk}/receive", body)
    assert response.status_code == 200 and response.json()["status"] == Status.RECEIVED
    again = api.post(cast.secretariat, f"/petitions/{petition.pk}/receive", body)
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"


def test_receive_with_a_topic_of_another_agency_is_400(api, cast):
    from doithoai.testing.factories import AgencyFactory, topic

    other = topic(AgencyFactory())
    petition = submitted(cast)
    response = api.post(
        cast.secretariat, f"/petitions/{petition.pk}/receive", {"topic_id": other.pk}
    )
    assert response.status_code == 400 and response.json()["field"] == "topic_id"


def test_merge(api, cast):
    lead, dup = received(cast), received(cast, title="Trùng")
    body = {"duplicate_ids": [dup.pk], "reason": "Trùng nội dung"}
    assert api.post(cast.staff, f"/petitions/{lead.pk}/merge", body).status_code == 403
    response = api.post(cast.secretariat, f"/petitions/{lead.pk}/merge", body)
    assert response.status_code == 200 and response.json()["merged_ids"] == [dup.pk]


def test_schedule(api, cast):
    petition, conf = received(cast), conference(cast)
    body = {"conference_id": conf.pk}
    assert api.post(cast.head, f"/petitions/{petition.pk}/schedule", body).status_code == 403
    response = api.post(cast.secretariat, f"/petitions/{petition.pk}/schedule", body)
    assert response.status_code == 200 and response.json()["conference_id"] == conf.pk


def test_answer_in_writing(api, cast):
    petition = received(cast)
    body = {"text": "Trả lời bằng văn bản."}
    assert api.post(cast.secretariat, f"/petitions/{petition.pk}/answer", body).status_code == 403
    response = api.post(cast.head, f"/petitions/{petition.pk}/answer", body)
    assert response.status_code == 200
    assert response.json()["status"] == Status.ANSWERED
    assert response.json()["answers"][0]["mode"] == "written"


def test_commit_at_the_conference(api, cast):
    from doithoai.conferences.actions import open_conference

    conf = open_conference(conference=conference(cast, compiled=True), by=cast.head)
    petition = conf.agenda.get().petition
    body = {"promised_on": "2999-01-01", "form": "written"}
    assert api.post(cast.secretariat, f"/petitions/{petition.pk}/commit", body).status_code == 403
    response = api.post(cast.head, f"/petitions/{petition.pk}/commit", body)
    assert response.status_code == 200 and response.json()["status"] == Status.COMMITTED


def test_assign(api, cast):
    petition = received(cast)
    body = {"unit_id": cast.unit.pk, "instructions": "Xử lý"}
    assert api.post(cast.staff, f"/petitions/{petition.pk}/assign", body).status_code == 403
    response = api.post(cast.head, f"/petitions/{petition.pk}/assign", body)
    assert response.status_code == 200 and response.json()["assignments"][0]["unit"]["code"] == "TH"


def test_withdraw(api, cast):
    petition = submitted(cast)
    assert api.post(cast.secretariat, f"/petitions/{petition.pk}/withdraw", {}).status_code == 403
    response = api.post(cast.staff, f"/petitions/{petition.pk}/withdraw", {"reason": "Đã rõ"})
    assert response.status_code == 200 and response.json()["status"] == Status.WITHDRAWN


def test_reject(api, cast):
    petition = submitted(cast)
    body = {"reason": "Không thuộc thẩm quyền"}
    assert api.post(cast.staff, f"/petitions/{petition.pk}/reject", body).status_code == 403
    response = api.post(cast.secretariat, f"/petitions/{petition.pk}/reject", body)
    assert response.status_code == 200 and response.json()["status"] == Status.REJECTED


def test_transfer(api, cast):
    petition = submitted(cast)
    body = {"to": "Sở Nội vụ", "reason": "Thuộc thẩm quyền Sở"}
    assert api.post(cast.head, f"/petitions/{petition.pk}/transfer", body).status_code == 403
    response = api.post(cast.secretariat, f"/petitions/{petition.pk}/transfer", body)
    assert response.status_code == 200 and response.json()["transferred_to"] == "Sở Nội vụ"


def test_stale_if_match_is_409(api, cast):
    petition = submitted(cast)
    etag = api.get(cast.secretariat, f"/petitions/{petition.pk}")["ETag"]
    Petition.objects.filter(pk=petition.pk).update(title="Đổi tiêu đề")  # someone else's edit
    body = {"topic_id": cast.topic().pk}
    stale = api.post(
        cast.secretariat, f"/petitions/{petition.pk}/receive", body, headers={"If-Match": '"old"'}
    )
    assert stale.status_code == 409 and stale.json()["code"] == "stale_edit"
    fresh = api.get(cast.secretariat, f"/petitions/{petition.pk}")["ETag"]
    assert fresh == etag or fresh  # ETag present on every read
    ok = api.post(
        cast.secretariat, f"/petitions/{petition.pk}/receive", body, headers={"If-Match": fresh}
    )
    assert ok.status_code == 200


@pytest.mark.parametrize("language,word", [("vi", "Không tìm thấy"), ("en", "Not found")])
def test_messages_follow_accept_language(api, cast, language, word):
    response = api.get(cast.staff, "/petitions/999999", headers={"Accept-Language": language})
    assert response.status_code == 404
    assert word in response.json()["message"]


def test_keyset_cursor_is_stable_under_inserts(api, cast):
    for i in range(5):
        submitted(cast, title=f"Kiến nghị {i}")
    first = api.get(cast.staff, "/petitions/", {"page_size": 2}).json()
    assert first["next"] and len(first["results"]) == 2
    # A new petition arrives between two pages: page numbers would shift, the cursor does not.
    submitted(cast, title="Kiến nghị mới")
    second = api.get(cast.staff, "/petitions/", {"page_size": 2, "cursor": first["next"]}).json()
    third = api.get(cast.staff, "/petitions/", {"page_size": 2, "cursor": second["next"]}).json()
    seen = [r["id"] for page in (first, second, third) for r in page["results"]]
    assert len(seen) == len(set(seen)) == 5 and third["next"] is None
    assert seen == sorted(seen, reverse=True)
    assert second["page"] is None
    bad = api.get(cast.staff, "/petitions/", {"cursor": "not-a-cursor"})
    assert bad.status_code == 400 and bad.json()["field"] == "cursor"
