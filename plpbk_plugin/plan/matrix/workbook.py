"""A plan as the investment-matrix workbook (``rencana-investasi.xlsx``), or the empty template.

Three sheets: ``Rencana Investasi`` (one row per project and year, under two title rows, with a
total row of formulas), ``Profil Kumuh`` (one row per slum criterion) and ``Petunjuk`` (every
column explained). The header row is frozen and ``Jenis``, ``Aspek`` and ``Baru/Rehab`` offer
drop-down lists. A project's money per source is spread over its yearly phases, earliest first,
so each row's sources add up to at most its cost; importing the workbook back gives the plan
unchanged. The bytes depend only on the plan and ``modified``: fixed timestamps in the document
properties and in the zip entries.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ...i18n import N_, Translator, translator
from ..figures import YearCost
from ..model import Indicator, Kawasan
from .cells import KIND_NAMES, SECTOR_LETTERS
from .columns import (
    PLAN_COLUMNS,
    PROFILE_COLUMNS,
    SHEET_HELP,
    SHEET_PLAN,
    SHEET_PROFILE,
    SOURCE_COLUMNS,
    Column,
    SheetProject,
    sheet_project,
)
from .importing import aspect_names

TEMPLATE_DATE = dt.datetime(2026, 1, 1)
"""The date in the properties of a workbook that has no date of its own (the template)."""
HEADER_ROW = 4
LIST_ROWS = 500
"""Rows below the data that still offer the drop-down lists."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
HEAD_FILL = PatternFill("solid", fgColor="D7ECE8")
THIN = Side(style="thin", color="9DB8B2")
NUMBER_FORMATS = {"money": "#,##0", "count": "#,##0"}
GUIDE = (
    N_("Sheet %(plan)s: one row per activity and year. Rows with the same Id (without an Id: the same Kegiatan) are the yearly phases of one activity; their costs add up."),
    N_("Money in whole rupiah: 1500000, 1.500.000 or Rp 1.500.000. Decimals with a comma: 3,5. Empty cells are fine."),
    N_("Title rows above the header row and a total row (Jumlah or Total) may stay: the total is checked against the rows above it."),
    N_("The money columns are the plan's intended mix per source. Money that kawasan.yml already records as pledged, committed or received counts toward its source; the rest becomes a funding line with status planned (not yet pledged)."),
    N_("Sheet %(profile)s (optional): the slum profile, one row per criterion: how much is affected today, and the target."),
    N_("Into the plan: plpbk import rencana-investasi.xlsx --kawasan <slug> (first with --dry-run to see what would change). A CSV file with ; or , works too, for the first sheet."),
)


def workbook_bytes(kawasan: Kawasan | None = None, *, lang: str = "id", modified: dt.datetime = TEMPLATE_DATE) -> bytes:
    """The workbook of a plan, or the empty template without one."""
    t = translator(lang)
    book = Workbook()
    plan = book.active
    assert plan is not None
    plan.title = SHEET_PLAN
    rows = [row for project in (kawasan.projects if kawasan else []) for row in sheet_rows(sheet_project(project))]
    if kawasan:
        titles = (t.gettext("Investment plan of %(name)s") % {"name": kawasan.name}, _place(kawasan))
    else:
        titles = (t.gettext("Investment plan"), t.gettext("One row per activity and year; the sheet %(help)s explains every column.") % {"help": SHEET_HELP})
    _sheet(plan, PLAN_COLUMNS, titles, rows, t)
    if rows:
        _totals(plan, len(rows))
    profile = book.create_sheet(SHEET_PROFILE)
    slum = kawasan.slum if kawasan else None
    area = t.gettext("Slum area: %(area)s ha") % {"area": t.number(slum.area_ha)} if slum and slum.area_ha else ""
    title = t.gettext("Slum profile of %(name)s") % {"name": kawasan.name} if kawasan else t.gettext("Slum profile")
    _sheet(profile, PROFILE_COLUMNS, (title, area), [_indicator_row(i) for i in (slum.indicators if slum else [])], t)
    _guide(book.create_sheet(SHEET_HELP), t)
    book.properties.creator = "plpbk"
    book.properties.title = titles[0]
    book.properties.created = book.properties.modified = modified
    return _save(book)


def sheet_rows(project: SheetProject) -> list[dict[str, Any]]:
    """A project's rows: one per phase, its money spread over the phases earliest first, its volume and
    beneficiaries on the first row (the phases add up)."""
    phases = project.phases or (YearCost(None, 0),)
    room = [phase.cost for phase in phases]
    shares: list[dict[str, int]] = [{} for _phase in phases]
    for column in SOURCE_COLUMNS:
        left = project.money.get(column, 0)
        for index in range(len(phases)):
            take = left if index == len(phases) - 1 else min(left, max(0, room[index]))
            if take:
                shares[index][column] = take
                room[index] -= take
                left -= take
    names = aspect_names()
    rows = []
    for index, phase in enumerate(phases):
        row: dict[str, Any] = {
            "id": project.id, "title": project.title, "year": phase.year, "sector": SECTOR_LETTERS[project.sector],
            "aspect": names[project.aspect] if project.aspect else None, "place": project.place,
            "kind": KIND_NAMES[project.kind] if project.kind else None, "executor": project.executor,
            **shares[index], "cost": phase.cost,
        }
        if index == 0:
            row.update({"summary": project.summary, "volume": project.volume, "unit": project.unit, **project.counts})
        rows.append(row)
    return rows


def _indicator_row(indicator: Indicator) -> dict[str, Any]:
    row: dict[str, Any] = indicator.model_dump()
    row["aspect"] = aspect_names()[indicator.aspect]
    return row


def _place(kawasan: Kawasan) -> str:
    location = kawasan.location
    return ", ".join((location.kelurahan, location.kecamatan, location.city, location.province))


def _sheet(sheet: Worksheet, columns: Sequence[Column], titles: Sequence[str], rows: list[dict[str, Any]], t: Translator) -> None:
    """Title rows, the frozen header row, the data, the widths and the drop-down lists."""
    last = get_column_letter(len(columns))
    for number, title in enumerate(titles, start=1):
        sheet.cell(number, 1, title).font = Font(bold=number == 1, size=14 if number == 1 else 11)
        sheet.merge_cells(f"A{number}:{last}{number}")
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, column.header)
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for number, row in enumerate(rows, start=HEADER_ROW + 1):
        for index, column in enumerate(columns, start=1):
            value = row.get(column.key)
            if value is None:
                continue
            cell = sheet.cell(number, index, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cell.number_format = NUMBER_FORMATS.get(column.kind, "General")
            cell.alignment = Alignment(vertical="top", wrap_text=column.kind == "text")
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    end = HEADER_ROW + len(rows) + LIST_ROWS
    names = aspect_names()
    lists = {"sector": list(SECTOR_LETTERS.values()), "aspect": list(names.values()), "kind": list(KIND_NAMES.values())}
    for index, column in enumerate(columns, start=1):
        if column.kind in lists:
            letter = get_column_letter(index)
            choices = ",".join(lists[column.kind])
            validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True, showErrorMessage=True,
                                        errorStyle="warning", error=t.gettext("Choose one of: %(choices)s.") % {"choices": choices.replace(",", ", ")})
            validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{end}")
            sheet.add_data_validation(validation)


def _totals(sheet: Worksheet, count: int) -> None:
    """A total row (``Jumlah``) of sums under the money columns."""
    number = HEADER_ROW + count + 1
    title = next(i for i, c in enumerate(PLAN_COLUMNS, start=1) if c.key == "title")
    sheet.cell(number, title, "Jumlah").font = Font(bold=True)
    for index, column in enumerate(PLAN_COLUMNS, start=1):
        if column.kind == "money":
            letter = get_column_letter(index)
            cell = sheet.cell(number, index, f"=SUM({letter}{HEADER_ROW + 1}:{letter}{number - 1})")
            cell.font, cell.number_format = Font(bold=True), NUMBER_FORMATS["money"]


def _guide(sheet: Worksheet, t: Translator) -> None:
    """The Petunjuk sheet: the rules in a few sentences, then every column of both sheets."""
    _ = t.gettext
    sheet.cell(1, 1, _("How to fill in this workbook")).font = Font(bold=True, size=14)
    for number, text in enumerate(GUIDE, start=3):
        sheet.cell(number, 1, _(text) % {"plan": SHEET_PLAN, "profile": SHEET_PROFILE}).alignment = Alignment(wrap_text=True)
        sheet.merge_cells(f"A{number}:E{number}")
        sheet.row_dimensions[number].height = 32
    top = len(GUIDE) + 4
    for index, (header, width) in enumerate(((_("Sheet"), 18), (_("Column"), 16), (_("Required"), 10), (_("What to write"), 70), (_("Example"), 30)), start=1):
        cell = sheet.cell(top, index, header)
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
        sheet.column_dimensions[get_column_letter(index)].width = width
    number = top
    for name, columns in ((SHEET_PLAN, PLAN_COLUMNS), (SHEET_PROFILE, PROFILE_COLUMNS)):
        for column in columns:
            number += 1
            values = (name, column.header, _("yes") if column.required else "", _(column.help), column.example)
            for index, value in enumerate(values, start=1):
                sheet.cell(number, index, value).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = f"A{top + 1}"


class _FixedZip(zipfile.ZipFile):
    """A zip whose entries carry a fixed date, so the same workbook is the same bytes."""

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any, compress_type: int | None = None,
                 compresslevel: int | None = None) -> None:
        super().writestr(_entry(zinfo_or_arcname), data, compress_type, compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: int | None = None, compresslevel: int | None = None) -> None:
        """A file (openpyxl writes each sheet to a temporary file first): its bytes, not its date."""
        with open(filename, "rb") as handle:
            self.writestr(str(arcname or filename), handle.read(), compress_type, compresslevel)


def _entry(name: str | zipfile.ZipInfo) -> zipfile.ZipInfo:
    """The entry of a name, dated :data:`ZIP_DATE`."""
    if isinstance(name, zipfile.ZipInfo):
        return name
    entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o600 << 16
    return entry


def _save(book: Workbook) -> bytes:
    """The workbook's bytes, without the save date openpyxl's ``save`` would stamp in."""
    buffer = io.BytesIO()
    with _FixedZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    return buffer.getvalue()
