"""Forgotten password, and the first log-in of people imported without a password."""

import re

from django.core import mail

from doithoai.testing.factories import Cast


def test_imported_person_sets_a_first_password_by_email(db, client):
    cast = Cast()
    person = cast.staff
    person.set_unusable_password()
    person.save()
    response = client.post("/quen-mat-khau/", {"email": person.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://[^/]+(/dat-mat-khau/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Hoi-nghi-2026!", "new_password2": "Hoi-nghi-2026!"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Hoi-nghi-2026!")


def test_unknown_address_sends_nothing_and_says_the_same(db, client):
    response = client.post("/quen-mat-khau/", {"email": "khong-co@example.vn"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_used_link_is_refused(db, client):
    cast = Cast()
    client.post("/quen-mat-khau/", {"email": cast.staff.email})
    link = re.search(r"http://[^/]+(/dat-mat-khau/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "Hoi-nghi-2026!", "new_password2": "Hoi-nghi-2026!"})
    response = client.get(link, follow=True)
    assert "Đường dẫn không hợp lệ" in response.content.decode()
