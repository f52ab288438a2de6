"""The demo's live 2026 cycle: petitions in every state, a conference to come."""

import datetime

from doithoai.conferences import actions as conf
from doithoai.conferences.models import CombinedWith, Kind
from doithoai.followups import actions as fu
from doithoai.organizations import actions as org
from doithoai.oversight import actions as board
from doithoai.petitions import actions as pet
from doithoai.reports import actions as reports

from .cast import at, when


class Year2026:
    """The 2026 chapter of the demo story (mixed into `story.Demo`)."""

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
        with at(2026, 6, 29, 10):
            # The province office receives the semi-annual report and returns it once.
            reports.return_report(
                submission=reports.latest_submission(self.agency, 2026, 1),
                reason="Đề nghị bổ sung phần kiến nghị, đề xuất và số liệu kiến nghị theo "
                "đơn vị trước khi tổng hợp báo cáo UBND tỉnh.",
                by=u["tinh"],
            )
        with at(2026, 7, 1, 9):
            org_reports_text(self.agency, sec)
            reports.submit_report(
                agency=self.agency, year=2026, half=1, by=sec, symbol="61/BC-VPUBND"
            )
        with at(2026, 7, 2):
            self.publish_all()
        with at(2026, 7, 3, 10):
            reports.accept_report(
                submission=reports.latest_submission(self.agency, 2026, 1), by=u["tinh"]
            )
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


def org_reports_text(agency, sec):
    """Write what the province asked for into the returned report, before sending it again."""
    reports.save_report_text(
        agency=agency,
        year=2026,
        half=1,
        by=sec,
        recommendations="Đề nghị UBND tỉnh sớm ban hành hướng dẫn chế độ phụ cấp sau sắp xếp "
        "tổ chức bộ máy.",
    )
