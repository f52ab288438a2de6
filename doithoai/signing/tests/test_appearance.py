"""The signed PDF rendered to pixels: signature, seal and attachment block in their boxes."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from doithoai.signing import images, placement, verification

from .helpers import count, is_blue, is_red, render_page, seal, sign_as, text_in
from .pki import seal_png, signature_png


def test_signature_between_title_and_name_and_seal_over_its_left_third(plan, pki):
    from .test_sign_and_seal import _secretariat

    sign_as(pki, plan.signer, "plan", plan)
    sealed = seal(_secretariat(plan), "plan", plan).content()
    person, stamp = verification.verify(sealed)
    block = placement.find_block(
        sealed, "La Tiên Sang", ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]
    )
    sig, seal_box = person.box, stamp.box
    # Placed between the last title line and the name, centred on them.
    assert block.title.y0 > sig.y1 and sig.y0 > block.name.y1
    assert abs(sig.centre[0] - block.name.centre[0]) < 2
    # The seal: actual size (36 mm), its right edge a third into the signature image.
    assert abs(seal_box.width - 36 * placement.MM) < 1.5
    assert abs((seal_box.x1 - sig.x0) / sig.width - 1 / 3) < 0.03

    page = render_page(sealed, person.page)
    inner = (sig.x0 + sig.width / 3 + 4, sig.y0 + 4, sig.x1 - 4, sig.y1 - 4)
    assert count(page, inner, is_blue) > 500  # the blue signature right of the seal
    assert count(page, inner, is_red) == 0
    assert count(page, seal_box.as_tuple(), is_red) > 500  # the red seal
    overlap = (sig.x0, sig.y0, seal_box.x1, sig.y1)
    assert count(page, overlap, is_red) > 50  # the seal lies over the signature's left third
    # Nothing coloured outside the two boxes (the name and title stay readable, black).
    above = (0, sig.y1 + 40, page.width, page.height)
    assert count(page, above, lambda c: is_blue(c) or is_red(c)) == 0
    name = block.name.as_tuple()
    assert count(page, name, lambda c: max(c) < 80) > 50


def test_attachment_block_top_right_of_page_one(plan, pki):
    from .test_sign_and_seal import _secretariat

    sealed = seal(_secretariat(plan), "plan", plan, attachment=True)
    assert sealed.attachment
    (report,) = verification.verify(sealed.content())
    assert report.ok and report.page == 0 and report.placement == "text_block"
    page = render_page(sealed.content(), 0)
    box = report.box
    text = text_in(sealed.content(), 0, box, page.height)
    # The number and symbol, and the signing time in ISO 8601 with Vietnam's offset.
    assert text.split() == ["Số:", "09/KH-VPUBND", "2018-06-20T09:00:00+07:00"]
    assert box.x1 > page.width - 20 * placement.MM and box.y0 > page.height - 25 * placement.MM
    assert count(page, box.as_tuple(), lambda c: max(c) < 80) > 30  # black text
    assert count(page, box.as_tuple(), lambda c: is_blue(c) or is_red(c)) == 0


def test_a_signature_placed_elsewhere_is_reported(plan, pki):
    from doithoai.documents import service
    from doithoai.signing import pades

    from .helpers import person_signer

    pdf = service.render("plan", plan, "pdf").content
    image = images.open_png(signature_png())
    middle = placement.Box(250, 400, 350, 440)
    signed = pades.sign(
        pdf,
        person_signer(pki),
        field_name="lech",
        page=0,
        box=middle,
        style=pades.image_style(image),
    )
    (report,) = verification.verify(signed)
    assert report.ok and report.placement == "other"
    assert "Không đúng vị trí" in "\n".join(verification.lines([report]))


def _png(data, name="anh.png"):
    return SimpleUploadedFile(name, data, content_type="image/png")


def test_images_are_checked():
    images.validate_signature_file(_png(signature_png()))
    images.validate_seal_file(_png(seal_png()))
    from io import BytesIO

    from PIL import Image

    def saved(image, fmt="PNG"):
        out = BytesIO()
        image.save(out, fmt)
        return out.getvalue()

    opaque = saved(Image.new("RGB", (600, 240), (20, 40, 200)))
    jpeg = saved(Image.new("RGB", (600, 240), (20, 40, 200)), "JPEG")
    white_bg = saved(Image.new("RGBA", (600, 240), (255, 255, 255, 255)))
    tiny = signature_png(size=(60, 20))
    red_signature = signature_png(colour=(220, 20, 20, 255))
    blue_seal = seal_png(colour=(20, 40, 200, 255))
    cases = [
        (images.validate_signature_file, b"not an image", "PNG"),
        (images.validate_signature_file, jpeg, "PNG"),
        (images.validate_signature_file, opaque, "trong suốt"),
        (images.validate_signature_file, white_bg, "trong suốt"),
        (images.validate_signature_file, tiny, "Kích thước"),
        (images.validate_signature_file, red_signature, "xanh"),
        (images.validate_seal_file, blue_seal, "đỏ"),
        (images.validate_seal_file, signature_png(), "vuông"),
    ]
    for validate, data, message in cases:
        with pytest.raises(ValidationError) as refused:
            validate(_png(data))
        assert message in refused.value.messages[0], (message, refused.value.messages)
