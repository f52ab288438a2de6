"""The append-only, hash-chained log of every action."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    """What an action did; one value per action function."""

    AGENCY_CREATED = "agency.created", _("Tạo cơ quan")
    UNIT_CREATED = "unit.created", _("Tạo đơn vị")
    MEMBER_ADDED = "membership.added", _("Thêm người dùng")
    MEMBER_CHANGED = "membership.changed", _("Sửa vai trò")
    DELEGATION_GRANTED = "delegation.granted", _("Ủy quyền")
    DELEGATION_REVOKED = "delegation.revoked", _("Thu hồi ủy quyền")
    PETITION_SUBMITTED = "petition.submitted", _("Gửi kiến nghị")
    PETITION_RECORDED = "petition.recorded", _("Ghi nhận kiến nghị")
    PETITION_RECEIVED = "petition.received", _("Tiếp nhận, phân loại")
    PETITION_MERGED = "petition.merged", _("Gộp kiến nghị trùng")
    PETITION_WITHDRAWN = "petition.withdrawn", _("Rút kiến nghị")
    PETITION_REJECTED = "petition.rejected", _("Từ chối kiến nghị")
    PETITION_TRANSFERRED = "petition.transferred", _("Chuyển kiến nghị")
    PETITION_SCHEDULED = "petition.scheduled", _("Đưa vào hội nghị")
    PETITION_UNSCHEDULED = "petition.unscheduled", _("Rút khỏi chương trình")
    PETITION_SUPPORTED = "petition.supported", _("Ủng hộ kiến nghị")
    PETITION_FEEDBACK = "petition.feedback", _("Phản hồi về trả lời")
    PETITION_REOPENED = "petition.reopened", _("Mở lại kiến nghị")
    PETITION_CLOSED = "petition.closed", _("Đóng kiến nghị")
    PETITION_ADVANCED = "petition.advanced", _("Chuyển trạng thái kiến nghị theo bước xử lý")
    PLAN_CREATED = "plan.created", _("Lập kế hoạch")
    PLAN_ISSUED = "plan.issued", _("Ban hành kế hoạch")
    CONFERENCE_CREATED = "conference.created", _("Lên lịch hội nghị")
    CONFERENCE_CANCELLED = "conference.cancelled", _("Hủy hội nghị")
    CONFERENCE_RESCHEDULED = "conference.rescheduled", _("Đổi lịch hội nghị")
    COMPILATION_SENT = "conference.compilation_sent", _("Gửi tổng hợp kiến nghị")
    CONFERENCE_OPENED = "conference.opened", _("Khai mạc hội nghị")
    STATEMENT_RECORDED = "conference.statement", _("Ghi phát biểu")
    AGENDA_ITEM_MOVED = "agenda.moved", _("Chuyển trạng thái nội dung đối thoại")
    CONFERENCE_CLOSED = "conference.closed", _("Bế mạc hội nghị")
    MINUTES_CORRECTED = "conference.minutes_corrected", _("Đính chính biên bản")
    NOTICE_DRAFTED = "notice.drafted", _("Dự thảo thông báo kết luận")
    NOTICE_ISSUED = "notice.issued", _("Ban hành thông báo kết luận")
    NOTICE_SIGNED = "notice.signed", _("Ký số thông báo kết luận (cấp số, chờ văn thư)")
    ANSWER_GIVEN = "answer.given", _("Trả lời kiến nghị")
    ANSWER_PUBLISHED = "answer.published", _("Công khai trả lời")
    NOTICE_PUBLISHED = "notice.published", _("Công khai thông báo kết luận")
    COMMITMENT_MADE = "commitment.made", _("Cam kết thời gian trả lời")
    ASSIGNMENT_MADE = "assignment.made", _("Giao đơn vị xử lý")
    ASSIGNMENT_EXTENDED = "assignment.extended", _("Gia hạn 15 ngày làm việc")
    EXTENSION_REQUESTED = "extension.requested", _("Đề nghị thời hạn 15 ngày làm việc")
    EXTENSION_APPROVED = "extension.approved", _("Đồng ý thời hạn 15 ngày làm việc")
    EXTENSION_REFUSED = "extension.refused", _("Không đồng ý thời hạn 15 ngày làm việc")
    ASSIGNMENT_DUE_MOVED = "assignment.due_moved", _("Cập nhật hạn báo cáo theo thời hạn tính lại")
    RESOLUTION_REPORTED = "assignment.reported", _("Báo cáo kết quả xử lý")
    RESOLUTION_ACCEPTED = "assignment.accepted", _("Chấp nhận kết quả xử lý")
    RESOLUTION_RETURNED = "assignment.returned", _("Trả lại kết quả xử lý")
    ASSIGNMENT_URGED = "assignment.urged", _("Đôn đốc đơn vị xử lý")
    REPRESENTATIVE_INFORMED = "delegation.informed", _("Đại diện đã thông báo lại")
    DEADLINE_OPENED = "deadline.opened", _("Mở thời hạn")
    DEADLINE_CLOSED = "deadline.closed", _("Hoàn thành thời hạn")
    DEADLINE_RECOMPUTED = "deadline.recomputed", _("Tính lại thời hạn")
    RULES_CHANGED = "rules.changed", _("Sửa quy định thời hạn")
    CALENDAR_CHANGED = "calendar.changed", _("Sửa lịch nghỉ chính thức")
    OBSERVATION_RECORDED = "oversight.observation", _("Ghi ý kiến giám sát")
    OBSERVATION_ANSWERED = "oversight.answered", _("Trả lời kiến nghị giám sát")
    TOKEN_CREATED = "token.created", _("Tạo khóa API")
    TOKEN_REVOKED = "token.revoked", _("Thu hồi khóa API")
    REPORT_SUBMITTED = "report.submitted", _("Gửi báo cáo")
    DOCUMENT_SIGNED = "document.signed", _("Ký số văn bản")
    DOCUMENT_SEALED = "document.sealed", _("Ký số của cơ quan (đóng dấu số)")
    SIGNATURE_IMAGE_SET = "signing.signature_image", _("Tải ảnh chữ ký")
    SEAL_IMAGE_SET = "signing.seal_image", _("Tải ảnh con dấu cơ quan")
    SIGNATURE_PREPARED = "document.prepared", _("Chuẩn bị văn bản để ký ngoài")
    LOGIN = "access.login", _("Đăng nhập")
    LOGIN_FAILED = "access.login_failed", _("Đăng nhập không thành công")
    LOGOUT = "access.logout", _("Đăng xuất")
    LOCKED_OUT = "access.locked_out", _("Tạm khóa đăng nhập")
    PASSWORD_CHANGED = "access.password_changed", _("Đổi mật khẩu")
    SECOND_FACTOR_ADDED = "access.mfa_added", _("Thêm phương thức xác thực hai lớp")
    SECOND_FACTOR_REMOVED = "access.mfa_removed", _("Gỡ phương thức xác thực hai lớp")
    RECOVERY_CODES_ISSUED = "access.recovery_codes", _("Cấp mã khôi phục")
    SECOND_FACTOR_PASSED = "access.mfa_passed", _("Xác thực lớp thứ hai")
    SECOND_FACTOR_FAILED = "access.mfa_failed", _("Xác thực lớp thứ hai không thành công")
    REPORT_TEXT_SAVED = "report.text_saved", _("Soạn nội dung báo cáo")
    AGENCY_RENAMED = "agency.renamed", _("Đổi tên cơ quan")
    AGENCY_MERGED = "agency.merged", _("Hợp nhất cơ quan vào cơ quan kế thừa")
    AGENCY_MOVED = "agency.moved", _("Chuyển cơ quan sang cấp trên khác")
    REPORT_RETURNED = "report.returned", _("Cấp trên trả lại báo cáo")
    REPORT_ACCEPTED = "report.accepted", _("Cấp trên tiếp nhận báo cáo")
    ROOM_JOINED = "live.joined", _("Tham dự hội nghị (quét mã)")
    ATTENDANCE_CORRECTED = "live.attendance_corrected", _("Sửa điểm danh hội nghị")
    FLOOR_RAISED = "live.floor_raised", _("Nêu kiến nghị tại hội nghị (điện thoại)")
    FLOOR_ACCEPTED = "live.floor_accepted", _("Đưa kiến nghị nêu tại hội nghị vào chương trình")
    FLOOR_DECLINED = (
        "live.floor_declined",
        _("Không đưa kiến nghị nêu tại hội nghị vào chương trình"),
    )
    SPEAK_REQUESTED = "live.speak_requested", _("Đăng ký phát biểu")
    SPEAK_CLEARED = "live.speak_cleared", _("Xong lượt phát biểu")
    CURRENT_ITEM_MOVED = "live.current_moved", _("Chuyển nội dung đang đối thoại")
    REPORT_PREPARED = "report.prepared", _("Chốt báo cáo để ký số trước khi gửi")
    SIGNER_PROFILE_SET = "signing.profile", _("Ghi hồ sơ người ký (quản trị)")
    SIGNER_PROFILE_DELETED = "signing.profile_deleted", _("Xóa hồ sơ người ký (quản trị)")
    SEAL_IMAGE_DELETED = "signing.seal_deleted", _("Xóa ảnh con dấu cơ quan (quản trị)")
    SEAL_KEY_SET = "signing.seal_key", _("Ghi khóa ký số của cơ quan (quản trị)")
    SEAL_KEY_DELETED = "signing.seal_key_deleted", _("Xóa khóa ký số của cơ quan (quản trị)")


class AuditChainHead(models.Model):
    """The last event of one chain (one per agency, plus a global one), locked while appending."""

    chain = models.CharField(max_length=40, unique=True)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")
        verbose_name_plural = _("đầu chuỗi nhật ký")

    def __str__(self):
        return f"{self.chain} #{self.last_seq}"


class AppendOnlyQuerySet(models.QuerySet):
    """Refuse bulk updates and deletes, which would bypass the model's own guards."""

    def update(self, **kwargs):
        raise RuntimeError("AuditEvent is append-only.")

    def delete(self):
        raise RuntimeError("AuditEvent is append-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise RuntimeError("AuditEvent is append-only.")


class AuditEvent(models.Model):
    """One action, as it happened: who, what, on which object, before and after, chained by hash."""

    chain = models.CharField(max_length=40)
    seq = models.PositiveBigIntegerField()
    agency = models.ForeignKey(
        "organizations.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A confidential submitter's own events keep the actor for the secretariat only.
    actor_confidential = models.BooleanField(default=False)
    verb = models.CharField(max_length=40, choices=Verb.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=200, blank=True)
    petition_id = models.BigIntegerField(null=True, blank=True)
    conference_id = models.BigIntegerField(null=True, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField()
    prev_hash = models.CharField(max_length=64, blank=True)
    # The HMAC key that sealed this event ("legacy": written before keys, plain SHA-256).
    key_id = models.CharField(max_length=40, default="legacy")
    # The keyed hash of the object's stored row right after the change ("absent" if deleted).
    state_hash = models.CharField(max_length=64, blank=True)
    # The same for the other rows the action saved in its transaction: {"app.model:pk": hash}.
    states = models.JSONField(default=dict, blank=True)
    hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện nhật ký")
        verbose_name_plural = _("nhật ký thao tác")
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq")]
        indexes = [
            models.Index(fields=["agency", "-created_at"]),
            models.Index(fields=["petition_id", "seq"]),
            models.Index(fields=["conference_id", "seq"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self):
        return f"{self.chain}#{self.seq} {self.verb} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        """Insert only: an event, once written, is never changed."""
        if self.pk is not None and not kwargs.get("force_insert"):
            raise RuntimeError("AuditEvent is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        """Refuse: the log is append-only."""
        raise RuntimeError("AuditEvent is append-only.")
