"""English translation: the catalog is complete and the pages switch language."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

CATALOG = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>")

# A phrase of the login page and of a staff member's home page, in both languages.
LOGIN = {"vi": "Gửi kiến nghị ẩn danh?", "en": "Submitted an anonymous petition?"}
HOME = {"vi": "Kiến nghị của tôi đang xử lý", "en": "My petitions in progress"}


@pytest.fixture(autouse=True)
def _default_language():
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def catalog():
    return polib.pofile(str(CATALOG))


def _text(response):
    return response.content.decode()


def test_english_catalog_is_complete(catalog):
    live = [e for e in catalog if not e.obsolete]
    assert len(live) > 500
    assert [e.msgid for e in catalog.untranslated_entries()] == []
    assert [e.msgid for e in catalog.fuzzy_entries()] == []
    assert "fuzzy" not in catalog.metadata_as_entry().flags
    assert catalog.metadata["Plural-Forms"].startswith("nplurals=2;")


def test_english_catalog_keeps_placeholders_and_html(catalog):
    def marks(text):
        return sorted(PLACEHOLDER.findall(text))

    broken = []
    for e in catalog.translated_entries():
        pairs = [(e.msgid, e.msgstr)]
        if e.msgid_plural:
            pairs = [(e.msgid, e.msgstr_plural[0]), (e.msgid_plural, e.msgstr_plural[1])]
        broken += [src for src, dst in pairs if marks(src) != marks(dst)]
    assert broken == []


def test_compiled_catalog_matches_the_po_file(catalog):
    compiled = {e.msgid: e for e in polib.mofile(str(CATALOG.with_suffix(".mo")))}
    stale = [
        e.msgid
        for e in catalog.translated_entries()
        if e.msgid not in compiled or (not e.msgid_plural and compiled[e.msgid].msgstr != e.msgstr)
    ]
    assert stale == [], "run: python -m doithoai compilemessages -l en"


def test_vietnamese_is_the_default(client, cast):
    page = _text(client.get(reverse("login")))
    assert LOGIN["vi"] in page and LOGIN["en"] not in page
    assert '<html lang="vi"' in page


def test_login_page_in_english_by_accept_language(client, cast):
    page = _text(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en"))
    assert LOGIN["en"] in page and LOGIN["vi"] not in page
    assert "Log in" in page and "Đăng nhập</button>" not in page
    assert '<html lang="en"' in page


def test_home_page_in_english_by_language_cookie(client, cast):
    client.force_login(cast.staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _text(client.get(reverse("home")))
    assert HOME["en"] in page and HOME["vi"] not in page
    assert "Việc cần làm" not in page


def test_language_switch_posts_to_setlang(client, cast):
    client.force_login(cast.staff)
    assert HOME["vi"] in _text(client.get(reverse("home")))
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    assert HOME["en"] in _text(client.get(reverse("home")))
    client.post(reverse("set_language"), {"language": "vi", "next": reverse("home")})
    assert HOME["vi"] in _text(client.get(reverse("home")))


def test_plurals_and_lazy_labels_in_english():
    from doithoai.petitions.models import Petition

    with translation.override("en"):
        one = translation.ngettext("còn %(n)d ngày làm việc", "còn %(n)d ngày làm việc", 1)
        many = translation.ngettext("còn %(n)d ngày làm việc", "còn %(n)d ngày làm việc", 3)
        assert one % {"n": 1} == "1 working day left"
        assert many % {"n": 3} == "3 working days left"
        assert str(Petition._meta.verbose_name) == "petition"
    with translation.override("vi"):
        assert str(Petition._meta.verbose_name) == "kiến nghị"
