"""The wording a signer expects: who chaired, counts in words, "Như trên", who signs the
compiled list, no placeholder ever printed, and signature blocks marked to stay together."""

import re

import pytest
from docx.oxml.ns import qn

from doithoai.conferences.models import Conference
from doithoai.documents import service
from doithoai.organizations.models import Role
from doithoai.testing.factories import aware, member

from .helpers import full_text, open_docx, signature_blocks, texts

PLACEHOLDER = re.compile(r"…|\.\.\.(?!\w)|\.{3,}")


def docx_of(kind, obj, **kw):
    return open_docx(service.render(kind, obj, "docx", **kw).content)


def every_document(world, cast):
    docs = [
        ("plan", world.plan, {}),
        ("invitation", world.june, {}),
        ("invitation", world.december, {}),
        ("compilation", world.june, {}),
        ("compilation", world.december, {}),
        ("minutes", world.june, {}),
        ("notice", world.notice, {}),
    ]
    docs += [("report", cast.agency, {"year": 2018, "half": h}) for h in (None, 1, 2)]
    docs.append(("report", cast.agency, {"year": 2019}))  # a year with nothing in it
    return [(kind, kw, docx_of(kind, obj, **kw)) for kind, obj, kw in docs]


def test_no_placeholder_text_in_any_document(world, cast):
    for kind, kw, doc in every_document(world, cast):
        found = PLACEHOLDER.findall(full_text(doc))
        assert found == [], (kind, kw, found)


def test_no_count_printed_as_zero_zero(world, cast):
    for kind, kw, doc in every_document(world, cast):
        # "08 giờ 00" is a time, not a count.
        assert not re.search(r"(?<!giờ )(?<![\d/.,])\b00\b(?![/:])", full_text(doc)), (kind, kw)


def test_counts_read_as_words_in_the_report(world, cast):
    text = full_text(docx_of("report", cast.agency, year=2018, half=1))
    assert "đã tổ chức 01 hội nghị (không có hội nghị đột xuất)" in text
    assert "tiếp nhận 05 kiến nghị" in text
    empty = full_text(docx_of("report", cast.agency, year=2019))
    assert "chưa tổ chức hội nghị nào" in empty
    assert "không tiếp nhận kiến nghị nào" in empty


def test_notice_summary_names_the_head_who_chaired(world, cast):
    lines = texts(docx_of("notice", world.notice))
    name = cast.head.get_full_name()
    assert f"Kết luận của Chánh Văn phòng {name} tại Hội nghị đối thoại 6 tháng đầu năm 2018" in (
        lines
    )


def test_notice_summary_names_the_deputy_who_chaired(world, cast, time_machine):
    from doithoai.conferences import actions as conf
    from doithoai.followups import actions as fu
    from doithoai.petitions import actions as pet

    december = world.december
    time_machine.move_to(aware(2018, 12, 3, 9), tick=False)
    conf.delegate_chair(conference=december, deputy=cast.deputy, by=cast.head, reason="Công tác.")
    petition = pet.submit_petition(
        agency=cast.agency, title="Kiến nghị tháng 12", content="Nội dung.", by=cast.staff
    )
    pet.receive_petition(petition=petition, topic=cast.topic(), by=cast.secretariat)
    pet.schedule_petitions(conference=december, petitions=[petition], by=cast.secretariat)
    conf.send_compilation(conference=december, by=cast.secretariat)
    time_machine.move_to(aware(2018, 12, 14, 8), tick=False)
    conf.open_conference(conference=december, by=cast.deputy, attendance="Toàn thể CCVC.")
    fu.answer_petition(petition=petition, by=cast.deputy, text="Đã trả lời.")
    conf.close_conference(conference=december, by=cast.deputy, conclusion="Kết luận.")
    notice = conf.draft_notice(conference=december, by=cast.secretariat, text="Kết luận.")
    december = Conference.objects.get(pk=december.pk)
    text = full_text(docx_of("notice", notice))
    name = cast.deputy.get_full_name()
    assert f"Kết luận của Phó Chánh Văn phòng {name} tại Hội nghị đối thoại cuối năm 2018" in text
    assert "Kết luận của Chánh Văn phòng" not in text


@pytest.mark.parametrize(
    ("kind", "addressee"),
    [("report", "Kính gửi: UBND tỉnh."), ("compilation", "Kính gửi: Chánh Văn phòng.")],
)
def test_the_addressee_is_named_as_above_in_the_recipients(world, cast, kind, addressee):
    obj = cast.agency if kind == "report" else world.june
    lines = texts(docx_of(kind, obj, year=2018))
    assert addressee in lines
    recipients = lines[lines.index("Nơi nhận:") + 1 :]
    assert recipients[0] == "- Như trên;"
    named = addressee.removeprefix("Kính gửi: ").rstrip(".")
    assert not [r for r in recipients if r.startswith(f"- {named}")]


def test_compiled_list_is_signed_by_the_head_of_the_secretariat_unit(world, cast):
    leader = member(cast.agency, Role.UNIT_LEADER, unit=cast.hctc, full_name="Lò Thị Hoa")
    doc = docx_of("compilation", world.june)
    assert signature_blocks(doc) == [("TRƯỞNG PHÒNG HÀNH CHÍNH - TỔ CHỨC", leader.get_full_name())]
    assert "TL. CHÁNH VĂN PHÒNG" not in texts(doc)


def test_compiled_list_without_a_unit_leader_is_signed_for_the_unit(world, cast):
    doc = docx_of("compilation", world.june)
    assert signature_blocks(doc) == [
        ("PHÒNG HÀNH CHÍNH - TỔ CHỨC", cast.secretariat.get_full_name())
    ]


def test_signature_paragraphs_keep_together_in_every_document(world, cast):
    for kind, kw, doc in every_document(world, cast):
        blocks = [
            t
            for t in doc.tables
            if t.rows[0]._tr.trPr is not None
            and t.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
        ]
        assert len(blocks) == 1, (kind, kw)
        for cell in blocks[0].rows[0].cells:
            lines = [p for p in cell.paragraphs if "Nơi nhận" not in cell.paragraphs[0].text]
            for p in lines[:-1]:
                assert p.paragraph_format.keep_with_next, (kind, p.text)
