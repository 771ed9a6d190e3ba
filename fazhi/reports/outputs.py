"""The report's other outputs: PDF through LibreOffice headless (where installed) and HTML."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.template.loader import render_to_string

from fazhi.reports.docx import render_annual_report
from fazhi.reports.render import Rendered, render_report, signed_text


class PdfUnavailable(Exception):
    """LibreOffice is not installed or the conversion failed (the message is Chinese, for the user)."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, timeout: int = 120) -> bytes:
    exe = soffice()
    if not exe:
        raise PdfUnavailable("本机未安装 LibreOffice，无法生成 PDF；请下载 Word（DOCX）版本，或由管理员安装 LibreOffice 后再试。")
    with tempfile.TemporaryDirectory(prefix="fazhi-report-") as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(data)
        try:
            subprocess.run([exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "pdf", "--outdir", tmp, str(src)],
                           check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise PdfUnavailable("LibreOffice 转换 PDF 失败，请下载 Word（DOCX）版本。") from exc
        out = Path(tmp) / "report.pdf"
        if not out.exists():
            raise PdfUnavailable("LibreOffice 未生成 PDF，请下载 Word（DOCX）版本。")
        return out.read_bytes()


def render_pdf(report, rendered: Rendered | None = None) -> bytes:
    return docx_to_pdf(render_annual_report(report, rendered))


def render_html(report, rendered: Rendered | None = None, *, standalone: bool = True) -> str:
    """The report as HTML (the portal's page body, or a standalone file for the CLI)."""
    rendered = rendered or render_report(report)
    return render_to_string("reports/_report_html.html" if not standalone else "reports/report_standalone.html",
                            {"r": rendered, "report": report, "signed": signed_text(rendered.signed_on),
                             "links": False})
