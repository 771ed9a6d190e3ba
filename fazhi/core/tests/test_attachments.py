"""Attachments: content-addressed storage, type sniffing, scoped and audited download, withdraw."""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from fazhi.core.attachments import (
    attachment_download,
    attachment_upload,
    attachment_withdraw,
    blob_path,
    cfb_stream_names,
    clean_filename,
    sniff,
)
from fazhi.core.audit import verify_chain
from fazhi.core.models import Attachment, AuditEvent, Blob

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode"
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def _zip(names: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in names.items():
            zf.writestr(name, data)
    return buf.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>", "_rels/.rels": b"<Relationships/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
OFD = _zip({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<ofd:Document/>"})
PLAIN_ZIP = _zip({"readme.txt": b"hello", "evil.exe": EXE})


def _cfb(stream_name: str) -> bytes:
    """A minimal OLE compound file (MS-CFB v3) whose directory holds a root and one stream entry."""
    header = bytearray(512)
    header[0:8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
    struct.pack_into("<HHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9)      # minor, major, byte order, sector shift
    struct.pack_into("<H", header, 0x20, 6)                            # mini sector shift
    struct.pack_into("<III", header, 0x2C, 1, 1, 0)                    # FAT sectors, first dir sector, txn
    struct.pack_into("<IIIII", header, 0x38, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    difat = [0] + [0xFFFFFFFF] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [0xFFFFFFFF] * 126                # sector 0 = FAT, sector 1 = directory
    fat_sector = struct.pack("<128I", *fat)

    def entry(name: str, kind: int) -> bytes:
        e = bytearray(128)
        raw = (name + "\0").encode("utf-16-le")
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF if kind == 2 else 1)
        return bytes(e)

    directory = entry("Root Entry", 5) + entry(stream_name, 2) + bytes(128) * 2
    return bytes(header) + fat_sector + directory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(user, org, content: bytes, name: str = "文书.pdf", **kw):
    return attachment_upload(actor=user, organization=org, file=SimpleUploadedFile(name, content), **kw)


def test_same_content_twice_is_one_blob_and_two_attachments(county, media):
    a1 = upload(county.liaison_scj, county.scj, PDF, "处罚决定书.pdf")
    a2 = upload(county.liaison_scj, county.scj, PDF, "副本.pdf", target=county.scj)
    assert Blob.objects.count() == 1
    assert Attachment.objects.count() == 2 and a1.blob_id == a2.blob_id
    path = blob_path(a1.blob_id)
    assert path.read_bytes() == PDF
    assert path.parent.parent.parent == Path(media) / "blobs"
    assert path.parent.name == a1.blob_id[2:4] and path.parent.parent.name == a1.blob_id[:2]
    assert a1.blob.mime == "application/pdf" and a1.blob.size == len(PDF)
    assert (a2.target_type, a2.target_id) == ("core.organization", str(county.scj.code))
    assert list((Path(media) / "blobs" / "tmp").iterdir()) == []
    ev = AuditEvent.objects.filter(action="core.attachment.upload").last()
    assert ev.target_id == str(a2.code) and ev.data["sha256"] == a1.blob_id
    assert verify_chain().ok


def test_existing_blob_is_never_overwritten(county):
    a = upload(county.liaison_scj, county.scj, PDF)
    path = blob_path(a.blob_id)
    stat = path.stat()
    upload(county.liaison_scj, county.scj, PDF)
    assert path.stat().st_ino == stat.st_ino and path.stat().st_mtime_ns == stat.st_mtime_ns


@pytest.mark.parametrize("content, name, message", [
    (EXE, "通知.pdf", "检测到可执行文件"),
    (HTML, "报告.docx", "检测到网页"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "图.png", "检测到网页"),
    (PLAIN_ZIP, "材料.docx", "检测到压缩包"),
    (_cfb("\x05SummaryInformation"), "安装.doc", "OLE"),
    (b"\x7fELF" + b"\x00" * 100, "a.jpg", "检测到可执行文件"),
    (b"just some text", "a.pdf", "无法识别"),
])
def test_disallowed_content_is_rejected_whatever_its_name(county, media, content, name, message):
    with pytest.raises(ValidationError) as exc:
        upload(county.liaison_scj, county.scj, content, name)
    text = " ".join(exc.value.messages)
    assert "文件类型不允许" in text and message in text
    assert Attachment.objects.count() == 0 and Blob.objects.count() == 0
    assert not any(p.is_file() for p in (Path(media) / "blobs").rglob("*"))


@pytest.mark.parametrize("content, mime", [
    (PDF, "application/pdf"),
    (PNG, "image/png"),
    (DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (OFD, "application/ofd"),
    (_cfb("WordDocument"), "application/msword"),
    (_cfb("Workbook"), "application/vnd.ms-excel"),
    (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64, "video/mp4"),
])
def test_allowed_types_are_sniffed_from_content(tmp_path, content, mime):
    path = tmp_path / "upload.bin"
    path.write_bytes(content)
    assert sniff(path) == mime


def test_cfb_directory_is_read():
    assert cfb_stream_names(io.BytesIO(_cfb("WordDocument"))) == {"Root Entry", "WordDocument"}
    assert cfb_stream_names(io.BytesIO(b"not ole")) == set()


def test_oversize_is_rejected(county, settings, media):
    settings.ATTACHMENT_MAX_BYTES = 50
    with pytest.raises(ValidationError) as exc:
        upload(county.liaison_scj, county.scj, PDF + b"x" * 100)
    assert "上限" in " ".join(exc.value.messages)

    class Unsized:  # a stream whose size is not known in advance is cut off while streaming
        name = "a.pdf"
        size = None

        def chunks(self, n):
            yield PDF
            yield b"x" * 100

    with pytest.raises(ValidationError):
        attachment_upload(actor=county.liaison_scj, organization=county.scj, file=Unsized())
    assert Blob.objects.count() == 0
    assert list((Path(media) / "blobs" / "tmp").iterdir()) == []


def test_default_limit_message():
    from fazhi.core.attachments import _too_big

    assert _too_big(200 * 1024 * 1024).messages == ["文件超过200MB上限。"]


def test_leader_and_outsider_cannot_upload(county, login):
    for user in (county.leader, county.outsider, county.liaison_sfj):
        with pytest.raises(PermissionDenied):
            upload(user, county.scj, PDF)
    r = login(county.leader).post(reverse("files:upload"), {
        "file": SimpleUploadedFile("a.pdf", PDF), "organization": str(county.scj.code)})
    assert r.status_code == 400 and "请选择您可以上传附件的单位" in r.content.decode()
    r = login(county.leader).post(reverse("files:upload"), {
        "file": SimpleUploadedFile("a.pdf", PDF), "target_type": "core.organization", "target_id": str(county.scj.code)})
    assert r.status_code == 403
    assert Attachment.objects.count() == 0


def test_path_traversal_in_filename_is_harmless(county, media):
    a = upload(county.liaison_scj, county.scj, PDF, "../../../../etc/passwd.pdf")
    assert a.filename == "passwd.pdf"
    assert not (Path(media).parent / "etc").exists()
    assert blob_path(a.blob_id).is_relative_to(Path(media) / "blobs")
    assert clean_filename("..\\..\\windows\\system32\\a.doc") == "a.doc"
    assert clean_filename("report\u202egpj.exe") == "reportgpj.exe"
    assert clean_filename("..") == "附件"
    assert clean_filename("a\x00b.pdf") == "ab.pdf"


def test_download_by_owner_is_served_and_audited(county, login):
    a = upload(county.liaison_scj, county.scj, PDF, "行政处罚决定书（2026）1号.pdf")
    before = AuditEvent.objects.count()
    r = login(county.officer).get(reverse("files:download", kwargs={"code": a.code}))
    assert r.status_code == 200
    assert b"".join(r.streaming_content) == PDF
    assert r["Content-Type"] == "application/pdf"
    assert r["X-Content-Type-Options"] == "nosniff"
    disposition = r["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert "%E8%A1%8C%E6%94%BF" in disposition  # 行政, percent-encoded UTF-8
    ev = AuditEvent.objects.order_by("id").last()
    assert AuditEvent.objects.count() == before + 1
    assert (ev.action, ev.actor_id, ev.target_id) == ("core.attachment.download", county.officer.pk, str(a.code))
    # A supervising unit's admin may download too.
    assert login(county.admin).get(reverse("files:download", kwargs={"code": a.code})).status_code == 200


def test_download_by_another_org_is_404_and_serves_nothing(county, login):
    a = upload(county.liaison_scj, county.scj, PDF)
    before = AuditEvent.objects.count()
    for user in (county.liaison_sfj, county.liaison_suo, county.outsider):
        r = login(user).get(reverse("files:download", kwargs={"code": a.code}))
        assert r.status_code == 404
        assert b"%PDF" not in r.content
        with pytest.raises(Http404):
            attachment_download(actor=user, code=a.code)
    assert AuditEvent.objects.count() == before
    r = login(county.liaison_sfj).get(reverse("files:download", kwargs={"code": "7f1d1e0c-0000-4000-8000-000000000000"}))
    assert r.status_code == 404


def test_anonymous_download_redirects_to_login(county, client):
    a = upload(county.liaison_scj, county.scj, PDF)
    r = client.get(reverse("files:download", kwargs={"code": a.code}))
    assert r.status_code == 302 and "login" in r["Location"]


def test_withdraw_keeps_the_blob(county, login):
    a = upload(county.liaison_scj, county.scj, PDF, target=county.scj)
    with pytest.raises(ValidationError):
        attachment_withdraw(actor=county.liaison_scj, attachment=a, reason="  ")
    with pytest.raises(PermissionDenied):
        attachment_withdraw(actor=county.leader, attachment=a, reason="错传")
    r = login(county.leader).post(reverse("files:withdraw", kwargs={"code": a.code}), {"reason": "错传"})
    assert r.status_code == 403
    r = login(county.liaison_sfj).post(reverse("files:withdraw", kwargs={"code": a.code}), {"reason": "错传"})
    assert r.status_code == 404
    r = login(county.liaison_scj).post(reverse("files:withdraw", kwargs={"code": a.code}), {"reason": "上传错了文件"},
                                       HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "已撤回" in r.content.decode()
    a.refresh_from_db()
    assert a.withdrawn
    assert Blob.objects.filter(sha256=a.blob_id).exists() and blob_path(a.blob_id).read_bytes() == PDF
    ev = AuditEvent.objects.order_by("id").last()
    assert ev.action == "core.attachment.withdraw" and ev.data["reason"] == "上传错了文件"
    with pytest.raises(ValidationError):
        attachment_withdraw(actor=county.liaison_scj, attachment=a, reason="再撤一次")
    assert login(county.liaison_scj).get(reverse("files:withdraw", kwargs={"code": a.code})).status_code == 405


def test_upload_view_for_a_record_with_htmx(county, login):
    client = login(county.liaison_scj)
    r = client.post(reverse("files:upload"), {
        "file": SimpleUploadedFile("现场照片.png", PNG), "target_type": "core.organization",
        "target_id": str(county.scj.code), "description": "检查现场"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    html = r.content.decode()
    assert "现场照片.png" in html and "检查现场" in html and 'id="attachments-' in html
    r = client.post(reverse("files:upload"), {
        "file": SimpleUploadedFile("恶意.pdf", EXE), "target_type": "core.organization",
        "target_id": str(county.scj.code)}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and "检测到可执行文件" in r.content.decode()  # htmx swaps only 2xx
    r = client.post(reverse("files:upload"), {"target_type": "core.organization", "target_id": str(county.scj.code)})
    assert r.status_code == 400 and "请选择要上传的文件" in r.content.decode()
    # Another organization's record: 404, nothing stored.
    r = client.post(reverse("files:upload"), {
        "file": SimpleUploadedFile("a.pdf", PDF), "target_type": "core.organization", "target_id": str(county.sfj.code)})
    assert r.status_code == 404
    assert Attachment.objects.count() == 1


def test_upload_view_without_record_redirects(county, login):
    r = login(county.liaison_scj).post(reverse("files:upload"), {
        "file": SimpleUploadedFile("通知.docx", DOCX), "organization": str(county.scj.code), "next": "https://evil.example/"})
    assert r.status_code == 302 and r["Location"] == reverse("files:index")
    assert Attachment.objects.get().organization == county.scj


def test_index_lists_only_visible_attachments(county, login):
    upload(county.liaison_scj, county.scj, PDF, "市场监管局文件.pdf")
    upload(county.liaison_sfj, county.sfj, PNG, "司法局照片.png")
    html = login(county.liaison_scj).get(reverse("files:index")).content.decode()
    assert "市场监管局文件.pdf" in html and "司法局照片.png" not in html
    html = login(county.admin).get(reverse("files:index")).content.decode()
    assert "市场监管局文件.pdf" in html and "司法局照片.png" in html


def test_record_partial(county, login):
    upload(county.liaison_scj, county.scj, PDF, "记录附件.pdf", target=county.scj)
    url = reverse("files:record", kwargs={"target_type": "core.organization", "target_id": str(county.scj.code)})
    r = login(county.leader).get(url)
    assert r.status_code == 200 and "记录附件.pdf" in r.content.decode() and "上传附件" not in r.content.decode()
    assert login(county.liaison_sfj).get(url).status_code == 404


def test_oversize_request_is_refused_before_the_body_is_read(county, login, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    client = login(county.liaison_scj)
    r = client.post(reverse("files:upload"), {"file": SimpleUploadedFile("big.pdf", PDF + b"x" * 70 * 1024),
                                              "organization": str(county.scj.code)})
    assert r.status_code == 413 and "文件超过10B上限" in r.content.decode()
    assert Attachment.objects.count() == 0


def test_upload_still_requires_the_csrf_token(county):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(county.liaison_scj)
    r = client.post(reverse("files:upload"), {"file": SimpleUploadedFile("a.pdf", PDF), "organization": str(county.scj.code)})
    assert r.status_code == 403
    assert Attachment.objects.count() == 0
