"""Attachments: evidence files stored content-addressed (SHA-256), type-checked by content.

Storage: ``settings.MEDIA_ROOT/blobs/ab/cd/<sha256>``. An upload is streamed chunk by chunk into a
temporary file in ``blobs/tmp/`` while it is hashed and measured (never read whole into memory),
its type is sniffed from the bytes (never from the filename or the browser's Content-Type), and it
is then hard-linked into place — an existing blob is never overwritten, and nothing in the
application ever deletes a blob file. One ``Blob`` row per content, one ``Attachment`` row per
(record, file). A withdrawn attachment (撤回) is only flagged; its blob stays.

Type check: ``filetype`` (pure Python magic-number matcher, no libmagic needed on the server)
for PDF, images, audio and video; our own checks for the container formats it cannot judge:
- ZIP: accepted only as an Office Open XML document (``[Content_Types].xml`` plus ``word/``,
  ``xl/`` or ``ppt/``) or an OFD document (GB/T 33190, ``OFD.xml`` at the root); any other ZIP
  (and JAR/APK/XPI…) is refused;
- OLE compound files: the directory is read (a small CFB parser below) and accepted only with a
  ``WordDocument`` (Word, WPS 文字), ``Workbook``/``Book`` (Excel, WPS 表格) or ``PowerPoint Document``
  stream — MSI installers, which are OLE files too, are refused.
Executables (PE ``MZ``, ELF, Mach-O, scripts with ``#!``), HTML/SVG/XML and anything unrecognized
are refused with a Chinese message.

A transaction that rolls back after the blob file was written leaves an unreferenced blob behind:
harmless (the next upload of the same content reuses it) and never served, since downloads go
through an ``Attachment`` row.
"""
from __future__ import annotations

import hashlib
import os
import struct
import tempfile
import unicodedata
import uuid
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404

from fazhi.core.audit import audit_log
from fazhi.core.models import Attachment, Blob
from fazhi.core.scoping import access, can_write, scope

# Content types accepted, with the label shown to users.
ALLOWED: dict[str, str] = {
    "application/pdf": "PDF",
    "application/ofd": "OFD",
    "image/png": "PNG 图片",
    "image/jpeg": "JPEG 图片",
    "image/gif": "GIF 图片",
    "image/webp": "WebP 图片",
    "image/tiff": "TIFF 图片",
    "image/heic": "HEIC 图片",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word 文档",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel 表格",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint 演示文稿",
    "application/msword": "Word 文档（97-2003/WPS）",
    "application/vnd.ms-excel": "Excel 表格（97-2003/WPS）",
    "application/vnd.ms-powerpoint": "PowerPoint 演示文稿（97-2003）",
    "audio/mpeg": "MP3 音频",
    "audio/mp4": "M4A 音频",
    "audio/x-wav": "WAV 音频",
    "audio/amr": "AMR 音频",
    "video/mp4": "MP4 视频",
    "video/quicktime": "MOV 视频",
    "video/x-msvideo": "AVI 视频",
    "video/webm": "WebM 视频",
    "video/3gpp": "3GP 视频",
}
# Formats ``filetype`` recognizes reliably by their magic numbers.
_SIMPLE = {m for m in ALLOWED if not m.startswith("application/vnd") and m not in ("application/msword", "application/ofd")}

ALLOWED_SUMMARY = "PDF、OFD、图片（PNG/JPEG/GIF/WebP/TIFF/HEIC）、Word/Excel/PowerPoint/WPS 文档、音频（MP3/M4A/WAV/AMR）、视频（MP4/MOV/AVI/WebM/3GP）"

OLE_MAGIC = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
_HEAD = 8192
_CHUNK = 1024 * 1024


def _reject(reason: str) -> ValidationError:
    return ValidationError({"file": f"文件类型不允许：{reason}。允许的类型：{ALLOWED_SUMMARY}。"}, code="file_type")


# ---------------------------------------------------------------- sniffing

def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        raise _reject("检测到损坏的压缩文件") from None
    name_set = set(names)
    if "[Content_Types].xml" in name_set:
        if any(n.startswith("word/") for n in names):
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if any(n.startswith("xl/") for n in names):
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if any(n.startswith("ppt/") for n in names):
            return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    if "OFD.xml" in name_set:
        return "application/ofd"
    raise _reject("检测到压缩包（仅允许 Office 文档与 OFD 文档）")


def cfb_stream_names(fh: BinaryIO, max_sectors: int = 4096) -> set[str]:
    """Names of the entries in an OLE compound file's directory (MS-CFB), or an empty set."""
    fh.seek(0)
    header = fh.read(512)
    if len(header) < 512 or header[:8] != OLE_MAGIC:
        return set()
    sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
    if sector_shift not in (9, 12):
        return set()
    size = 1 << sector_shift
    num_fat, first_dir = struct.unpack_from("<II", header, 0x2C)
    first_difat, num_difat = struct.unpack_from("<II", header, 0x44)
    difat = list(struct.unpack_from("<109I", header, 0x4C))
    per_sector = size // 4

    def read_sector(n: int) -> bytes:
        fh.seek((n + 1) * size)
        data = fh.read(size)
        return data + b"\0" * (size - len(data))

    sec, hops = first_difat, 0
    while sec < 0xFFFFFFFA and hops < min(num_difat, max_sectors):
        values = struct.unpack(f"<{per_sector}I", read_sector(sec))
        difat.extend(values[:-1])
        sec, hops = values[-1], hops + 1
    fat_sectors = [s for s in difat if s < 0xFFFFFFFA][: min(num_fat, max_sectors)]
    fat: list[int] = []
    for s in fat_sectors:
        fat.extend(struct.unpack(f"<{per_sector}I", read_sector(s)))

    names: set[str] = set()
    sec, seen = first_dir, set()
    while sec < 0xFFFFFFFA and sec not in seen and len(seen) < max_sectors:
        seen.add(sec)
        data = read_sector(sec)
        for off in range(0, size, 128):
            entry = data[off:off + 128]
            name_len = struct.unpack_from("<H", entry, 64)[0]
            if entry[66] in (1, 2, 5) and 2 <= name_len <= 64:
                names.add(entry[: name_len - 2].decode("utf-16-le", "replace"))
        sec = fat[sec] if sec < len(fat) else 0xFFFFFFFE
    return names


def _ole_kind(path: Path) -> str:
    with open(path, "rb") as fh:
        try:
            names = cfb_stream_names(fh)
        except (struct.error, OSError, IndexError):
            names = set()
    if "WordDocument" in names:
        return "application/msword"
    if "Workbook" in names or "Book" in names:
        return "application/vnd.ms-excel"
    if "PowerPoint Document" in names:
        return "application/vnd.ms-powerpoint"
    raise _reject("检测到非 Office 文档的 OLE 复合文件（如安装程序）")


def _is_executable(head: bytes) -> bool:
    return (head[:2] == b"MZ" or head[:4] == b"\x7fELF" or head[:2] == b"#!"
            or head[:4] in (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
            or head[:4] == b"\0asm")


def sniff(path: Path) -> str:
    """The content type of a stored file, judged by its bytes; ValidationError if not allowed."""
    with open(path, "rb") as fh:
        head = fh.read(_HEAD)
    if not head:
        raise ValidationError({"file": "文件为空。"}, code="empty")
    if _is_executable(head):
        raise _reject("检测到可执行文件")
    if head[:4] == b"PK\x03\x04":
        return _zip_kind(path)
    if head[:8] == OLE_MAGIC:
        return _ole_kind(path)
    kind = filetype.guess(head)
    if kind is not None and kind.mime in _SIMPLE:
        return kind.mime
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n\x00").lower()
    if text.startswith(b"<") or b"<script" in text or b"<html" in text or b"<svg" in text:
        raise _reject("检测到网页、SVG 或 XML 文件")
    if kind is not None:
        raise _reject(f"检测到 {kind.extension.upper()} 文件")
    raise _reject("无法识别的文件类型")


# ---------------------------------------------------------------- storage

def blob_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "blobs"


def blob_path(sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return blob_root() / sha256[:2] / sha256[2:4] / sha256


def _human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f}{unit}" if unit == "B" else f"{n:.1f}{unit}".replace(".0", "")
        n /= 1024  # type: ignore[assignment]
    return str(n)


def _too_big(limit: int) -> ValidationError:
    return ValidationError({"file": f"文件超过{_human_size(limit)}上限。"}, code="too_big")


def _spool(file) -> tuple[Path, str, int]:
    """Stream an upload into a temporary file beside the blobs, hashing and measuring it."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if getattr(file, "size", None) is not None and file.size > limit:
        raise _too_big(limit)
    tmp_dir = blob_root() / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
    tmp = Path(tmp_name)
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "wb") as out:
            chunks = file.chunks(_CHUNK) if hasattr(file, "chunks") else iter(lambda: file.read(_CHUNK), b"")
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise _too_big(limit)
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp, digest.hexdigest(), size


def _place(tmp: Path, sha256: str) -> Path:
    """Move a spooled file to its content address, never replacing an existing blob."""
    dest = blob_path(sha256)
    try:
        if dest.exists():
            return dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp, 0o444)
        try:
            os.link(tmp, dest)  # atomic, and fails rather than overwrite
        except FileExistsError:
            pass  # the same content arrived concurrently
        except OSError:
            if not dest.exists():
                os.replace(tmp, dest)
        return dest
    finally:
        tmp.unlink(missing_ok=True)


def store_file(file) -> Blob:
    """Store content (stream → hash → sniff → place) and return its ``Blob`` row."""
    tmp, sha256, size = _spool(file)
    try:
        mime = sniff(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _place(tmp, sha256)
    blob, _ = Blob.objects.get_or_create(sha256=sha256, defaults={"size": size, "mime": mime})
    return blob


def clean_filename(name: str | None) -> str:
    """A display filename: last path component only, no control/format characters, ≤255 chars."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = name.strip().strip(".").strip()
    if not name:
        name = "附件"
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 255 - len(ext) - 1] + "." + ext) if dot and len(ext) <= 16 else name[:255]
    return name


# ---------------------------------------------------------------- targets

def target_ref(target: models.Model) -> tuple[str, str]:
    """(target_type, target_id) for a record, spelled as the audit trail spells them."""
    return target._meta.label_lower, str(getattr(target, "code", None) or target.pk)


def _org_of(target: models.Model):
    from fazhi.core.models import Organization

    if isinstance(target, Organization):
        return target
    return getattr(target, "organization", None)


# ---------------------------------------------------------------- services

@transaction.atomic
def attachment_upload(*, actor, organization, file, target: models.Model | None = None, description: str = "",
                      request_id: str = "") -> Attachment:
    """Attach a file to a record (or to an organization only). Needs write access to the organization."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("上传附件需要登录用户。")
    if target is not None:
        target_org = _org_of(target)
        if organization is None:
            organization = target_org
        elif target_org is not None and target_org.pk != organization.pk:
            raise ValidationError({"organization": "附件所属单位必须与记录所属单位一致。"})
    if organization is None:
        raise ValidationError({"organization": "请选择附件所属单位。"})
    if not can_write(actor, organization):
        raise PermissionDenied("您没有为该单位上传附件的权限。")
    description = (description or "").strip()
    if len(description) > 255:
        raise ValidationError({"description": "说明不能超过255个字。"})
    if file is None:
        raise ValidationError({"file": "请选择要上传的文件。"})
    target_type, target_id = target_ref(target) if target is not None else ("", "")
    blob = store_file(file)
    attachment = Attachment(
        organization=organization, blob=blob, filename=clean_filename(getattr(file, "name", "")),
        uploaded_by=actor, target_type=target_type, target_id=target_id, description=description,
    )
    attachment.full_clean()
    attachment.save()
    audit_log(actor=actor, action="core.attachment.upload", target=attachment, request_id=request_id, data={
        "filename": attachment.filename, "sha256": blob.sha256, "size": blob.size, "mime": blob.mime,
        "record_type": target_type, "record_id": target_id, "description": description,
    })
    return attachment


def attachment_qs():
    return Attachment.objects.select_related("blob", "organization", "uploaded_by")


def attachment_list(*, actor, target: models.Model | None = None, target_type: str = "", target_id: str = ""):
    """The attachments ``actor`` may see, optionally those of one record (newest first)."""
    if target is not None:
        target_type, target_id = target_ref(target)
    qs = scope(attachment_qs(), actor)
    if target_type:
        qs = qs.filter(target_type=target_type, target_id=target_id)
    return qs.order_by("-created_at", "-id")


def attachment_get(*, actor, code, write: bool = False) -> Attachment:
    """One attachment through the scope: 404 if missing or not visible, 403 on write without right."""
    try:
        code = uuid.UUID(str(code))
    except ValueError:
        raise Http404("未找到该附件。") from None
    return access(attachment_qs(), actor, write=write, code=code)


@transaction.atomic
def attachment_download(*, actor, code, request_id: str = "") -> tuple[Attachment, BinaryIO]:
    """Open an attachment's content for ``actor`` and log the download. The caller closes the file."""
    attachment = attachment_get(actor=actor, code=code)
    try:
        fh = open(blob_path(attachment.blob.sha256), "rb")
    except (FileNotFoundError, ValueError):
        raise Http404("文件内容缺失，请联系管理员。") from None
    try:
        audit_log(actor=actor, action="core.attachment.download", target=attachment, request_id=request_id,
                  data={"filename": attachment.filename, "sha256": attachment.blob.sha256})
    except BaseException:
        fh.close()
        raise
    return attachment, fh


@transaction.atomic
def attachment_withdraw(*, actor, attachment: Attachment, reason: str, request_id: str = "") -> Attachment:
    """Withdraw (撤回) an attachment: flagged, still kept, its blob untouched."""
    if actor is None or not can_write(actor, attachment.organization):
        raise PermissionDenied("您没有撤回该附件的权限。")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写撤回原因。"})
    if len(reason) > 500:
        raise ValidationError({"reason": "撤回原因不能超过500个字。"})
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if attachment.withdrawn:
        raise ValidationError({"reason": "该附件已撤回。"})
    attachment.withdrawn = True
    attachment.save(update_fields=["withdrawn", "updated_at"])
    audit_log(actor=actor, action="core.attachment.withdraw", target=attachment, request_id=request_id,
              data={"filename": attachment.filename, "sha256": attachment.blob_id, "reason": reason})
    return attachment


def attachment_summary(attachment: Attachment) -> dict[str, Any]:
    return {"label": ALLOWED.get(attachment.blob.mime, attachment.blob.mime), "size": _human_size(attachment.blob.size)}
