"""The seed's year (plan 09/KH-VPUBND, 2018) driven through the API alone: the plan, the
June conference with its petitions, answers, assignment and notice, the unit's report and
the head's answer, the board's recommendation, the December conference chaired by a deputy
while the head is away, and both reports to the province."""

import datetime

import pytest

from doithoai.testing.factories import aware


class Year:
    """Move the clock through 2018 and call the API as the cast, always by HTTP."""

    def __init__(self, api, cast, time_machine):
        self.api, self.cast, self.clock = api, cast, time_machine

    def on(self, month, day, hour=9):
        self.clock.move_to(aware(2018, month, day, hour), tick=False)
        self.api._tokens.clear()  # a fresh token: an old one may have expired meanwhile

    def post(self, who, path, body=None, status=200):
        response = self.api.post(getattr(self.cast, who), path, body)
        assert response.status_code == status, (path, response.content[:400])
        return response.json()

    def plan_conference(self, plan, kind, title, starts_at, **extra):
        body = {"kind": kind, "title": title, "starts_at": starts_at, "plan_id": plan["id"]}
        return self.post("secretariat", "/conferences/", {**body, **extra}, 201)

    def get(self, who, path, params=None):
        response = self.api.get(getattr(self.cast, who), path, params)
        assert response.status_code == 200, (path, response.content[:400])
        return response.json()


@pytest.mark.django_db
def test_the_seed_year_through_the_api(api, cast, time_machine, settings):
    settings.API_RATE_LIMIT = 0
    year = Year(api, cast, time_machine)

    year.on(1, 3)
    plan = year.post("secretariat", "/plans/", {"year": 2018, "signer_authority": "KT."}, 201)
    plan = year.post("head", f"/plans/{plan['id']}/issue", {"issued_on": "2018-01-03"})
    assert plan["symbol"] == "01/KH-VPUBND"

    year.on(5, 2)
    june = year.plan_conference(
        plan,
        "mid_year",
        "Hội nghị đối thoại 6 tháng đầu năm 2018",
        "2018-06-20T08:00:00+07:00",
        combined_with="six_month_review",
    )
    topic = next(t for t in year.get("staff", "/topics/") if t["code"] == "che-do-tien-luong")
    body = {"content": "Nội dung kiến nghị.", "topic_id": topic["id"]}
    salary = year.post("staff", "/petitions/", {**body, "title": "Nâng lương"}, 201)
    office = year.post("staff2", "/petitions/", {**body, "title": "Phòng làm việc"}, 201)
    hidden = year.post(
        "staff", "/petitions/", {**body, "title": "Góp ý", "privacy": "anonymous"}, 201
    )
    paper = year.post(
        "secretariat",
        "/paper-petitions/",
        {**body, "title": "Đơn giấy", "submitter_name": "Bà D"},
        201,
    )
    petitions = [salary, office, hidden]
    for p in petitions:
        year.post("secretariat", f"/petitions/{p['id']}/receive", {"topic_id": topic["id"]})
    for p in [*petitions, paper]:
        year.post("secretariat", f"/petitions/{p['id']}/schedule", {"conference_id": june["id"]})

    year.on(6, 11)
    year.post("secretariat", f"/conferences/{june['id']}/compilation")

    year.on(6, 20, 8)
    year.post("head", f"/conferences/{june['id']}/open", {"attendance": "45/48 CCVC và NLĐ"})
    year.post(
        "secretariat",
        f"/conferences/{june['id']}/statements",
        {"text": "Đề nghị làm rõ lộ trình nâng lương.", "speaker_name": "Ông A"},
        201,
    )
    year.post("head", f"/petitions/{salary['id']}/answer", {"text": "Nâng lương từ quý III."})
    year.post("head", f"/petitions/{hidden['id']}/answer", {"text": "Cảm ơn góp ý."})
    year.post("head", f"/petitions/{paper['id']}/answer", {"text": "Đã giải đáp đơn."})
    year.post(
        "head",
        f"/petitions/{office['id']}/assign",
        {"unit_id": cast.unit.pk, "instructions": "Bố trí phòng làm việc."},
    )
    year.post("head", f"/conferences/{june['id']}/close", {"conclusion": "Kết luận hội nghị."})
    minutes = year.get("inspector", f"/conferences/{june['id']}/minutes")
    assert minutes["frozen"] and len(minutes["entries"]) == 1

    year.on(6, 22)
    year.post("secretariat", f"/conferences/{june['id']}/notice", {"text": "Thông báo kết luận."})
    year.post("head", f"/conferences/{june['id']}/notice/issue", {"issued_on": "2018-06-22"})
    year.post("secretariat", f"/conferences/{june['id']}/notice/publish")

    year.on(6, 25)
    assignment = year.get("leader", "/assignments/")["results"][0]
    year.post("leader", f"/assignments/{assignment['id']}/report", {"text": "Đã bố trí phòng."})
    year.post("secretariat", "/reports/sent", {"year": 2018, "half": 1, "symbol": "45/BC-VPUBND"})

    year.on(6, 28)
    year.post("head", f"/assignments/{assignment['id']}/accept", {"answer_text": "Đã có phòng."})
    recommendation = year.post(
        "inspector", "/observations/", {"kind": "recommendation", "text": "Công khai trả lời."}, 201
    )
    year.post("head", f"/observations/{recommendation['id']}/answer", {"text": "Đã công khai."})

    # December: the year-end conference, chaired by a deputy under delegation.
    year.on(11, 1)
    december = year.plan_conference(
        plan, "year_end", "Hội nghị đối thoại cuối năm 2018", "2018-12-14T08:00:00+07:00"
    )
    overtime = year.post("staff2", "/petitions/", {**body, "title": "Tiền làm thêm giờ"}, 201)
    year.post("secretariat", f"/petitions/{overtime['id']}/receive", {"topic_id": topic["id"]})
    year.post(
        "secretariat", f"/petitions/{overtime['id']}/schedule", {"conference_id": december["id"]}
    )
    year.on(12, 5)
    year.post("secretariat", f"/conferences/{december['id']}/compilation")
    year.on(12, 12)
    year.post(
        "head",
        f"/conferences/{december['id']}/delegate",
        {"deputy_id": cast.deputy.pk, "reason": "Chánh Văn phòng đi công tác."},
        201,
    )
    year.on(12, 14, 8)
    year.post("head", f"/conferences/{december['id']}/open", {"attendance": "x"}, 403)
    year.post("deputy", f"/conferences/{december['id']}/open", {"attendance": "40/48"})
    year.post(
        "deputy", f"/petitions/{overtime['id']}/answer", {"text": "Thanh toán trong tháng 12."}
    )
    year.post("deputy", f"/conferences/{december['id']}/close", {"conclusion": "Kết luận."})
    minutes = year.get("inspector", f"/conferences/{december['id']}/minutes")
    assert minutes["frozen"]
    year.on(12, 17)
    year.post("secretariat", f"/conferences/{december['id']}/notice", {"text": "Thông báo."})
    year.post("deputy", f"/conferences/{december['id']}/notice/issue", {"issued_on": "2018-12-17"})
    assert year.get("staff2", f"/petitions/{overtime['id']}")["status"] == "answered"

    year.on(12, 18)
    year.post("secretariat", "/reports/sent", {"year": 2018, "symbol": "120/BC-VPUBND"})
    summary = year.get("head", "/reports/summary", {"year": 2018})
    assert summary["figures"]["petitions_received"] == 5
    met = year.get("head", "/deadlines/", {"status": "met", "page_size": 100})["results"]
    kinds = [d["kind"] for d in met]
    assert {"compilation", "notice", "resolution", "semiannual_report", "annual_report"} <= {*kinds}
    assert kinds.count("compilation") == kinds.count("notice") == 2  # June and December
    assert year.get("inspector", "/audit/verify")["ok"] is True
    assert year.get("inspector", f"/petitions/{office['id']}/trail")["chain"]["ok"] is True
    assert datetime.date.today() == datetime.date(2018, 12, 18)
