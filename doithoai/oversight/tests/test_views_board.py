"""The board's audit trail with the chain's status, masked identities, and observations."""

from django.db import connection
from django.urls import reverse

from doithoai.audit import protection
from doithoai.audit.models import AuditEvent
from doithoai.oversight.models import Observation
from doithoai.testing import factories as f


def test_trail_verified_and_confidential_actor_masked(client, cast, seed_day):
    petition = f.received(cast, privacy="confidential", title="Tố cáo sai phạm")
    client.force_login(cast.inspector)
    response = client.get(reverse("oversight:petition", args=[petition.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-verified="true"' in body and "Đã xác minh" in body
    assert cast.staff.get_full_name() not in body
    assert "Được bảo mật danh tính" in body
    events = response.context["events"]
    assert [e.verb for e in events][:2] == ["petition.submitted", "petition.received"]


def test_secretariat_would_see_the_actor_but_board_sees_anonymous_as_such(client, cast, seed_day):
    petition = f.received(cast, privacy="anonymous")
    client.force_login(cast.inspector)
    body = client.get(reverse("oversight:petition", args=[petition.pk])).content.decode()
    assert "Ẩn danh" in body


def test_tampered_chain_is_shown_broken(client, cast, seed_day):
    petition = f.received(cast)
    event = AuditEvent.objects.filter(petition_id=petition.pk).order_by("seq").first()
    with protection.lifted(connection), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET reason = %s WHERE id = %s",
            ["sửa lén", event.pk],
        )
    client.force_login(cast.inspector)
    body = client.get(reverse("oversight:conference", args=[f.ad_hoc_conference(cast).pk]))
    assert 'data-verified="false"' in body.content.decode()


def test_conference_trail(client, cast, seed_day):
    petition = f.in_conference(cast)
    client.force_login(cast.inspector)
    response = client.get(reverse("oversight:conference", args=[petition.conference_id]))
    verbs = [e.verb for e in response.context["events"]]
    assert "conference.opened" in verbs and "conference.compilation_sent" in verbs


def test_board_records_and_head_answers_through_the_pages(client, cast, seed_day):
    conference = f.ad_hoc_conference(cast)
    client.force_login(cast.inspector)
    response = client.post(
        reverse("oversight:observation_create"),
        {"kind": "recommendation", "conference": conference.pk, "text": ""},
    )
    assert response.status_code == 400 and response.context["form"].errors["text"]
    response = client.post(
        reverse("oversight:observation_create"),
        {"kind": "recommendation", "conference": conference.pk, "text": "Gửi tổng hợp muộn."},
    )
    assert response.status_code == 302
    obs = Observation.objects.get()
    assert obs.conference == conference
    client.force_login(cast.head)
    page = client.get(reverse("oversight:observations"))
    assert page.status_code == 200
    assert f'name="o{obs.pk}-text"' in page.content.decode()
    url = reverse("oversight:observation_answer", args=[obs.pk])
    assert client.post(url, {f"o{obs.pk}-text": ""}).status_code == 400
    assert client.post(url, {f"o{obs.pk}-text": "Đã chấn chỉnh."}).status_code == 302
    obs.refresh_from_db()
    assert obs.answer_text == "Đã chấn chỉnh."
    client.force_login(cast.deputy)
    assert client.post(url, {f"o{obs.pk}-text": "Lần hai."}).status_code == 403


def test_observation_on_a_petition_from_its_page(client, cast, seed_day):
    petition = f.received(cast)
    client.force_login(cast.inspector)
    client.post(
        reverse("oversight:observation_create"),
        {"kind": "observation", "petition": petition.pk, "text": "Đã theo dõi."},
    )
    assert Observation.objects.get().petition == petition


def test_a_restore_older_than_the_checkpoint_is_shown_in_vietnamese(client, cast, seed_day):
    from doithoai.audit import anchors
    from doithoai.audit.tests import tampering

    petition = f.received(cast)
    # Log in first: a log-in is itself an audit event (issue 11), and one written after the
    # truncation would show as a rewritten chain rather than a restore.
    client.force_login(cast.inspector)
    anchors.anchor(cast.agency)
    chain = f"agency:{cast.agency.pk}"
    tampering.truncate_after(chain, 1)
    body = client.get(reverse("oversight:petition", args=[petition.pk])).content.decode()
    assert 'data-verified="false" data-kind="rollback"' in body, body[
        body.find("chain-status") - 200 :
    ][:800]
    assert "cơ sở dữ liệu chỉ còn đến sự kiện số 1" in body
    assert "khôi phục từ bản sao lưu cũ hơn mốc neo" in body


def test_a_verified_chain_names_its_checkpoint(client, cast, seed_day):
    from doithoai.audit import anchors

    petition = f.received(cast)
    client.force_login(cast.inspector)
    url = reverse("oversight:petition", args=[petition.pk])
    assert "Chưa có mốc neo lưu ngoài cơ sở dữ liệu." in client.get(url).content.decode()
    (result,) = anchors.anchor(cast.agency)
    body = client.get(url).content.decode()
    assert f"(sự kiện số {result.written.seq})" in body and 'data-verified="true"' in body
