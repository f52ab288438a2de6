"""An example for every operation of the docs page: a request body where there is one, and
a `curl` line for every operation, added to the OpenAPI schema as it is generated.

The bodies are checked against the operations' own schemas by `tests/test_schema.py`.
"""

import json

# Request bodies by operation id (without the `doithoai_api_` prefix).
BODIES = {
    "petitions_create_petition": {
        "title": "Đề nghị bổ sung chế độ phụ cấp công vụ",
        "content": "Đề nghị cơ quan xem xét chi trả phụ cấp công vụ đúng hạn.",
        "topic_id": 1,
        "privacy": "public",
    },
    "petitions_create_petition_with_attachments": {
        "title": "Đề nghị nâng lương trước thời hạn",
        "content": "Kèm theo bản sao quyết định khen thưởng.",
        "privacy": "confidential",
    },
    "operations_record_paper_petition": {
        "title": "Đơn đề nghị (văn bản giấy)",
        "content": "Nội dung đơn nhận qua bộ phận văn thư.",
        "submitter_name": "Nguyễn Văn A",
    },
    "petitions_receive": {"topic_id": 1, "concerned_unit_id": 2, "privacy": "public"},
    "petitions_merge": {"duplicate_ids": [12, 15], "reason": "Cùng nội dung về phụ cấp."},
    "petitions_schedule": {"conference_id": 3},
    "petitions_answer": {"text": "Cơ quan sẽ chi trả phụ cấp từ tháng 7.", "answerer_id": 4},
    "petitions_commit": {
        "promised_on": "2026-07-15",
        "form": "written",
        "note": "Trả lời bằng văn bản sau khi xin ý kiến Sở Tài chính.",
    },
    "petitions_assign": {
        "unit_id": 2,
        "instructions": "Rà soát hồ sơ, báo cáo kết quả.",
        "needs_verification": False,
    },
    "petitions_withdraw": {"reason": "Đã được giải quyết."},
    "petitions_reject": {"reason": "Không thuộc thẩm quyền của cơ quan."},
    "petitions_transfer": {"to": "Sở Nội vụ", "reason": "Thuộc thẩm quyền Sở Nội vụ."},
    "operations_unschedule": {"reason": "Chuyển sang hội nghị cuối năm."},
    "operations_feedback": {"satisfied": False, "reason": "Chưa nêu thời hạn chi trả."},
    "conferences_create_conference": {
        "kind": "mid_year",
        "title": "Hội nghị đối thoại 6 tháng đầu năm",
        "starts_at": "2026-06-19T08:00:00+07:00",
        "place": "Hội trường tầng 3",
        "plan_id": 1,
        "combined_with": "six_month_review",
    },
    "conferences_open_conference": {"attendance": "Toàn thể CCVC và NLĐ (45/48 người)."},
    "conferences_reschedule_conference": {
        "starts_at": "2026-12-18T14:00:00+07:00",
        "place": "Hội trường tầng 5",
        "reason": "Chánh Văn phòng dự họp UBND tỉnh ngày 11/12.",
    },
    "conferences_close_conference": {"conclusion": "Chủ trì kết luận các nội dung đã giải đáp."},
    "conferences_add_statement": {
        "text": "Đề nghị làm rõ thời hạn chi trả.",
        "speaker_name": "Trần Thị B",
        "petition_id": 12,
    },
    "conferences_draft_notice": {"text": "Thông báo kết luận của Chánh Văn phòng tại hội nghị…"},
    "conferences_issue_notice": {"issued_on": "2026-06-24", "signer_authority": ""},
    "operations_cancel_conference": {"reason": "Hoãn do mưa lũ."},
    "operations_delegate_chair": {"deputy_id": 5, "reason": "Chánh Văn phòng đi công tác."},
    "operations_record_floor_petition": {
        "title": "Ý kiến tại hội nghị về phòng làm việc",
        "content": "Đề nghị bố trí thêm phòng làm việc.",
        "submitter_name": "Lê Văn C",
    },
    "assignments_report": {"text": "Đơn vị đã rà soát và chi trả đủ phụ cấp."},
    "operations_request_extension": {"reason": "Cần xác minh hồ sơ tại Sở Tài chính."},
    "minutes_add_addendum": {
        "text": "Đính chính: ông Trần Văn B phát biểu, không phải ông Trần Văn C.",
        "reason": "Ghi nhầm tên người phát biểu.",
    },
    "extensions_approve_extension": {"note": "Đồng ý; báo cáo trước hạn mới."},
    "extensions_refuse_extension": {"reason": "Hồ sơ đã đủ, không cần xác minh thêm."},
    "operations_accept_resolution": {"answer_text": "Cơ quan đã chi trả phụ cấp ngày 10/7."},
    "operations_return_resolution": {"note": "Bổ sung bảng kê chi trả."},
    "operations_urge": {"message": "Đề nghị báo cáo trước ngày 15/7."},
    "directory_create_plan": {"year": 2026, "signer_authority": "KT."},
    "directory_issue_plan": {"issued_on": "2026-01-03"},
    "directory_authorize_representative": {
        "grantee_id": 6,
        "valid_until": "2026-12-31",
        "reason": "Đại diện phòng phản ánh kiến nghị.",
    },
    "directory_revoke_delegation": {"reason": "Đã hết nhu cầu ủy quyền."},
    "operations_record_observation": {
        "kind": "recommendation",
        "text": "Đề nghị trả lời kiến nghị quá hạn của phòng Tổng hợp.",
    },
    "operations_answer_observation": {"text": "Đã chỉ đạo phòng Tổng hợp báo cáo trong tuần."},
    "operations_report_sent": {"year": 2026, "half": 1, "symbol": "45/BC-VPUBND"},
    "operations_report_prepared": {"year": 2026, "half": 1, "symbol": "45/BC-VPUBND"},
    "reorganisations_reorganisation_preview": {
        "kind": "merge",
        "agency_code": "VPUBND",
        "target_code": "VPTQ",
        "effective_on": "2025-07-01",
        "legal_basis": "Nghị quyết số 202/2025/QH15",
        "legal_basis_date": "2025-06-12",
    },
    "reorganisations_reorganisation_record": {
        "kind": "merge",
        "agency_code": "VPUBND",
        "target_code": "VPTQ",
        "effective_on": "2025-07-01",
        "legal_basis": "Nghị quyết số 202/2025/QH15",
        "legal_basis_date": "2025-06-12",
    },
    "report_exchange_submission_return": {
        "reason": "Thiếu phần kiến nghị, đề xuất; đề nghị bổ sung và gửi lại."
    },
    "signing_sign": {"password": "mat-khau-tep-p12"},
    "signing_seal": {"attachment": False},
    "signing_upload": {},
    "signing_verify": {},
    "signing_set_signature_image": {},
    "signing_set_seal_image": {"diameter_mm": "36"},
    "report_texts_write_report_text": {
        "year": 2026,
        "half": 1,
        "shortcomings": "Một số đơn vị báo cáo kết quả giải quyết chậm so với thời hạn.",
        "causes": "Kiến nghị liên quan đến chế độ cần xin ý kiến Sở Tài chính.",
    },
    "records_receipt_lookup": {"code": "AN-1A2B-3C4D-5E6F-7A8B"},
    "records_receipt_feedback": {"code": "AN-1A2B-3C4D-5E6F-7A8B", "satisfied": True},
    "live_correct_attendance": {
        "reason": "Ba người lao động không dùng điện thoại, thư ký đếm tại chỗ.",
        "workers_present": 3,
    },
    "live_raise_floor_petition": {
        "title": "Đề nghị bố trí thêm chỗ để xe",
        "content": "Đề nghị cơ quan bố trí thêm chỗ để xe cho công chức.",
        "topic_id": 1,
        "privacy": "confidential",
    },
    "live_accept_floor_petition": {"version": 42},
    "live_decline_floor_petition": {"version": 42, "reason": "Trùng kiến nghị KN-2018-0012."},
    "live_request_to_speak": {"item_id": 7},
    "live_clear_speaking_request": {"version": 42},
    "live_move_current_item": {"item_id": 7, "version": 42},
}

# The file part of each multipart operation (default: a petition's attachments).
FILE_PARTS = {
    "signing_sign": "pkcs12=@chu-ky-so.p12",
    "signing_upload": "file=@van-ban-da-ky.pdf",
    "signing_verify": "file=@van-ban.pdf",
    "signing_set_signature_image": "image=@chu-ky.png",
    "signing_set_seal_image": "image=@con-dau.png",
}

PREFIX = "doithoai_api_"
BASE = "https://doithoai.example.gov.vn"


def body_example(operation_id: str):
    """Return the example body of an operation, or None."""
    return BODIES.get(operation_id.removeprefix(PREFIX))


def _curl(method: str, path: str, operation: dict, body) -> str:
    path = path.replace("{", "<").replace("}", ">")
    parts = [f"curl -X {method.upper()} '{BASE}{path}'"]
    if operation.get("security"):
        parts.append("-H 'Authorization: Bearer dth_…'")
    if body is not None and "multipart/form-data" in operation.get("requestBody", {}).get(
        "content", {}
    ):
        part = FILE_PARTS.get(operation.get("operationId", "").removeprefix(PREFIX))
        parts += [f"-F '{k}={v}'" for k, v in body.items()]
        parts.append(f"-F '{part or 'attachments=@don.pdf'}'")
    elif body is not None:
        parts.append("-H 'Content-Type: application/json'")
        parts.append(f"-d '{json.dumps(body, ensure_ascii=False)}'")
    return " \\\n  ".join(parts)


def add_examples(schema: dict) -> dict:
    """Add each operation's body example and a `curl` example to its description."""
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            body = body_example(operation.get("operationId", ""))
            for media in operation.get("requestBody", {}).get("content", {}).values():
                if body is not None:
                    media["example"] = body
            sample = _curl(method, path, operation, body)
            text = operation.get("description", "")
            operation["description"] = f"{text}\n\nExample:\n\n```\n{sample}\n```".lstrip()
    return schema
