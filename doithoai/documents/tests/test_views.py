"""Downloads: permission per role, formats, and the command."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from .helpers import open_docx, texts


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def url(kind, pk, fmt="docx"):
    return reverse("documents:download", kwargs={"kind": kind, "pk": pk, "fmt": fmt})


def test_staff_may_download_the_plan_and_the_notice(client, cast, world):
    for target in (url("ke-hoach", world.plan.pk), url("thong-bao", world.notice.pk)):
        response = get(client, cast.staff, target)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "attachment" in response["Content-Disposition"]


def test_outsider_may_not_download_the_plan(client, cast, world):
    assert get(client, cast.outsider, url("ke-hoach", world.plan.pk)).status_code == 403


@pytest.mark.parametrize("who", ["head", "secretariat", "inspector"])
def test_compilation_for_the_chair_secretariat_and_board(client, cast, world, who):
    assert get(client, getattr(cast, who), url("tong-hop", world.june.pk)).status_code == 200


@pytest.mark.parametrize("who", ["staff", "leader", "admin"])
def test_compilation_refused_to_others(client, cast, world, who):
    assert get(client, getattr(cast, who), url("tong-hop", world.june.pk)).status_code == 403


def test_minutes_for_the_board_not_for_staff(client, cast, world):
    assert get(client, cast.inspector, url("bien-ban", world.june.pk)).status_code == 200
    assert get(client, cast.staff, url("bien-ban", world.june.pk)).status_code == 403


def test_report_for_the_board_not_for_staff(client, cast, world):
    target = reverse(
        "documents:report_half", kwargs={"code": "VPUBND", "year": 2018, "half": 1, "fmt": "docx"}
    )
    response = get(client, cast.inspector, target)
    assert response.status_code == 200
    assert "6 tháng đầu năm 2018" in "\n".join(texts(open_docx(response.content)))
    assert get(client, cast.staff, target).status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(client, world):
    assert client.get(url("ke-hoach", world.plan.pk)).status_code == 302


def test_unknown_document_is_404(client, cast, world):
    assert get(client, cast.head, url("ke-hoach", 999999)).status_code == 404


def test_command_writes_docx(tmp_path, world, cast):
    target = tmp_path / "plan.docx"
    call_command("document", "plan", str(world.plan.pk), "-o", str(target))
    assert "Số: 09/KH-VPUBND" in texts(open_docx(target.read_bytes()))
    report = tmp_path / "report.docx"
    call_command("document", "report", "VPUBND", "--year", "2018", "--half", "2", "-o", str(report))
    assert "BÁO CÁO" in texts(open_docx(report.read_bytes()))


def test_command_refuses_bad_input(tmp_path, world):
    with pytest.raises(CommandError):
        call_command("document", "report", "VPUBND", "-o", str(tmp_path / "r.docx"))
    with pytest.raises(CommandError):
        call_command("document", "plan", str(world.plan.pk), "-o", str(tmp_path / "p.txt"))
    with pytest.raises(CommandError):
        call_command("document", "notice", "424242", "-o", str(tmp_path / "n.docx"))


def test_document_links_offer_only_what_the_user_may_download(rf, cast, world):
    from django.template import Context, Template

    template = Template("{% load documents %}{% document_links conference %}")
    for user, expected in ((cast.secretariat, True), (cast.staff, False)):
        request = rf.get("/")
        request.user = user
        html = template.render(Context({"request": request, "conference": world.june}))
        assert ("Tổng hợp kiến nghị" in html) is expected
        assert "Giấy mời" in html and "Thông báo kết luận" in html
