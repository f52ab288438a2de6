"""The demo's people, units and log-ins, and the clock it runs on (each step at its real date)."""

import datetime
from contextlib import contextmanager

import time_machine
from django.utils import timezone

from doithoai.organizations.models import Role

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
    ("tinh", "Cấp trên nhận báo cáo (UBND tỉnh Tuyên Quang)"),
]


@contextmanager
def at(year, month, day, hour=9, minute=0):
    """Run the block as if it were that moment in Hà Giang."""
    moment = timezone.make_aware(datetime.datetime(year, month, day, hour, minute))
    with time_machine.travel(moment, tick=False):
        yield


def at_day(year, month, day):
    return datetime.date(year, month, day)


def when(year, month, day, hour=8, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))
