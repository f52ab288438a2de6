"""The official-schedule corrections shipped with doithoai (also loaded by data migration 0002).

Each correction is what the `holidays` package gets wrong or misses for civil servants,
with the document that decides it. The migration holds its own frozen copy of these rows;
this module lets the date maths be tested without a database.
"""

import datetime

from .calendar import DAY_OFF, WORKING_DAY, Correction

CV_12729 = "CV 12729/VPCP-KGVX"

OFFICIAL_CORRECTIONS = (
    Correction(
        datetime.date(2026, 1, 2),
        DAY_OFF,
        "Nghỉ Tết Dương lịch (hoán đổi với Thứ Bảy 10/01/2026)",
        CV_12729,
        "Văn phòng Chính phủ đồng ý cho công chức, viên chức nghỉ Thứ Sáu 02/01/2026 và "
        "làm bù Thứ Bảy 10/01/2026.",
    ),
    Correction(
        datetime.date(2026, 1, 10),
        WORKING_DAY,
        "Làm việc bù cho ngày nghỉ 02/01/2026",
        CV_12729,
        "",
    ),
    Correction(
        datetime.date(2026, 11, 24),
        WORKING_DAY,
        "Ngày Văn hóa Việt Nam: làm việc bình thường",
        "Bộ luật Lao động 2019, Điều 112 (chưa sửa đổi); Nghị quyết 80-NQ/TW chỉ nêu chủ trương",
        "Gói holidays ghi 24/11 là ngày nghỉ. Nghị quyết 80-NQ/TW của Bộ Chính trị nêu chủ "
        "trương nghỉ hưởng lương, nhưng Điều 112 Bộ luật Lao động chưa được sửa và chưa có "
        "quyết định của Thủ tướng cho công chức, viên chức nghỉ; khi có văn bản, đổi dòng này "
        "thành ngày nghỉ và ghi số văn bản.",
    ),
)
