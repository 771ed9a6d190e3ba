"""Excel (.xlsx) helpers shared by every ledger: cell normalization, a streaming reader, writers.

Pure: no Django models, no database. Library: openpyxl (the only maintained pure-Python library
that both reads and writes .xlsx, with a streaming read-only mode, a write-only mode and data
validation). The reader is built on openpyxl's read-only worksheet parser so that a 100,000-row
file is parsed row by row and never held in memory as a workbook.

What real county files hold, and what is done about it:
- full-width digits, letters and spaces (``１２３``, ``　``) → ASCII in code-like cells;
- dates typed as ``2021/3/5``, ``2021-03-05``, ``2021年3月5日``, ``2021.3.5``, ``20210305``,
  Excel serial numbers (``44260``) or real date/datetime cells → ``datetime.date``;
- numbers stored as numbers (``13800000000.0`` for a phone) → text without ``.0``;
- blank rows (anywhere, usually trailing), a title row above the header, extra whitespace and
  a ``*`` required marker in headers.

What is refused, with a Chinese message (``XlsxFileError``): not a zip/xlsx file, a file larger than
the byte limit, an archive that unpacks to far more than its size (zip bomb), XML parts with a
DTD (``<!DOCTYPE``/``<!ENTITY``: billion-laughs XML bombs; no real .xlsx has one — checked here
whether or not ``defusedxml`` is installed), more data rows than the row limit, no sheet with the
required headers. Per cell (``CellError``): a formula without a cached value, Excel error values
(``#REF!``), unparsable dates and numbers.
"""
from __future__ import annotations

import datetime
import hashlib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.worksheet.datavalidation import DataValidation

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 20
# An .xlsx is XML compressed ~5-20x; a part that unpacks to more than this ratio is refused.
MAX_COMPRESSION_RATIO = 200
MAX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024

OPTIONS_SHEET = "选项"
NOTES_SHEET = "填写说明"


class XlsxFileError(Exception):
    """The file as a whole cannot be read (Chinese message for the user)."""


class CellError(ValueError):
    """A cell cannot be parsed (Chinese message without the row/column, which the caller adds)."""


class _FormulaWithoutValue:
    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "<formula without cached value>"


FORMULA_WITHOUT_VALUE = _FormulaWithoutValue()


@dataclass(frozen=True)
class ExcelError:
    """An Excel error value (#REF!, #DIV/0! …) read from a cell."""

    code: str


# ---------------------------------------------------------------------------------------------
# Cell normalization
# ---------------------------------------------------------------------------------------------

# Full-width ASCII block (！ to ～) → ASCII, ideographic space → space.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_SPACES_RE = re.compile(r"[\s\u3000\u00a0\u2002-\u200b\ufeff]+")


def _check_cell(value: Any) -> Any:
    if value is FORMULA_WITHOUT_VALUE:
        raise CellError("单元格含有公式但没有计算结果，请在Excel中重新计算并保存后再导入（或将公式转为数值）。")
    if isinstance(value, ExcelError):
        raise CellError(f"单元格为错误值 {value.code}。")
    return value


def _number_text(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def clean_text(value: Any) -> str:
    """Text as typed: runs of whitespace (incl. full-width and non-breaking) → one space, stripped.

    Chinese punctuation in names is kept as typed; numbers stored as numbers lose a trailing ``.0``.
    """
    value = _check_cell(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return _number_text(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return _SPACES_RE.sub(" ", str(value)).strip()


def clean_code(value: Any) -> str:
    """Code-like text (信用代码, 电话, 区划代码, 用户名): full-width → ASCII, all whitespace removed."""
    text = clean_text(value).translate(_FULLWIDTH)
    return _SPACES_RE.sub("", text)


def clean_header(value: Any) -> str:
    """A header as compared with the ledger's: no whitespace at all, no required marker ``*``."""
    try:
        text = clean_text(value)
    except CellError:
        return ""
    text = _SPACES_RE.sub("", text.translate(_FULLWIDTH))
    text = re.sub(r"[（(]必填[）)]$", "", text)
    return text.strip("*")


_INT_RE = re.compile(r"^[+-]?\d+$")


def parse_int(value: Any, *, min_value: int | None = None, max_value: int | None = None) -> int | None:
    """An integer, or None for a blank cell. Accepts ``１２``, ``1,234``, ``12.0`` (not ``12.5``)."""
    value = _check_cell(value)
    if value is None or (isinstance(value, str) and not clean_code(value)):
        return None
    if isinstance(value, bool):
        raise CellError("应为整数。")
    if isinstance(value, int):
        result = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise CellError("应为整数，不能有小数。")
        result = int(value)
    else:
        text = clean_code(value).replace(",", "")
        if re.fullmatch(r"[+-]?\d+\.0*", text):
            text = text.split(".")[0]
        if not _INT_RE.match(text):
            raise CellError("应为整数。")
        result = int(text)
    if min_value is not None and result < min_value:
        raise CellError(f"不能小于{min_value}。")
    if max_value is not None and result > max_value:
        raise CellError(f"不能大于{max_value}。")
    return result


def parse_decimal(value: Any, *, places: int | None = None) -> Decimal | None:
    """A decimal number, or None for a blank cell. Accepts full-width digits and thousands commas."""
    value = _check_cell(value)
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError("应为数字。")
    if isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    else:
        text = clean_code(value).replace(",", "")
        if not text:
            return None
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise CellError("应为数字。") from None
        if not result.is_finite():
            raise CellError("应为数字。")
    if places is not None:
        quantum = Decimal(1).scaleb(-places)
        if result != result.quantize(quantum):
            raise CellError(f"最多保留{places}位小数。")
        result = result.quantize(quantum)
    return result


_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),   # 2021-03-05, 2021/3/5, 2021.3.5
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),              # 2021年3月5日
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),                             # 20210305
]
MIN_DATE = datetime.date(1900, 1, 1)
MAX_DATE = datetime.date(2100, 12, 31)


def parse_date(value: Any) -> datetime.date | None:
    """A date, or None for a blank cell.

    Accepts date/datetime cells, Excel serial numbers (1900 date system, as number or text) and text
    written 2021/3/5, 2021-03-05, 2021年3月5日, 2021.3.5 or 20210305 (full-width digits too).
    """
    value = _check_cell(value)
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        result = value.date()
    elif isinstance(value, datetime.date):
        result = value
    elif isinstance(value, bool):
        raise CellError("日期格式不正确。")
    elif isinstance(value, int | float):
        result = _from_serial(value)
    else:
        text = clean_code(value)
        if not text:
            return None
        result = None
        for pattern in _DATE_PATTERNS:
            m = pattern.match(text)
            if m:
                try:
                    result = datetime.date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    raise CellError(f"日期“{text}”不存在。") from None
                break
        if result is None:
            if re.fullmatch(r"\d{4,5}(\.\d+)?", text):
                result = _from_serial(float(text))
            else:
                raise CellError(f"日期“{text}”格式不正确，应写作 2021-03-05、2021/3/5 或 2021年3月5日。")
    if not MIN_DATE <= result <= MAX_DATE:
        raise CellError("日期超出合理范围（1900年至2100年）。")
    return result


def _from_serial(number: float) -> datetime.date:
    if not 1 <= number < 2958466:
        raise CellError("日期格式不正确。")
    try:
        return from_excel(number).date()
    except (OverflowError, ValueError):
        raise CellError("日期格式不正确。") from None


def split_multi(value: Any) -> list[str]:
    """Several values in one cell separated by 、 , ， ; ； or a line break → a list without blanks."""
    value = _check_cell(value)
    text = "" if value is None else str(value)
    parts = re.split(r"[、,，;；\r\n]+", text)
    return [clean_text(p) for p in parts if clean_text(p)]


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


@dataclass
class SheetRow:
    """One data row: its 1-based row number in the sheet and its values keyed by header."""

    number: int
    values: dict[str, Any]


def sha256_of(source: str | Path | IO[bytes]) -> str:
    h = hashlib.sha256()
    if isinstance(source, str | Path):
        with open(source, "rb") as fh:
            for chunk in iter(lambda: fh.read(1024 * 1024), b""):
                h.update(chunk)
    else:
        pos = source.tell()
        source.seek(0)
        for chunk in iter(lambda: source.read(1024 * 1024), b""):
            h.update(chunk)
        source.seek(pos)
    return h.hexdigest()


def _size_of(source: str | Path | IO[bytes]) -> int:
    if isinstance(source, str | Path):
        return Path(source).stat().st_size
    pos = source.tell()
    source.seek(0, io.SEEK_END)
    size = source.tell()
    source.seek(pos)
    return size


def check_archive(source: str | Path | IO[bytes], *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse what is not a plain .xlsx before openpyxl parses anything (size, zip, bombs, DTDs)."""
    size = _size_of(source)
    if size > max_bytes:
        raise XlsxFileError(f"文件过大（{size / 1048576:.1f} MB），上限为 {max_bytes / 1048576:.0f} MB。")
    if size == 0:
        raise XlsxFileError("文件为空。")
    if not isinstance(source, str | Path):
        source.seek(0)
    if not zipfile.is_zipfile(source):
        raise XlsxFileError("该文件不是Excel工作簿（.xlsx）。请在Excel中“另存为”Excel工作簿（*.xlsx）格式后再上传；不支持旧版 .xls、CSV 或 WPS 格式。")
    if not isinstance(source, str | Path):
        source.seek(0)
    try:
        with zipfile.ZipFile(source) as zf:
            names = set(zf.namelist())
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/worksheets/") for n in names):
                raise XlsxFileError("该文件不是Excel工作簿（.xlsx）：压缩包中没有工作表。")
            total = 0
            for info in zf.infolist():
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if total > MAX_UNCOMPRESSED_BYTES or (info.file_size > 10 * 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO):
                    raise XlsxFileError("文件解压后体积异常（疑似压缩炸弹），已拒绝。")
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    with zf.open(info) as part:
                        if _prolog_has_dtd(part):
                            raise XlsxFileError("文件包含不安全的XML声明（DOCTYPE/ENTITY），已拒绝。")
    except zipfile.BadZipFile:
        raise XlsxFileError("该文件已损坏，无法作为Excel工作簿打开。") from None
    finally:
        if not isinstance(source, str | Path):
            source.seek(0)


_ROOT_START = re.compile(rb"<[A-Za-z_]")


def _prolog_has_dtd(part: IO[bytes], limit: int = 1024 * 1024) -> bool:
    """Does the XML part declare a DTD before its root element? (XML bombs need one.)"""
    head = b""
    while len(head) < limit:
        chunk = part.read(16384)
        if not chunk:
            break
        head += chunk
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            head = head.decode("utf-16", errors="ignore").encode()
        m = _ROOT_START.search(head)
        if m:
            head = head[: m.start()]
            break
    else:
        return True  # no root element within the limit: not an xlsx part we accept
    return b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper()


_T_TAG = f"{{{SHEET_MAIN_NS}}}t"


class _Parser(WorkSheetParser):
    """openpyxl's streaming sheet parser, telling a formula without cached value from a blank cell.

    Plain inline strings (what write-only workbooks hold) take a fast path that skips openpyxl's
    generic rich-text object mapping (about a third of the parse time otherwise).
    """

    def parse_cell(self, element):
        if element.get("t") == "inlineStr" and element.find(FORMULA_TAG) is None:
            child = element.find(INLINE_STRING)
            if child is not None and len(child) == 1 and child[0].tag == _T_TAG:
                coordinate = element.get("r")
                if coordinate:
                    row, column = openpyxl.utils.cell.coordinate_to_tuple(coordinate)
                    self.col_counter = column
                else:
                    self.col_counter += 1
                    row, column = self.row_counter, self.col_counter
                return {"row": row, "column": column, "value": child[0].text or "", "data_type": "s",
                        "style_id": int(element.get("s", 0) or 0)}
        cell = super().parse_cell(element)
        if cell["value"] is None and self.data_only and element.find(FORMULA_TAG) is not None:
            cell["value"] = FORMULA_WITHOUT_VALUE
        elif cell["data_type"] == "e":
            cell["value"] = ExcelError(str(cell["value"]))
        return cell


@dataclass
class _Sheet:
    title: str
    path: str
    state: str


class _Book:
    """The parts of a workbook the reader needs, loaded without openpyxl's ReadOnlyWorksheet (whose
    constructor parses a whole sheet just to find its size when the file has no <dimension>)."""

    def __init__(self, source: str | Path | IO[bytes]):
        self._fh = open(source, "rb") if isinstance(source, str | Path) else None  # noqa: SIM115
        try:
            reader = ExcelReader(self._fh or source, read_only=True, data_only=True, keep_links=False)
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
        except BaseException:
            if self._fh is not None:
                self._fh.close()
            raise
        self.archive = reader.archive
        self.shared_strings = reader.shared_strings
        self.epoch = reader.wb.epoch
        self.date_formats = reader.wb._date_formats
        self.timedelta_formats = reader.wb._timedelta_formats
        self.sheets = [_Sheet(sheet.name, rel.target, sheet.state or "visible")
                       for sheet, rel in reader.parser.find_sheets()
                       if rel.target in reader.valid_files and "chartsheet" not in rel.Type]

    def close(self) -> None:
        self.archive.close()
        if self._fh is not None:
            self._fh.close()

    def rows(self, sheet: _Sheet) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values) of a sheet, streaming."""
        with self.archive.open(sheet.path) as src:
            parser = _Parser(src, self.shared_strings, data_only=True, epoch=self.epoch,
                             date_formats=self.date_formats, timedelta_formats=self.timedelta_formats)
            for number, cells in parser.parse():
                if not cells:
                    continue
                width = max(c["column"] for c in cells)
                values: list[Any] = [None] * width
                for c in cells:
                    values[c["column"] - 1] = c["value"]
                yield number, values


def _is_blank(values: Iterable[Any]) -> bool:
    for v in values:
        if v is None:
            continue
        if isinstance(v, str) and not _SPACES_RE.sub("", v):
            continue
        return False
    return True


@dataclass
class XlsxReader:
    """Stream the data rows of the first sheet whose header row holds the required headers.

    ``headers`` are the ledger's headers (in order); ``required`` those that must be present.
    Use as a context manager or call ``close()``; ``rows()`` may be iterated once per reader.
    """

    source: str | Path | IO[bytes]
    headers: Sequence[str]
    required: Sequence[str] = ()
    max_rows: int = DEFAULT_MAX_ROWS
    max_bytes: int = DEFAULT_MAX_BYTES
    skip_rows: Callable[[dict[str, Any]], bool] | None = None
    sheet_title: str = field(init=False, default="")
    header_row: int = field(init=False, default=0)
    columns: dict[int, str] = field(init=False, default_factory=dict)
    ignored_headers: list[str] = field(init=False, default_factory=list)
    skipped: list[int] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        check_archive(self.source, max_bytes=self.max_bytes)
        try:
            self._book = _Book(self.source)
        except XlsxFileError:
            raise
        except Exception as exc:  # openpyxl raises many kinds for malformed archives
            raise XlsxFileError(f"无法读取该Excel文件：文件格式不正确或已损坏（{type(exc).__name__}）。") from None
        try:
            self._locate_header()
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> XlsxReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        book = getattr(self, "_book", None)
        if book is not None:
            book.close()
            self._book = None

    def _locate_header(self) -> None:
        wanted = {clean_header(h): h for h in self.headers}
        required = [clean_header(h) for h in self.required]
        best: tuple[int, list[str], str] = (-1, list(self.required), "")
        for ws in self._book.sheets:
            if ws.state != "visible" or ws.title in (NOTES_SHEET, OPTIONS_SHEET):
                continue
            try:
                for number, values in self._book.rows(ws):
                    if number > HEADER_SEARCH_ROWS:
                        break
                    cells = [clean_header(v) for v in values]
                    present = [c for c in cells if c in wanted]
                    missing = [self.required[i] for i, r in enumerate(required) if r not in cells]
                    if not missing and present:
                        dupes = sorted({wanted[c] for c in present if present.count(c) > 1})
                        if dupes:
                            raise XlsxFileError(f"工作表“{ws.title}”第{number}行的表头重复：{'、'.join(dupes)}。")
                        self.sheet_title = ws.title
                        self.header_row = number
                        self.columns = {i: wanted[c] for i, c in enumerate(cells) if c in wanted}
                        self.ignored_headers = [clean_text(values[i]) for i, c in enumerate(cells)
                                                if c and c not in wanted]
                        self._ws = ws
                        return
                    if len(present) > best[0]:
                        best = (len(present), missing, ws.title)
            except XlsxFileError:
                raise
            except Exception as exc:
                raise XlsxFileError(f"无法读取工作表“{ws.title}”：文件格式不正确或已损坏（{type(exc).__name__}）。") from None
        if best[0] <= 0:
            raise XlsxFileError(
                f"未找到表头：前{HEADER_SEARCH_ROWS}行中没有包含“{'”“'.join(self.required or self.headers)}”等列名的行。"
                "请使用本台账的导入模板。"
            )
        raise XlsxFileError(f"工作表“{best[2]}”缺少必填列：{'、'.join(best[1])}。请使用本台账的导入模板。")

    def rows(self) -> Iterator[SheetRow]:
        """Non-blank data rows after the header row; raises XlsxFileError past ``max_rows``."""
        count = 0
        try:
            for number, values in self._book.rows(self._ws):
                if number <= self.header_row or _is_blank(values):
                    continue
                row = {header: (values[i] if i < len(values) else None) for i, header in self.columns.items()}
                if _is_blank(row.values()):
                    continue
                if self.skip_rows is not None and self.skip_rows(row):
                    self.skipped.append(number)
                    continue
                count += 1
                if count > self.max_rows:
                    raise XlsxFileError(f"数据行数超过上限（{self.max_rows}行），请分批导入。")
                yield SheetRow(number, row)
        except XlsxFileError:
            raise
        except Exception as exc:
            raise XlsxFileError(f"读取工作表“{self.sheet_title}”时出错：文件格式不正确或已损坏（{type(exc).__name__}）。") from None


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


@dataclass
class ColumnSpec:
    """What the writers need to know about a column."""

    header: str
    required: bool = False
    choices: Sequence[str] = ()      # labels offered in a drop-down list
    multiple: bool = False           # several choices in one cell (no strict drop-down then)
    help: str = ""
    example: Any = None
    width: int = 18
    number_format: str = ""          # e.g. "yyyy-mm-dd" for date columns


_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_REQUIRED_FILL = PatternFill("solid", fgColor="C00000")
_EXAMPLE_FONT = Font(italic=True, color="808080")


def _safe_value(value: Any) -> Any:
    """Values as written by us: text that looks like a formula stays text (no formula injection)."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def write_template(target: str | Path | IO[bytes], *, title: str, sheet_title: str, columns: Sequence[ColumnSpec],
                   notes: Sequence[str] = ()) -> None:
    """An import template: a title row, the header row, one example row, drop-down lists for choice
    columns, a ``填写说明`` sheet describing every column, a hidden ``选项`` sheet holding the lists."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet_title[:31]
    ncols = len(columns)
    ws.cell(row=1, column=1, value=f"{title}（表头为红色的列为必填；第3行为示例，导入时自动跳过，也可删除）")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    options = wb.create_sheet(OPTIONS_SHEET)
    options.sheet_state = "hidden"
    for idx, col in enumerate(columns, start=1):
        letter = get_column_letter(idx)
        head = ws.cell(row=2, column=idx, value=col.header)
        head.font = _HEADER_FONT
        head.fill = _REQUIRED_FILL if col.required else _HEADER_FILL
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ex = ws.cell(row=3, column=idx, value=_safe_value(col.example))
        if isinstance(col.example, str) and col.example.startswith("="):
            ex.data_type = "s"
        ex.font = _EXAMPLE_FONT
        if col.number_format:
            ex.number_format = col.number_format
        ws.column_dimensions[letter].width = col.width
        if col.choices:
            for r, label in enumerate(col.choices, start=1):
                options.cell(row=r, column=idx, value=str(label))
            ref = f"'{OPTIONS_SHEET}'!${letter}$1:${letter}${len(col.choices)}"
            dv = DataValidation(type="list", formula1=ref, allow_blank=not col.required,
                                showErrorMessage=not col.multiple, showInputMessage=True)
            dv.promptTitle = col.header[:32]
            dv.prompt = ("可多选，用顿号“、”分隔" if col.multiple else "请从下拉列表中选择")[:255]
            dv.errorTitle = "输入有误"
            dv.error = "请从下拉列表中选择。"
            ws.add_data_validation(dv)
            dv.add(f"{letter}3:{letter}1048576")
        elif col.number_format:
            for r in range(4, 1004):
                ws.cell(row=r, column=idx).number_format = col.number_format
    ws.freeze_panes = "A3"
    help_ws = wb.create_sheet(NOTES_SHEET, 1)
    help_ws.append(["列名", "是否必填", "填写说明", "可选值", "示例"])
    for cell in help_ws[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for col in columns:
        help_ws.append([col.header, "必填" if col.required else "选填", col.help,
                        "、".join(str(c) for c in col.choices), "" if col.example is None else str(col.example)])
    if notes:
        help_ws.append([])
        for note in notes:
            help_ws.append([note])
    for letter, width in zip("ABCDE", (18, 10, 60, 40, 24), strict=True):
        help_ws.column_dimensions[letter].width = width
    for row in help_ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(target)


def _print_setup(ws, *, ncols: int) -> None:
    """A ledger prints as a clerk expects: A4 landscape, all columns on one page width, the header
    row repeated on every page, page numbers in the footer."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.page_margins.left = ws.page_margins.right = 0.4


def write_rows(target: str | Path | IO[bytes], *, sheet_title: str, columns: Sequence[ColumnSpec],
               rows: Iterable[Sequence[Any]]) -> int:
    """Stream rows into a new workbook (openpyxl write-only mode): header in row 1, then data.

    Returns the number of data rows written. Text starting with ``=`` is written as text.
    """
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title[:31])
    for idx, col in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(idx)].width = col.width
    ws.freeze_panes = "A2"
    _print_setup(ws, ncols=len(columns))
    header = []
    for col in columns:
        cell = WriteOnlyCell(ws, value=col.header)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    formats = [col.number_format for col in columns]
    count = 0
    for values in rows:
        out = []
        for value, fmt in zip(values, formats, strict=False):
            value = _safe_value(value)
            if (isinstance(value, str) and value.startswith("=")) or fmt or isinstance(value, datetime.date):
                cell = WriteOnlyCell(ws, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"
                if fmt:
                    cell.number_format = fmt
                elif isinstance(value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)
        count += 1
    wb.save(target)
    return count


def normalize_nfkc(text: str) -> str:
    """NFKC normalization (full-width punctuation too) for comparisons, never for stored text."""
    return unicodedata.normalize("NFKC", text)
