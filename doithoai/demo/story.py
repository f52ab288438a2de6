"""The demo world: the Office of the Hà Giang Provincial People's Committee (seed plan
09/KH-VPUBND of 2018) and a live 2026 cycle, built only through the actions.

Each step runs at the date it would have happened (time-machine), so codes, audit events
and deadlines carry their real dates and the audit chain stays in order.
"""

import datetime
from contextlib import contextmanager

import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from doithoai.conferences import actions as conf
from doithoai.conferences.models import CombinedWith, Kind, SignerAuthority
from doithoai.followups import actions as fu
from doithoai.organizations import actions as org
from doithoai.organizations.models import Role, StaffCategory
from doithoai.oversight import actions as board
from doithoai.petitions import actions as pet
from doithoai.petitions.models import Topic
from doithoai.reports.actions import submit_report

PASSWORD = "matkhau-demo-2018"

# username, full name, roles, unit code, position, category
PEOPLE = [
    ("chanhvp", "Nguyễn Minh Tuấn", [Role.HEAD], None, "Chánh Văn phòng", "cong_chuc"),
    ("phochanhvp", "La Tiên Sang", [Role.DEPUTY], None, "Phó Chánh Văn phòng", "cong_chuc"),
    ("phochanhvp2", "Vương Thị Hạnh", [Role.DEPUTY], None, "Phó Chánh Văn phòng", "cong_chuc"),
    (
        "hctc",
        "Trần Thị Thu Hà",
        [Role.SECRETARIAT, Role.STAFF],
        "HCTC",
        "Chuyên viên phòng HC-TC",
        "cong_chuc",
    ),
    (
        "truonghctc",
        "Lý Văn Dũng",
        [Role.UNIT_LEADER, Role.SECRETARIAT],
        "HCTC",
        "Trưởng phòng HC-TC",
        "cong_chuc",
    ),
    (
        "truongphong",
        "Hoàng Văn Nam",
        [Role.UNIT_LEADER],
        "TH",
        "Trưởng phòng Tổng hợp",
        "cong_chuc",
    ),
    ("truongkt", "Phạm Thị Lan", [Role.UNIT_LEADER], "KT", "Trưởng phòng Kinh tế", "cong_chuc"),
    ("canbo", "Lò Thị Mai", [Role.STAFF], "TH", "Chuyên viên", "cong_chuc"),
    ("canbo2", "Nông Văn Khánh", [Role.STAFF], "TH", "Chuyên viên", "cong_chuc"),
    ("canbo3", "Giàng A Lử", [Role.STAFF], "KT", "Chuyên viên", "cong_chuc"),
    ("vienchuc", "Đặng Thu Trang", [Role.STAFF], "TTCB", "Biên tập viên", "vien_chuc"),
    ("laixe", "Vũ Đức Thắng", [Role.STAFF], "HCTC", "Lái xe", "nguoi_lao_dong"),
    (
        "thanhtra",
        "Bùi Quang Huy",
        [Role.INSPECTOR, Role.STAFF],
        "TTND",
        "Trưởng ban Thanh tra nhân dân",
        "cong_chuc",
    ),
    ("quantri", "Đỗ Hải Yến", [Role.ADMIN, Role.STAFF], "TTCB", "Quản trị hệ thống", "vien_chuc"),
]

UNITS = [
    ("HCTC", "Phòng Hành chính - Tổ chức"),
    ("TH", "Phòng Tổng hợp"),
    ("KT", "Phòng Kinh tế"),
    ("VX", "Phòng Văn hóa - Xã hội"),
    ("NC", "Phòng Nội chính"),
    ("TTCB", "Trung tâm Thông tin - Công báo"),
    ("TTND", "Ban Thanh tra nhân dân"),
]

LOGINS = [
    ("chanhvp", "Người đứng đầu (Chánh Văn phòng)"),
    ("phochanhvp", "Cấp phó (Phó Chánh Văn phòng)"),
    ("hctc", "Phòng Hành chính - Tổ chức (tổng hợp kiến nghị)"),
    ("truongphong", "Lãnh đạo đơn vị (Trưởng phòng Tổng hợp)"),
    ("canbo", "Công chức"),
    ("thanhtra", "Ban Thanh tra nhân dân"),
    ("quantri", "Quản trị cơ quan"),
]


@contextmanager
def at(year, month, day, hour=9, minute=0):
    """Run the block as if it were that moment in Hà Giang."""
    moment = timezone.make_aware(datetime.datetime(year, month, day, hour, minute))
    with time_machine.travel(moment, tick=False):
        yield


def when(year, month, day, hour=8, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


class Demo:
    """Build the demo world step by step."""

    def __init__(self):
        self.u = {}
        self.units = {}

    def topic(self, code):
        return Topic.objects.get(agency=self.agency, code=code)

    def submit(self, who, title, content, code, **kw):
        return pet.submit_petition(
            agency=self.agency,
            title=title,
            content=content,
            topic=self.topic(code),
            by=self.u[who],
            **kw,
        )

    def publish_all(self):
        """Post every answer and issued notice not yet published, as the secretariat does."""
        from doithoai.conferences.models import ConclusionNotice, NoticeStatus
        from doithoai.followups.models import Answer

        for answer in Answer.objects.filter(agency=self.agency, published_at__isnull=True):
            fu.publish_answer(answer=answer, by=self.u["hctc"])
        for notice in ConclusionNotice.objects.filter(
            agency=self.agency, status=NoticeStatus.ISSUED, published_at__isnull=True
        ):
            conf.publish_notice(notice=notice, by=self.u["hctc"])

    def report(self, year, half, symbol):
        submit_report(agency=self.agency, year=year, half=half, by=self.u["hctc"], symbol=symbol)

    def receive(self, petition, code, unit=None):
        return pet.receive_petition(
            petition=petition,
            topic=self.topic(code),
            by=self.u["hctc"],
            concerned_unit=self.units.get(unit),
        )

    def build(self):
        user_model = get_user_model()
        root = user_model.objects.filter(username="admin").first()
        if root is None:
            root = user_model.objects.create_superuser("admin", "admin@example.vn", PASSWORD)
        with at(2018, 1, 2, 8):
            province = org.create_agency(
                name="Ủy ban nhân dân tỉnh Hà Giang",
                code="UBNDHG",
                locality="Hà Giang",
                short_name="UBND tỉnh",
                by=root,
            )
            self.agency = org.create_agency(
                name="Văn phòng UBND tỉnh Hà Giang",
                short_name="Văn phòng UBND tỉnh",
                code="VPUBND",
                locality="Hà Giang",
                parent=province,
                parent_body_name="UBND TỈNH HÀ GIANG",
                by=root,
            )
            # The first admin is set up by the superuser; everyone else by that admin.
            username, name, roles, unit, title, cat = PEOPLE[-1]
            self.u[username] = org.add_member(
                agency=self.agency,
                username=username,
                full_name=name,
                roles=roles,
                by=None,
                position_title=title,
                staff_category=cat,
                password=PASSWORD,
                email=f"{username}@hagiang.gov.vn",
            ).user
            admin = self.u["quantri"]
            for code, uname in UNITS:
                self.units[code] = org.add_unit(agency=self.agency, name=uname, code=code, by=admin)
            org.set_roles(
                membership=self.agency.memberships.get(user=admin),
                roles=roles,
                unit=self.units[unit],
                by=admin,
            )
            for username, name, roles, unit, title, cat in PEOPLE[:-1]:
                self.u[username] = org.add_member(
                    agency=self.agency,
                    username=username,
                    full_name=name,
                    roles=roles,
                    unit=self.units.get(unit),
                    position_title=title,
                    staff_category=StaffCategory(cat),
                    password=PASSWORD,
                    email=f"{username}@hagiang.gov.vn",
                    by=admin,
                ).user
        self.year_2018()
        self.year_2026()
        return self.agency

    def year_2018(self):
        u, head, sec = self.u, self.u["chanhvp"], self.u["hctc"]
        with at(2018, 1, 3, 8):
            plan = conf.create_plan(
                agency=self.agency,
                year=2018,
                signer=u["phochanhvp"],
                signer_authority=SignerAuthority.KT,
                by=sec,
                recipients="Thường trực UBND tỉnh\nSở Nội vụ\nLĐVP UBND tỉnh\n"
                "Các phòng, ban, đơn vị\nVNPTioffice",
            )
            conf.issue_plan(plan=plan, issued_on=datetime.date(2018, 1, 3), number=9, by=sec)
            first = conf.plan_conference(
                agency=self.agency,
                plan=plan,
                kind=Kind.MID_YEAR,
                combined_with=CombinedWith.SIX_MONTH_REVIEW,
                title="Hội nghị đối thoại trực tiếp 6 tháng đầu năm 2018",
                starts_at=when(2018, 6, 28, 8),
                place="Hội trường Văn phòng UBND tỉnh",
                by=sec,
            )
            second = conf.plan_conference(
                agency=self.agency,
                plan=plan,
                kind=Kind.YEAR_END,
                title="Hội nghị đối thoại trực tiếp cuối năm 2018",
                starts_at=when(2018, 12, 14, 8),
                place="Hội trường Văn phòng UBND tỉnh",
                by=sec,
            )
        with at(2018, 5, 14):
            p1 = self.submit(
                "canbo",
                "Đề nghị thanh toán tiền làm thêm giờ phục vụ kỳ họp HĐND",
                "Phòng Tổng hợp có 06 công chức làm thêm giờ phục vụ kỳ họp thứ 6 HĐND tỉnh "
                "(tháng 12/2017) nhưng đến nay chưa được thanh toán tiền làm thêm giờ. "
                "Đề nghị Chánh Văn phòng chỉ đạo phòng Hành chính - Tổ chức thanh toán theo quy định.",
                "che-do-tien-luong",
            )
            p2 = self.submit(
                "canbo2",
                "Kiến nghị cử công chức đi bồi dưỡng ngạch chuyên viên chính",
                "Nhiều công chức đã đủ điều kiện nhưng chưa được cử đi bồi dưỡng kiến thức quản lý "
                "nhà nước ngạch chuyên viên chính. Đề nghị Văn phòng lập kế hoạch cử đi học năm 2018.",
                "dao-tao-boi-duong",
            )
            p3 = self.submit(
                "truongphong",
                "Đề nghị sửa chữa hệ thống điều hòa phòng làm việc tầng 3",
                "Hệ thống điều hòa các phòng làm việc tầng 3 hỏng từ tháng 4, ảnh hưởng đến "
                "sức khỏe và hiệu quả công việc của công chức Phòng Tổng hợp.",
                "dieu-kien-lam-viec",
                as_unit=True,
            )
        with at(2018, 5, 21):
            p4 = self.submit(
                "canbo3",
                "Phản ánh việc chấm điểm thi đua cuối năm chưa công khai",
                "Kết quả chấm điểm thi đua năm 2017 của một số phòng chưa được công khai trước "
                "khi họp Hội đồng thi đua, công chức không biết để có ý kiến.",
                "thi-dua-khen-thuong",
                privacy="confidential",
            )
            p5 = self.submit(
                "vienchuc",
                "Thanh toán chế độ làm thêm giờ còn chậm",
                "Tiền làm thêm giờ phục vụ các kỳ họp HĐND tỉnh năm 2017 đến nay chưa được chi trả.",
                "che-do-tien-luong",
            )
            p6 = self.submit(
                "laixe",
                "Đề nghị hỗ trợ chi phí đi lại cho người lao động ở xa",
                "Người lao động ở các huyện xa trung tâm tỉnh đề nghị được hỗ trợ một phần chi phí đi lại.",
                "che-do-tien-luong",
            )
            p7 = self.submit(
                "canbo2",
                "Đề nghị can thiệp giải quyết tranh chấp đất đai của gia đình tại huyện Vị Xuyên",
                "Gia đình tôi có tranh chấp ranh giới đất với hộ liền kề tại xã Đạo Đức, huyện Vị Xuyên, "
                "đề nghị Văn phòng can thiệp.",
                "du-luan-phan-anh",
            )
            p8 = self.submit(
                "canbo3",
                "Kiến nghị nâng mức lương cơ sở cho công chức",
                "Mức lương cơ sở hiện nay thấp so với mức sống, đề nghị nâng mức lương cơ sở.",
                "che-do-tien-luong",
            )
        with at(2018, 5, 22):
            pet.withdraw_petition(
                petition=p6, reason="Đã được Công đoàn cơ quan hỗ trợ.", by=u["laixe"]
            )
        with at(2018, 5, 23):
            for p, code, unit in [
                (p1, "che-do-tien-luong", "HCTC"),
                (p2, "dao-tao-boi-duong", "HCTC"),
                (p3, "dieu-kien-lam-viec", "HCTC"),
                (p4, "thi-dua-khen-thuong", "HCTC"),
                (p5, "che-do-tien-luong", "HCTC"),
            ]:
                self.receive(p, code, unit)
            pet.merge_petitions(
                lead=p1, duplicates=[p5], reason="Cùng nội dung tiền làm thêm giờ.", by=sec
            )
            pet.transfer_petition(
                petition=p7,
                to="UBND huyện Vị Xuyên",
                reason="Tranh chấp đất đai thuộc thẩm quyền hòa giải, giải quyết của UBND cấp huyện.",
                by=sec,
            )
            pet.reject_petition(
                petition=p8,
                reason="Mức lương cơ sở do Quốc hội, Chính phủ quyết định, không thuộc thẩm quyền "
                "giải quyết của Chánh Văn phòng; phòng HC-TC đã giải thích cho công chức.",
                by=sec,
            )
        with at(2018, 6, 18):
            pet.schedule_petitions(conference=first, petitions=[p1, p2, p3, p4], by=sec)
        with at(2018, 6, 20):
            conf.send_compilation(conference=first, by=sec)
        with at(2018, 6, 22, 15):
            self.report(2018, 1, "45/BC-VPUBND")
        with at(2018, 6, 28, 8, 30):
            conf.open_conference(
                conference=first,
                by=head,
                attendance="Lãnh đạo Văn phòng; trưởng các phòng, ban, đơn vị; Ban Thanh tra "
                "nhân dân; toàn thể công chức, viên chức, người lao động Văn phòng UBND tỉnh.",
            )
            conf.record_statement(
                conference=first,
                petition=p1,
                speaker=u["canbo"],
                by=sec,
                text="Đề nghị làm rõ thời gian thanh toán tiền làm thêm giờ kỳ họp tháng 12/2017.",
            )
            fu.answer_petition(
                petition=p1,
                by=head,
                answerer=u["truonghctc"],
                text="Phòng HC-TC đã hoàn thiện hồ sơ; tiền làm thêm giờ được thanh toán trong "
                "tháng 7/2018 từ nguồn kinh phí tự chủ.",
            )
            conf.record_statement(
                conference=first,
                petition=p2,
                speaker=u["canbo2"],
                by=sec,
                text="Năm nay có 05 công chức đủ điều kiện, đề nghị được cử đi học.",
            )
            fu.commit_answer(
                petition=p2,
                promised_on=datetime.date(2018, 7, 31),
                form="written",
                by=head,
                note="Chờ chỉ tiêu đào tạo của Sở Nội vụ.",
            )
            fu.assign_petition(
                petition=p3,
                unit=self.units["HCTC"],
                by=head,
                instructions="Khảo sát, lập dự toán sửa chữa điều hòa tầng 3.",
            )
            fu.assign_petition(
                petition=p4,
                unit=self.units["HCTC"],
                by=head,
                needs_verification=True,
                verification_reason="Cần xác minh hồ sơ thi đua của các phòng.",
                instructions="Xác minh việc công khai kết quả chấm điểm thi đua năm 2017.",
            )
            floor = pet.record_petition(
                agency=self.agency,
                channel="floor",
                conference=first,
                by=sec,
                title="Đề nghị trình ký văn bản điện tử qua VNPT iOffice",
                content="Đề nghị thực hiện trình ký văn bản điện tử, giảm văn bản giấy.",
                topic=self.topic("cai-cach-hanh-chinh"),
                submitter=u["vienchuc"],
            )
            fu.answer_petition(
                petition=floor,
                by=head,
                text="Từ quý III/2018 Văn phòng triển khai ký số và trình ký trên VNPT iOffice.",
            )
            conf.close_conference(
                conference=first,
                by=head,
                conclusion="Chánh Văn phòng kết luận: các kiến nghị đã được giải đáp tại hội nghị; "
                "giao phòng HC-TC xử lý 02 kiến nghị và báo cáo theo thời hạn.",
            )
        with at(2018, 7, 2):
            conf.draft_notice(
                conference=first,
                by=sec,
                text="Thông báo ý kiến kết luận của Chánh Văn phòng tại Hội nghị đối thoại trực "
                "tiếp 6 tháng đầu năm 2018 ...",
            )
        with at(2018, 7, 3):
            conf.issue_notice(conference=first, by=head, issued_on=datetime.date(2018, 7, 3))
        with at(2018, 7, 4):
            self.publish_all()
        with at(2018, 7, 10):
            fu.report_resolution(
                assignment=p3.assignments.get(),
                by=u["truonghctc"],
                text="Đã sửa chữa xong hệ thống điều hòa tầng 3 ngày 09/7/2018.",
            )
        with at(2018, 7, 11):
            fu.accept_resolution(
                assignment=p3.assignments.get(),
                by=head,
                answer_text="Hệ thống điều hòa tầng 3 đã được sửa chữa xong.",
            )
        with at(2018, 7, 12):
            pet.give_feedback(petition=p3, satisfied=True, by=u["truongphong"])
            pet.give_feedback(petition=p1, satisfied=True, by=u["canbo"])
        with at(2018, 7, 20):
            fu.answer_petition(
                petition=p2,
                by=head,
                text="Văn phòng đã đăng ký 05 chỉ tiêu bồi dưỡng ngạch chuyên viên chính với Sở "
                "Nội vụ; dự kiến cử đi học từ tháng 9/2018.",
            )
        with at(2018, 7, 23):
            fu.report_resolution(
                assignment=p4.assignments.get(),
                by=u["truonghctc"],
                text="Đã xác minh: 02 phòng chưa công khai kết quả chấm điểm; đã chấn chỉnh.",
            )
        with at(2018, 7, 24):
            fu.accept_resolution(
                assignment=p4.assignments.get(),
                by=head,
                answer_text="Từ năm 2018, kết quả chấm điểm thi đua được công khai trước khi họp "
                "Hội đồng thi đua - khen thưởng.",
            )
        with at(2018, 7, 25):
            self.publish_all()
            watch = board.record_observation(
                agency=self.agency,
                kind="recommendation",
                conference=first,
                by=u["thanhtra"],
                text="Thông báo kết luận ban hành đúng hạn; đề nghị niêm yết công khai kết quả "
                "giải quyết kiến nghị tại bảng tin cơ quan trong 20 ngày theo quy định.",
            )
        with at(2018, 8, 3):
            board.answer_observation(
                observation=watch,
                by=head,
                text="Tiếp thu; giao phòng HC-TC niêm yết kết quả tại bảng tin từ ngày 06/8/2018.",
            )
        self.second_2018(second)

    def second_2018(self, second):
        u, head, sec = self.u, self.u["chanhvp"], self.u["hctc"]
        deputy = u["phochanhvp"]
        with at(2018, 11, 12):
            p9 = self.submit(
                "canbo2",
                "Phản ánh dấu hiệu sử dụng xe công không đúng mục đích",
                "Có hiện tượng xe công được sử dụng vào việc riêng ngoài giờ hành chính.",
                "phong-chong-tham-nhung",
            )
            p10 = self.submit(
                "canbo3",
                "Tố cáo hành vi gây khó khăn khi giải quyết hồ sơ thanh toán",
                "Một số hồ sơ thanh toán công tác phí bị trả lại nhiều lần không rõ lý do.",
                "to-cao",
                privacy="anonymous",
            )
            p11 = self.submit(
                "canbo",
                "Khiếu nại kết quả đánh giá, xếp loại công chức năm 2018",
                "Tôi không đồng ý với kết quả xếp loại hoàn thành nhiệm vụ, đề nghị xem xét lại.",
                "khieu-nai",
            )
            p12 = self.submit(
                "vienchuc",
                "Đề nghị công khai quy chế chi tiêu nội bộ năm 2019",
                "Đề nghị dự thảo quy chế chi tiêu nội bộ năm 2019 được lấy ý kiến công chức.",
                "thuc-hien-chinh-sach",
            )
            p13 = self.submit(
                "truongkt",
                "Đề nghị chấn chỉnh việc chấp hành giờ giấc làm việc",
                "Còn tình trạng đi muộn, về sớm, đề nghị tăng cường kiểm tra kỷ luật công vụ.",
                "ky-luat-dao-duc",
                as_unit=True,
            )
            p14 = self.submit(
                "laixe",
                "Dư luận phản ánh thái độ tiếp dân tại Bộ phận một cửa",
                "Một số ý kiến trên mạng xã hội phản ánh thái độ của công chức tại Bộ phận một cửa.",
                "du-luan-phan-anh",
            )
        batch = [p9, p10, p11, p12, p13, p14]
        with at(2018, 11, 20):
            for p in batch:
                self.receive(p, p.topic.code, "HCTC")
            pet.schedule_petitions(conference=second, petitions=batch, by=sec)
        with at(2018, 12, 3):
            conf.delegate_chair(
                conference=second,
                deputy=deputy,
                by=head,
                reason="Chánh Văn phòng đi công tác tại Trung ương theo Quyết định của UBND tỉnh.",
            )
        with at(2018, 12, 7):
            conf.send_compilation(conference=second, by=sec)
        with at(2018, 12, 14, 8, 30):
            conf.open_conference(conference=second, by=deputy)
            conf.record_statement(
                conference=second,
                petition=p9,
                speaker_name="Ý kiến công chức",
                by=sec,
                text="Đề nghị làm rõ việc quản lý, sử dụng xe công ngoài giờ.",
            )
            fu.assign_petition(
                petition=p9,
                unit=self.units["HCTC"],
                by=deputy,
                needs_verification=True,
                verification_reason="Cần kiểm tra nhật trình xe.",
            )
            fu.answer_petition(
                petition=p10,
                by=deputy,
                text="Đã chỉ đạo phòng Kế hoạch - Tài chính công khai danh mục hồ sơ thanh toán "
                "và thời hạn giải quyết.",
            )
            fu.commit_answer(
                petition=p11, promised_on=datetime.date(2018, 12, 28), form="written", by=deputy
            )
            for p in (p12, p13, p14):
                fu.answer_petition(
                    petition=p,
                    by=deputy,
                    text="Lãnh đạo Văn phòng tiếp thu, chỉ đạo các phòng liên quan thực hiện ngay.",
                )
            conf.close_conference(
                conference=second,
                by=deputy,
                conclusion="Phó Chánh Văn phòng (được ủy quyền) kết luận các nội dung đã đối thoại.",
            )
        with at(2018, 12, 17):
            conf.draft_notice(
                conference=second,
                by=sec,
                text="Thông báo kết luận hội nghị đối thoại cuối năm 2018 ...",
            )
        with at(2018, 12, 18):
            conf.issue_notice(conference=second, by=deputy, issued_on=datetime.date(2018, 12, 18))
            self.report(2018, None, "112/BC-VPUBND")
            self.publish_all()
        with at(2018, 12, 27):
            fu.answer_petition(
                petition=p11,
                by=head,
                text="Hội đồng đánh giá đã xem xét lại; giữ nguyên kết quả xếp loại và giải thích căn cứ.",
            )
        with at(2019, 1, 4):
            fu.report_resolution(
                assignment=p9.assignments.get(),
                by=u["truonghctc"],
                text="Đã kiểm tra nhật trình; chấn chỉnh việc quản lý xe công.",
            )
        with at(2019, 1, 7):
            fu.accept_resolution(
                assignment=p9.assignments.get(),
                by=head,
                answer_text="Văn phòng đã ban hành quy định quản lý, sử dụng xe công.",
            )
            pet.give_feedback(petition=p12, satisfied=True, by=u["vienchuc"])
            self.publish_all()

    def year_2026(self):
        u, head, sec = self.u, self.u["chanhvp"], self.u["hctc"]
        with at(2026, 1, 8, 8):
            plan = conf.create_plan(
                agency=self.agency,
                year=2026,
                signer=head,
                by=sec,
            )
            conf.issue_plan(plan=plan, issued_on=datetime.date(2026, 1, 8), number=5, by=sec)
            first = conf.plan_conference(
                agency=self.agency,
                plan=plan,
                kind=Kind.MID_YEAR,
                combined_with=CombinedWith.SIX_MONTH_REVIEW,
                title="Hội nghị đối thoại trực tiếp 6 tháng đầu năm 2026",
                starts_at=when(2026, 6, 26, 8),
                place="Hội trường Văn phòng UBND tỉnh",
                by=sec,
            )
            second = conf.plan_conference(
                agency=self.agency,
                plan=plan,
                kind=Kind.YEAR_END,
                combined_with=CombinedWith.STAFF_CONFERENCE,
                title="Hội nghị đối thoại trực tiếp cuối năm 2026",
                starts_at=when(2026, 12, 11, 8),
                place="Hội trường Văn phòng UBND tỉnh",
                by=sec,
            )
        with at(2026, 6, 1):
            p15 = self.submit(
                "truongphong",
                "Đề nghị trang bị máy tính mới cho Phòng Tổng hợp",
                "Máy tính của phòng đã sử dụng trên 8 năm, thường xuyên hỏng.",
                "dieu-kien-lam-viec",
                as_unit=True,
            )
            p16 = self.submit(
                "canbo",
                "Đề nghị rà soát chế độ phụ cấp công vụ sau sắp xếp tổ chức bộ máy",
                "Sau sắp xếp, một số công chức chưa được điều chỉnh phụ cấp theo vị trí việc làm mới.",
                "che-do-tien-luong",
            )
            p17 = self.submit(
                "canbo3",
                "Kiến nghị cơ chế làm việc trực tuyến vào ngày mưa lũ",
                "Mùa mưa lũ đường sá bị sạt lở, đề nghị cho phép làm việc trực tuyến khi cần.",
                "thuc-hien-chinh-sach",
            )
            p18 = self.submit(
                "vienchuc",
                "Đề nghị tổ chức tập huấn sử dụng chữ ký số",
                "Nhiều viên chức chưa thành thạo ký số văn bản trên hệ thống quản lý văn bản.",
                "dao-tao-boi-duong",
            )
        batch = [p15, p16, p17, p18]
        with at(2026, 6, 8):
            for p in batch:
                self.receive(p, p.topic.code, "TH")
            pet.schedule_petitions(conference=first, petitions=batch, by=sec)
        with at(2026, 6, 19):
            conf.send_compilation(conference=first, by=sec)
        with at(2026, 6, 24, 15):
            self.report(2026, 1, "58/BC-VPUBND")
        with at(2026, 6, 26, 8, 30):
            conf.open_conference(conference=first, by=head)
            fu.assign_petition(petition=p15, unit=self.units["HCTC"], by=head)
            fu.assign_petition(
                petition=p16,
                unit=self.units["TH"],
                by=head,
                needs_verification=True,
                verification_reason="Cần đối chiếu vị trí việc làm của từng công chức.",
            )
            fu.commit_answer(
                petition=p17,
                promised_on=datetime.date(2026, 12, 4),
                form="next_conference",
                by=head,
                note="Chờ hướng dẫn của UBND tỉnh về làm việc trực tuyến.",
            )
            fu.answer_petition(
                petition=p18,
                by=head,
                text="Giao Trung tâm Thông tin - Công báo tổ chức tập huấn chữ ký số trong tháng 7/2026.",
            )
            conf.close_conference(
                conference=first,
                by=head,
                conclusion="Chánh Văn phòng kết luận các nội dung đã đối thoại; giao phòng HC-TC "
                "và Phòng Tổng hợp xử lý, báo cáo theo thời hạn.",
            )
        with at(2026, 6, 30):
            conf.draft_notice(
                conference=first,
                by=sec,
                text="Thông báo kết luận hội nghị đối thoại 6 tháng đầu năm 2026 ...",
            )
            conf.issue_notice(conference=first, by=head, issued_on=datetime.date(2026, 6, 30))
        with at(2026, 7, 2):
            self.publish_all()
        with at(2026, 7, 17):
            fu.report_resolution(
                assignment=p16.assignments.get(),
                by=u["truongphong"],
                text="Đã rà soát 12 công chức; đề nghị điều chỉnh phụ cấp cho 03 trường hợp.",
            )
        with at(2026, 11, 2):
            delegation = org.authorize_representative(
                agency=self.agency,
                grantee=u["truongkt"],
                by=u["canbo3"],
                valid_until=datetime.date(2026, 12, 31),
                reason="Ủy quyền Trưởng phòng Kinh tế tổng hợp, phản ánh kiến nghị.",
            )
        with at(2026, 11, 10):
            p19 = self.submit(
                "canbo2",
                "Đề nghị bổ sung chỗ để xe cho công chức",
                "Khu để xe hiện quá tải, đề nghị bố trí thêm chỗ để xe.",
                "dieu-kien-lam-viec",
            )
            p20 = self.submit(
                "canbo",
                "Phản ánh tình trạng họp nhiều ảnh hưởng thời gian xử lý công việc",
                "Nhiều cuộc họp kéo dài, đề nghị tăng cường họp trực tuyến và gửi tài liệu trước.",
                "cai-cach-hanh-chinh",
            )
            p21 = self.submit(
                "canbo2",
                "Đề nghị xét nâng lương trước thời hạn năm 2026",
                "Đề nghị công khai danh sách, tiêu chí xét nâng lương trước thời hạn năm 2026.",
                "thi-dua-khen-thuong",
            )
        with at(2026, 11, 16):
            for p, unit in ((p19, "HCTC"), (p20, "TH"), (p21, "HCTC")):
                self.receive(p, p.topic.code, unit)
            pet.schedule_petitions(conference=second, petitions=[p19, p20], by=sec)
            pet.record_petition(
                agency=self.agency,
                channel="paper",
                by=sec,
                title="Đơn đề nghị xem xét chế độ nghỉ phép của người lao động hợp đồng",
                content="Người lao động hợp đồng đề nghị được hướng dẫn chế độ nghỉ phép năm.",
                topic=self.topic("che-do-tien-luong"),
                submitter_name="Hoàng Thị Mai",
            )
        with at(2026, 11, 18):
            board.record_observation(
                agency=self.agency,
                kind="recommendation",
                by=u["thanhtra"],
                petition=p15,
                text="Kiến nghị KN-2026-0001 giao phòng HC-TC đã quá hạn báo cáo kết quả xử lý; "
                "đề nghị Chánh Văn phòng chỉ đạo đôn đốc, báo cáo kết quả.",
            )
        with at(2026, 11, 20):
            self.submit(
                "vienchuc",
                "Dư luận phản ánh chậm trả kết quả hồ sơ hành chính",
                "Một số bài viết phản ánh việc chậm trả kết quả tại Trung tâm Phục vụ hành chính công.",
                "du-luan-phan-anh",
            )
            pet.submit_petition(
                agency=self.agency,
                by=u["truongkt"],
                delegation=delegation,
                title="Kiến nghị về định mức văn phòng phẩm của Phòng Kinh tế",
                content="Công chức Phòng Kinh tế đề nghị điều chỉnh định mức văn phòng phẩm năm 2027.",
                topic=self.topic("thuc-hien-chinh-sach"),
            )
            anonymous = self.submit(
                "canbo2",
                "Phản ánh việc thu quỹ ngoài quy định",
                "Một số khoản đóng góp được thu ngoài quy định, đề nghị làm rõ.",
                "phong-chong-tham-nhung",
                privacy="anonymous",
            )
        self.receipt_code = anonymous.receipt_code


@transaction.atomic
def load_demo():
    """Build the whole demo world in one transaction and return (agency, receipt code)."""
    demo = Demo()
    agency = demo.build()
    return agency, demo.receipt_code
