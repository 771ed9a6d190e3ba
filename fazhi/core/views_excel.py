"""Excel pages: the list of ledgers, template download, export, and import (upload → dry run → commit).

The uploaded file is stored once under ``MEDIA_ROOT/imports/<sha256>.xlsx`` (never in the session:
the session only remembers which hashes this user uploaded for which ledger) and read again, streaming,
on commit. Files are removed after commit or failure and swept after a day.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fazhi.core.forms_excel import ImportCommitForm, ImportUploadForm
from fazhi.core.ledgers import Ledger, LedgerNotFound, all_ledgers, get_ledger, run_export, run_import, write_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "excel_uploads"
KEEP_SECONDS = 24 * 3600


def _rid(request) -> str:
    return getattr(request, "request_id", "")


def _ledger(name: str) -> Ledger:
    try:
        return get_ledger(name)
    except LedgerNotFound:
        raise Http404("未找到该台账。") from None


def _require_import(request, ledger: Ledger) -> None:
    if not ledger.can_import(request.user):
        raise PermissionDenied("您没有导入数据的权限（只读角色不能导入）。")


@login_required
@require_GET
def index(request):
    rows = [{"ledger": led, "can_import": led.can_import(request.user),
             "headers": [(c.header, c.required) for c in led.columns]} for led in all_ledgers()]
    return render(request, "core/excel/index.html", {"rows": rows})


@login_required
@require_GET
def template(request, ledger: str):
    led = _ledger(ledger)
    buf = tempfile.SpooledTemporaryFile(max_size=2 * 1024 * 1024)
    write_template(led, buf)
    buf.seek(0)
    return FileResponse(buf, as_attachment=True, filename=f"{led.title}导入模板.xlsx", content_type=XLSX)


@login_required
@require_GET
def export(request, ledger: str):
    led = _ledger(ledger)
    out = tempfile.TemporaryFile()  # on disk: an export of 100,000 rows is not held in memory
    run_export(led, out, actor=request.user, request_id=_rid(request))
    out.seek(0)
    stamp = timezone.localdate().strftime("%Y%m%d")
    return FileResponse(out, as_attachment=True, filename=f"{led.title}-{stamp}.xlsx", content_type=XLSX)


# ----------------------------------------------------------------------------- import


def _imports_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _sweep(directory: Path) -> None:
    cutoff = time.time() - KEEP_SECONDS
    for p in directory.glob("*"):
        try:
            if p.stat().st_mtime < cutoff:
                p.unlink()
        except OSError:
            pass


def _store_upload(upload) -> tuple[str, Path]:
    """Write the upload to MEDIA_ROOT/imports/<sha256>.xlsx (hashing while copying)."""
    directory = _imports_dir()
    _sweep(directory)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=directory, suffix=".part")
    with os.fdopen(fd, "wb") as fh:
        for chunk in upload.chunks():
            digest.update(chunk)
            fh.write(chunk)
    sha = digest.hexdigest()
    final = directory / f"{sha}.xlsx"
    os.replace(tmp, final)
    os.chmod(final, 0o600)
    return sha, final


def _remember(request, sha: str, ledger: Ledger, filename: str) -> None:
    uploads = dict(request.session.get(SESSION_KEY, {}))
    uploads[sha] = {"ledger": ledger.name, "filename": filename[:255]}
    request.session[SESSION_KEY] = dict(list(uploads.items())[-10:])


def _forget(request, sha: str) -> None:
    uploads = dict(request.session.get(SESSION_KEY, {}))
    uploads.pop(sha, None)
    request.session[SESSION_KEY] = uploads
    try:
        (_imports_dir() / f"{sha}.xlsx").unlink()
    except OSError:
        pass


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request, ledger: str):
    led = _ledger(ledger)
    _require_import(request, led)
    ctx = {"ledger": led, "form": ImportUploadForm()}
    if request.method == "GET":
        return render(request, "core/excel/import.html", ctx)
    form = ImportUploadForm(request.POST, request.FILES)
    ctx["form"] = form
    if not form.is_valid():
        return render(request, "core/excel/import.html", ctx, status=400)
    upload = form.cleaned_data["file"]
    filename = os.path.basename(upload.name or "upload.xlsx")
    sha, path = _store_upload(upload)
    result = run_import(led, path, actor=request.user, dry_run=True, filename=filename, request_id=_rid(request))
    ctx["result"] = result
    if not result.ok:
        _forget(request, sha)
        return render(request, "core/excel/import.html", ctx, status=400)
    _remember(request, sha, led, filename)
    ctx["commit_form"] = ImportCommitForm(initial={"sha256": sha})
    return render(request, "core/excel/import.html", ctx)


@login_required
@require_POST
def import_commit(request, ledger: str):
    led = _ledger(ledger)
    _require_import(request, led)
    form = ImportCommitForm(request.POST)
    upload = None
    if form.is_valid():
        sha = form.cleaned_data["sha256"]
        upload = request.session.get(SESSION_KEY, {}).get(sha)
        path = _imports_dir() / f"{sha}.xlsx"
        if upload is not None and (upload.get("ledger") != led.name or not path.is_file()):
            upload = None
    if upload is None:
        messages.error(request, "上传的文件已失效或不属于您，请重新上传。")
        return redirect("excel:import", ledger=led.name)
    result = run_import(led, path, actor=request.user, dry_run=False, filename=upload["filename"], request_id=_rid(request))
    _forget(request, sha)
    if not result.committed:
        return render(request, "core/excel/import.html", {"ledger": led, "form": ImportUploadForm(), "result": result},
                      status=400)
    messages.success(request, f"导入成功：“{led.title}”新增{result.created}条记录（审计事件 #{result.audit_event_id}）。")
    return redirect("excel:index")
