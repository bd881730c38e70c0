"""Spreadsheet files → tables of cells: the investment matrix as people really keep it.

An ``.xlsx`` workbook (read with openpyxl: the sheet ``Rencana Investasi``, else the first, and
the optional ``Profil Kumuh``) or a ``.csv`` file (``;`` or ``,``, UTF-8 with or without BOM or
Windows' cp1252, CRLF). The header row is the first holding the anchor cell (``Kegiatan``,
``Kriteria``); title rows above it are skipped, and so are a second header row, a row of column
numbers, section headings, and total rows (``Jumlah``, ``Total``: kept apart, for the import to
check them). A merged cell counts in every cell it covers (for numbers only in its first cell).
Every problem names its cell; nothing is raised.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...i18n import translator
from ..rules import nearest
from .cells import is_empty, key
from .columns import (
    IGNORED,
    MAX_ROWS,
    PLAN_COLUMNS,
    PROFILE_COLUMNS,
    SHEET_HELP,
    SHEET_PLAN,
    SHEET_PROFILE,
    Column,
    SheetProblem,
    header_key,
    headers,
)

MAX_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 80
TOTAL = re.compile(r"^(?:sub)?(?:jumlah|total)(?:keseluruhan|seluruhnya|akhir|tahun\d{4}|\d{4}|[a-z]|[ivx]+)?:?$")
HEADING = re.compile(r"^(?:[A-Z]|[IVX]+|\d+)[.)]\s+\S")
NUMBER_ONLY = re.compile(r"^\(?(\d{1,3})\)?$")
NUMERIC_KINDS = frozenset({"money", "count", "decimal", "percent"})


@dataclass(frozen=True)
class Cell:
    """One cell: where it is (``B7``, or a CSV line), its value, and how the spreadsheet shows it."""

    where: str
    value: Any
    percent: bool = False  # formatted as a percentage: 0.57 shows as 57%
    merged: bool = False  # a copy of the first cell of a merged range


@dataclass(frozen=True)
class Row:
    where: str
    cells: dict[str, Cell]  # column key → cell, for the columns the table has


@dataclass
class Table:
    """The data rows of one sheet under their header, and its total rows apart."""

    file: Path
    sheet: str | None
    columns: dict[str, str]  # column key → its header as written
    anchor: str  # the cell of the anchor header (``Kegiatan``)
    letters: dict[str, str] = field(default_factory=dict)  # column key → its letter (a sheet; CSV: none)
    rows: list[Row] = field(default_factory=list)
    totals: list[tuple[int, Row]] = field(default_factory=list)  # each total row, after how many data rows

    def where(self, row: Row, key: str) -> str:
        """The cell of a column in a row, empty or not (a CSV: the row's line)."""
        return f"{self.letters[key]}{row.where}" if self.sheet is not None and key in self.letters else row.where


Grid = list[tuple[str, list[Cell]]]


@dataclass
class Reading:
    """What a file holds: the plan's table, the profile's (``None``: no such sheet), problems and warnings."""

    plan: Table | None = None
    profile: Table | None = None
    problems: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)


def read_matrix(path: Path, lang: str = "id") -> Reading:
    """The tables of an ``.xlsx`` or ``.csv`` investment matrix, with every problem found on the way."""
    _ = translator(lang).gettext
    found = Reading()

    def problem(sheet: str | None, where: str, column: str, message: str, suggestion: str | None = None) -> None:
        found.problems.append(SheetProblem(path, sheet, where, column, message, suggestion, lang))

    def warning(sheet: str | None, where: str, column: str, message: str) -> None:
        found.warnings.append(SheetProblem(path, sheet, where, column, message, None, lang))

    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        hint = _(" Save it from Excel as .xlsx, or as CSV.") if suffix in (".xls", ".ods") else ""
        problem(None, "", "", _("plpbk reads .xlsx and .csv files, not %(kind)s.") % {"kind": suffix or path.name} + hint)
        return found
    try:
        size = path.stat().st_size
    except OSError as exc:
        problem(None, "", "", _("Cannot read the file: %(error)s.") % {"error": exc.strerror or exc})
        return found
    if size > MAX_BYTES:
        problem(None, "", "", _("The file is larger than %(limit)s; an investment matrix is far smaller.") % {"limit": "20 MB"})
        return found
    if suffix == ".csv":
        grid = _csv_grid(path.read_bytes())
        found.plan = _table(grid, PLAN_COLUMNS, "title", path, None, problem, warning, lang)
        return found
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # a damaged or foreign file: openpyxl raises many kinds
        problem(None, "", "", _("Cannot read the file as an Excel workbook (.xlsx): %(error)s.") % {"error": exc})
        return found
    sheets = {header_key(name): name for name in book.sheetnames}
    profile = sheets.get(header_key(SHEET_PROFILE))
    others = [n for n in book.sheetnames if n != profile and header_key(n) != header_key(SHEET_HELP)]
    plan = sheets.get(header_key(SHEET_PLAN)) or (others[0] if others else None)
    if plan is None:
        problem(None, "", "", _("The workbook has no sheet `%(sheet)s`.") % {"sheet": SHEET_PLAN})
    else:
        found.plan = _table(_sheet_grid(book[plan], plan, warning, lang), PLAN_COLUMNS, "title", path, plan, problem, warning, lang)
    if profile is not None:
        grid = _sheet_grid(book[profile], profile, warning, lang)
        found.profile = _table(grid, PROFILE_COLUMNS, "criterion", path, profile, problem, warning, lang)
    return found


def _sheet_grid(sheet: Worksheet, name: str, warning: Callable[..., None], lang: str) -> Grid:
    """The sheet's cells row by row, merged ranges filled from their first cell."""
    last_row, last_column = min(sheet.max_row, MAX_ROWS), min(sheet.max_column, MAX_COLUMNS)
    if sheet.max_row > MAX_ROWS:
        warning(name, f"{MAX_ROWS + 1}", "", translator(lang).gettext("Rows after %(n)s are not read.") % {"n": MAX_ROWS})
    copies: dict[tuple[int, int], Any] = {}
    for merged in sheet.merged_cells.ranges:
        first = sheet.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, min(merged.max_row, last_row) + 1):
            for c in range(merged.min_col, min(merged.max_col, last_column) + 1):
                if (r, c) != (merged.min_row, merged.min_col):
                    copies[(r, c)] = first
    grid: Grid = []
    for r, cells in enumerate(sheet.iter_rows(min_row=1, max_row=last_row, max_col=last_column), start=1):
        row = []
        for c, cell in enumerate(cells, start=1):
            where = f"{get_column_letter(c)}{r}"
            if (r, c) in copies:
                row.append(Cell(where, copies[(r, c)], merged=True))
            else:
                row.append(Cell(where, cell.value, "%" in str(cell.number_format)))
        grid.append((str(r), row))
    return grid


def _csv_grid(data: bytes) -> Grid:
    """A CSV file's cells: UTF-8 (with or without BOM) or cp1252, ``;`` or ``,`` or tab, any line ends."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    sample = "\n".join(text.splitlines()[:30])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = max(";,\t", key=sample.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: Grid = []
    line = 1
    for record in reader:
        grid.append((str(line), [Cell(str(line), value) for value in record[:MAX_COLUMNS]]))
        line = reader.line_num + 1
        if len(grid) >= MAX_ROWS:
            break
    return grid


def _words(cell: Cell) -> str:
    return header_key(str(cell.value)) if isinstance(cell.value, str) else ""


def _table(
    grid: Grid, columns: Sequence[Column], anchor: str, path: Path, sheet: str | None,
    problem: Callable[..., None], warning: Callable[..., None], lang: str,
) -> Table | None:
    """The table under the first row holding the anchor header; problems of the header named by cell."""
    _ = translator(lang).gettext
    known = headers(tuple(columns))
    anchors = {words for words, column in known.items() if column.key == anchor}
    start = next((i for i, (_where, cells) in enumerate(grid) if any(_words(c) in anchors for c in cells)), None)
    anchor_header = next(c.header for c in columns if c.key == anchor)
    if start is None:
        where = "1" if sheet is None else ""
        problem(sheet, where, anchor_header, _("No header row: the sheet needs a row with a cell `%(header)s` above the data.")
                % {"header": anchor_header})
        return None
    position = next(i for i, c in enumerate(grid[start][1]) if _words(c) in anchors)
    end = start
    while end + 1 < len(grid) and position < len(grid[end + 1][1]) and _words(grid[end + 1][1][position]) in anchors:
        end += 1
    by_index = _columns(grid[start : end + 1], known, columns, sheet, problem, warning, lang)
    table = Table(path, sheet, {c.key: label for c, label in by_index.values()}, grid[start][1][position].where,
                  {c.key: get_column_letter(index + 1) for index, (c, _label) in by_index.items()})
    for column in columns:
        if column.required and column.key not in table.columns:
            problem(sheet, table.anchor, column.header, _("This column is required; add it to the header row."))
    _rows(table, grid[end + 1 :], by_index, columns, anchor)
    return table


def _columns(
    header_rows: Grid, known: dict[str, Column], columns: Sequence[Column], sheet: str | None,
    problem: Callable[..., None], warning: Callable[..., None], lang: str,
) -> dict[int, tuple[Column, str]]:
    """Each header cell's column (the lowest header row naming a known column wins)."""
    _ = translator(lang).gettext
    ignored = {header_key(name) for name in IGNORED}
    names = [column.header for column in columns] + [alias for column in columns for alias in column.aliases]
    found: dict[int, tuple[Column, str]] = {}
    first: dict[str, str] = {}
    width = max(len(cells) for _where, cells in header_rows)
    for index in range(width):
        labels = [cells[index] for _where, cells in reversed(header_rows) if index < len(cells) and not is_empty(cells[index].value)]
        column = next((known[_words(c)] for c in labels if _words(c) in known), None)
        if column is None:
            if labels and not any(_words(c) in ignored for c in labels):
                label, where = str(labels[0].value).strip(), labels[0].where
                suggestion = nearest(label, names)
                if suggestion:
                    problem(sheet, where, label, _("Unknown column."), suggestion)
                else:
                    warning(sheet, where, label, _("This column is not read: plpbk does not know it."))
            continue
        label_cell = next(c for c in labels if _words(c) in known)
        if column.key in first:
            problem(sheet, label_cell.where, column.header, _("This column appears twice; the first is in %(cell)s.")
                    % {"cell": first[column.key]})
            continue
        first[column.key] = label_cell.where
        found[index] = (column, str(label_cell.value).strip())
    return found


def _rows(table: Table, grid: Grid, by_index: dict[int, tuple[Column, str]], columns: Sequence[Column], anchor: str) -> None:
    """Data rows, total rows apart; empty rows, column numbers, headings and notes below the totals skipped."""
    others = [c.key for c in columns if c.required and c.key != anchor]
    for where, cells in grid:
        present = [c for c in cells if not is_empty(c.value)]
        if not present:
            continue
        if any(isinstance(c.value, str) and TOTAL.match(key(c.value)) for c in present):
            table.totals.append((len(table.rows), _row(where, cells, by_index)))
            continue
        row = _row(where, cells, by_index)
        if not table.rows and _numbering(present):
            continue
        if _heading(present, row, anchor):
            continue
        if table.totals and len(table.rows) == table.totals[-1][0] and all(k not in row.cells for k in others):
            continue  # a note or the signatures below the total
        table.rows.append(row)


def _row(where: str, cells: list[Cell], by_index: dict[int, tuple[Column, str]]) -> Row:
    found = {}
    for index, (column, _label) in by_index.items():
        if index < len(cells) and not is_empty(cells[index].value):
            cell = cells[index]
            if not (cell.merged and column.kind in NUMERIC_KINDS):  # a merged number counts once
                found[column.key] = cell
    return Row(where, found)


def _numbering(present: list[Cell]) -> bool:
    """A row of column numbers under the header: ``1 2 3 …`` or ``(1) (2) (3) …``."""
    numbers = []
    for cell in present:
        match = NUMBER_ONLY.match(str(cell.value).strip().removesuffix(".0"))
        if not match:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) > 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _heading(present: list[Cell], row: Row, anchor: str) -> bool:
    """A section heading inside the table (``A. LINGKUNGAN``): one text only, merged across or set apart."""
    texts = {str(c.value).strip() for c in present}
    if len(texts) != 1 or not isinstance(present[0].value, str):
        return False
    text = texts.pop()
    return len(present) > 1 or bool(HEADING.match(text)) or (text.isupper() and len(text) > 3) or anchor not in row.cells
