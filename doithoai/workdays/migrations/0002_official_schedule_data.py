"""Ship the official-schedule corrections the `holidays` package (0.109) misses.

A frozen copy of `doithoai.workdays.official.OFFICIAL_CORRECTIONS` at the time of writing:
later corrections come in new migrations or through the admin, never by editing this one.
"""

import datetime

from django.db import migrations

CV_12729 = "CV 12729/VPCP-KGVX"

ROWS = [
    (
        datetime.date(2026, 1, 2),
        "day_off",
        "Nghỉ Tết Dương lịch (hoán đổi với Thứ Bảy 10/01/2026)",
        CV_12729,
        "Văn phòng Chính phủ đồng ý cho công chức, viên chức nghỉ Thứ Sáu 02/01/2026 và "
        "làm bù Thứ Bảy 10/01/2026.",
    ),
    (
        datetime.date(2026, 1, 10),
        "working_day",
        "Làm việc bù cho ngày nghỉ 02/01/2026",
        CV_12729,
        "",
    ),
    (
        datetime.date(2026, 11, 24),
        "working_day",
        "Ngày Văn hóa Việt Nam: làm việc bình thường",
        "Bộ luật Lao động 2019, Điều 112 (chưa sửa đổi); Nghị quyết 80-NQ/TW chỉ nêu chủ trương",
        "Gói holidays ghi 24/11 là ngày nghỉ. Nghị quyết 80-NQ/TW của Bộ Chính trị nêu chủ "
        "trương nghỉ hưởng lương, nhưng Điều 112 Bộ luật Lao động chưa được sửa và chưa có "
        "quyết định của Thủ tướng cho công chức, viên chức nghỉ; khi có văn bản, đổi dòng này "
        "thành ngày nghỉ và ghi số văn bản.",
    ),
]


def forwards(apps, schema_editor):
    Entry = apps.get_model("workdays", "OfficialScheduleEntry")
    for day, kind, name, source, note in ROWS:
        Entry.objects.update_or_create(
            date=day,
            defaults={"year": day.year, "kind": kind, "name": name, "source": source, "note": note},
        )


def backwards(apps, schema_editor):
    Entry = apps.get_model("workdays", "OfficialScheduleEntry")
    Entry.objects.filter(date__in=[row[0] for row in ROWS]).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
