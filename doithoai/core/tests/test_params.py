"""Years and ids typed by users: within the calendar's and the database's range, or refused."""

import pytest

from doithoai.core.errors import ValidationFailed
from doithoai.core.params import (
    ID_MAX,
    YEAR_MAX,
    YEAR_MIN,
    IdConverter,
    YearConverter,
    parse_id,
    parse_year,
)
from doithoai.workdays import calendar


def test_years_are_the_working_day_calendars():
    assert (YEAR_MIN, YEAR_MAX) == (calendar.MIN_YEAR, calendar.MAX_YEAR)


@pytest.mark.parametrize("value", ["0", "1989", "2101", "99999", "abc", "", None, "1e3"])
def test_years_out_of_range_are_refused(value):
    with pytest.raises(ValidationFailed):
        parse_year(value)


def test_years_in_range_are_taken():
    assert parse_year(" 2018 ") == 2018 and parse_year(1990) == 1990 and parse_year(2100) == 2100


@pytest.mark.parametrize("value", ["0", "-1", str(ID_MAX + 1), "99999999999999999999", "x"])
def test_ids_out_of_range_are_refused(value):
    with pytest.raises(ValidationFailed):
        parse_id(value)


def test_converters_refuse_what_is_out_of_range():
    assert YearConverter().to_python("2018") == 2018
    assert IdConverter().to_python(str(ID_MAX)) == ID_MAX
    for converter, value in ((YearConverter(), "99999"), (IdConverter(), str(ID_MAX + 1))):
        with pytest.raises(ValueError):
            converter.to_python(value)


def test_a_bad_filter_on_a_list_page_is_a_vietnamese_400(client, cast):
    client.force_login(cast.secretariat)
    response = client.get("/kien-nghi/tiep-nhan/?topic=99999999999999999999")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Yêu cầu không hợp lệ" in page and "Chủ đề: Mã số không hợp lệ." in page
    response = client.get("/hoi-nghi/?year=99999")
    assert response.status_code == 400
    assert "Năm phải là một số từ 1990 đến 2100." in response.content.decode()


def test_a_bad_unit_on_the_decisions_list_is_a_400(client, cast):
    client.force_login(cast.head)
    response = client.get("/xu-ly/cho-quyet-dinh/?unit=99999999999999999999")
    assert response.status_code == 400
    assert "Đơn vị: Mã số không hợp lệ." in response.content.decode()
