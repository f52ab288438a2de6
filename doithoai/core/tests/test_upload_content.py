"""Uploads are judged by content: disguised, oversized-when-inflated and infected files are refused."""

import base64
import io
import socket
import threading
import zipfile

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doithoai.core.attachments import check_upload
from doithoai.core.errors import ValidationFailed
from doithoai.petitions.actions import submit_petition

# A real 1×1 JPEG (JFIF), and a minimal but well-formed PDF.
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////"
    "////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAB"
    "PxA="
)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _upload(name, content):
    return SimpleUploadedFile(name, content)


def _docx() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Kiến nghị về chế độ tiền lương.")
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A small DOCX whose one extra part inflates to 512 MiB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as part:
            zeros = bytes(1024 * 1024)
            for _i in range(512):
                part.write(zeros)
    return buffer.getvalue()


def _refused(upload) -> str:
    with pytest.raises(ValidationFailed) as caught:
        check_upload(upload)
    assert caught.value.field == "attachments"
    return str(caught.value.message)


def test_executable_renamed_pdf_is_refused():
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)
    message = _refused(_upload("bang-luong.pdf", exe))
    assert "không phải là tệp PDF hợp lệ" in message


def test_html_renamed_jpg_is_refused():
    html = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
    assert "không phải là tệp JPG hợp lệ" in _refused(_upload("anh.jpg", html))


def test_docx_that_inflates_to_512_mib_is_refused(bomb):
    assert len(bomb) < 1024 * 1024
    assert "khi giải nén vượt quá" in _refused(_upload("don.docx", bomb))


def test_zip_that_is_not_a_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("run.sh", "echo hi")
    assert "không phải là tệp DOCX hợp lệ" in _refused(_upload("don.docx", buffer.getvalue()))


def test_binary_renamed_txt_is_refused():
    assert "TXT" in _refused(_upload("ghi-chu.txt", b"\x7fELF\x02\x01\x01" + bytes(100)))


@pytest.mark.parametrize(
    "name, content",
    [
        ("don.pdf", PDF),
        ("anh.jpg", JPEG),
        ("anh.jpeg", JPEG),
        ("don.docx", _docx()),
        ("bang.xlsx", _xlsx()),
        ("ghi-chu.txt", "Ghi chú tiếng Việt có dấu.".encode()),
    ],
)
def test_real_files_are_accepted(name, content):
    assert len(check_upload(_upload(name, content))) == 64


def test_configured_scanner_runs_and_can_refuse(settings):
    seen = []

    def scanner(upload, *, name):
        seen.append(name)
        raise ValidationFailed("Tệp có mã độc.", code="infected_file")

    settings.ATTACHMENT_SCANNER = "doithoai.core.tests.test_upload_content.SCANNER"
    globals()["SCANNER"] = scanner
    with pytest.raises(ValidationFailed) as caught:
        check_upload(_upload("don.pdf", PDF))
    assert seen == ["don.pdf"] and caught.value.code == "infected_file"


def _fake_clamd(path, reply: bytes, received: list):
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)

    def serve():
        conn, _addr = server.accept()
        data = b""
        while not data.endswith(b"\0\0\0\0"):
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
        received.append(data)
        conn.sendall(reply + b"\0")
        conn.close()
        server.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize(
    "reply, accepted",
    [(b"stream: OK", True), (b"stream: Eicar-Test-Signature FOUND", False)],
)
def test_clamd_scanner(settings, tmp_path, reply, accepted):
    sock = tmp_path / "clamd.sock"
    received = []
    thread = _fake_clamd(sock, reply, received)
    settings.CLAMD_SOCKET = str(sock)
    settings.ATTACHMENT_SCANNER = "doithoai.core.scanning.clamd_scan"
    upload = _upload("don.pdf", PDF)
    if accepted:
        check_upload(upload)
    else:
        with pytest.raises(ValidationFailed) as caught:
            check_upload(upload)
        assert "mã độc" in str(caught.value.message)
    thread.join(5)
    assert received[0].startswith(b"zINSTREAM\0") and PDF in received[0]


def test_unreachable_clamd_refuses(settings, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "missing.sock")
    settings.ATTACHMENT_SCANNER = "doithoai.core.scanning.clamd_scan"
    with pytest.raises(ValidationFailed) as caught:
        check_upload(_upload("don.pdf", PDF))
    assert caught.value.code == "scanner_unavailable"


def test_stored_under_a_random_name(cast, seed_day):
    petition = submit_petition(
        agency=cast.agency,
        title="Kiến nghị có tệp",
        content="Nội dung.",
        by=cast.staff,
        attachments=[_upload("bang-luong-cua-toi.pdf", PDF)],
    )
    attachment = petition.attachments.get()
    assert attachment.original_name == "bang-luong-cua-toi.pdf"
    assert "bang-luong" not in attachment.file.name
    assert attachment.file.name.startswith("petitions/2018/06/") and attachment.file.name.endswith(
        ".pdf"
    )


SCANNER = None
