"""The demo's 2018 cycle: plan 09/KH-VPUBND, the June conference and the December one chaired
by the deputy under a delegation, as the Office of the Hà Giang PPC held them."""

import datetime

from doithoai.conferences import actions as conf
from doithoai.conferences.models import CombinedWith, Kind, SignerAuthority
from doithoai.followups import actions as fu
from doithoai.oversight import actions as board
from doithoai.petitions import actions as pet

from .cast import at, when


class Year2018:
    """The 2018 chapters of the demo story (mixed into `story.Demo`)."""

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
