"""Vietnamese phrases for generated petitions, and names for generated people."""

PHRASES = [
    "chế độ tiền lương",
    "phụ cấp công vụ",
    "phụ cấp trách nhiệm",
    "nâng lương trước thời hạn",
    "đào tạo, bồi dưỡng",
    "quy hoạch cán bộ",
    "bổ nhiệm lại",
    "điều kiện làm việc",
    "trang thiết bị văn phòng",
    "máy tính đã cũ",
    "phòng làm việc chật",
    "thi đua, khen thưởng",
    "bình xét cuối năm",
    "chế độ nghỉ phép",
    "làm thêm giờ",
    "công tác phí",
    "bảo hiểm xã hội",
    "khám sức khỏe định kỳ",
    "cải cách hành chính",
    "quy trình một cửa",
    "văn bản điện tử",
    "chữ ký số",
    "phần mềm quản lý văn bản",
    "kỷ luật, kỷ cương",
    "đạo đức công vụ",
    "văn hóa công sở",
    "phân công nhiệm vụ",
    "khối lượng công việc",
    "tinh giản biên chế",
    "vị trí việc làm",
    "tuyển dụng viên chức",
    "hợp đồng lao động",
    "người lao động",
    "công chức, viên chức",
    "đề nghị lãnh đạo xem xét",
    "kính đề nghị Chánh Văn phòng",
    "giải quyết dứt điểm",
    "trong thời gian sớm nhất",
    "theo quy định hiện hành",
    "dư luận phản ánh",
    "phòng, chống tham nhũng",
    "công khai, minh bạch",
    "quỹ phúc lợi",
    "tiền ăn trưa",
    "bãi đỗ xe",
    "nhà vệ sinh",
    "điều hòa không khí",
    "đường truyền mạng",
]
RARE_PHRASE = "ký túc xá"  # in about 0.1% of petitions: "tuc" occurs nowhere else
COMMON_QUERY = "tien luong"  # folded words of a frequent phrase
RARE_QUERY = "ky tuc xa"

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu", "Thanh"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Long"]
GIVEN += ["Mai", "Nam", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"]
