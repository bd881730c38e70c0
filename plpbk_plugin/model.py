"""The plan of one kawasan as typed objects (the contract of plan-format.md).

Pydantic checks shapes, types, enums and ranges, and gives the JSON Schema;
rules that span several fields live in :mod:`plpbk_plugin.rules`. Field
descriptions are Indonesian: they are what editors read in their YAML tools
and in the generated field reference.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

SCHEMA_VERSION = 1

SECTORS = ("lingkungan", "sosial", "ekonomi")
ASPECTS = (
    "bangunan",
    "jalan",
    "air_minum",
    "drainase",
    "air_limbah",
    "persampahan",
    "proteksi_kebakaran",
    "ruang_terbuka",
    "other",
)
SOURCES = ("swadaya", "blm", "apbd_kota", "apbd_provinsi", "apbn", "csr", "donor", "other")
FUNDING_STATUSES = ("pledged", "committed", "received")
PROJECT_STATUSES = ("planned", "seeking_partners", "funded", "in_progress", "completed")
PARTNER_TYPES = ("pemerintah", "swasta", "perguruan_tinggi", "lsm", "media", "masyarakat", "donor")
POLICY_STATUSES = ("proposed", "in_discussion", "adopted")
DOCUMENT_KINDS = ("rplp", "rtplp", "ded", "report", "other")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_PHONE = re.compile(r"^\+?[0-9(][0-9 ().-]{5,24}$")


def _date_to_text(value: Any) -> Any:
    """YAML reads `2027-03-31` as a date and `2027` as a number: keep them as text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _check_partial_date(value: str) -> str:
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError("partial_date")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError("partial_date") from None
    return value


def _check_full_date(value: str) -> str:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("full_date") from None
    if len(value) != 10:
        raise ValueError("full_date")
    return value


_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f-\x9f<>\"`{}|\\^]")
_NOT_IN_FILE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f:*?\"<>|\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters Windows cannot store in a file name (a checkout there fails), controls, and direction
marks that make ``rplp\u202efdp.exe`` look like ``rplpexe.pdf``; ``:`` would also turn a relative link
into a scheme (``javascript:x.pdf``)."""


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or _NOT_IN_URL.search(value):
        raise ValueError("url")
    return value


def _check_relative_file(value: str) -> str:
    if value.startswith(("/", "\\")) or "\\" in value or re.match(r"^[A-Za-z]:", value):
        raise ValueError("relative_file")
    if any(part == ".." for part in value.split("/")) or "\x00" in value:
        raise ValueError("relative_file")
    if _NOT_IN_FILE_NAME.search(value):
        raise ValueError("file_name")
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError("email")
    return value


def _check_phone(value: str) -> str:
    if not _PHONE.match(value) or sum(ch.isdigit() for ch in value) < 6:
        raise ValueError("phone")
    return value


def _describe(text: str, **extra: Any) -> Any:
    return Field(description=text, **extra)


class Translatable:
    """Marks the text types an overlay such as ``kawasan.en.yml`` may translate."""


TRANSLATABLE = Translatable()
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000), TRANSLATABLE]
"""Plain text: shown escaped."""
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=50_000),
    WithJsonSchema({"type": "string", "minLength": 1, "x-markdown": True}),
    TRANSLATABLE,
]
"""Text written in Markdown: rendered with the site's extensions, then sanitized."""
Slug = Annotated[str, StringConstraints(pattern=_SLUG.pattern, max_length=80)]
Money = Annotated[StrictInt, Field(ge=0, le=10**15)]
Count = Annotated[StrictInt, Field(ge=0, le=10**9)]
PartialDate = Annotated[
    str,
    BeforeValidator(_date_to_text),
    AfterValidator(_check_partial_date),
    WithJsonSchema(
        {
            "type": ["string", "integer"],  # YAML reads a bare year (2027) as a number
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "minimum": 1000,
            "maximum": 9999,
            "description": "Tanggal ISO: 2027-03-31, atau 2027-03, atau 2027.",
        }
    ),
]
FullDate = Annotated[
    str,
    BeforeValidator(_date_to_text),
    AfterValidator(_check_full_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "Tanggal ISO lengkap: 2027-03-31."}),
]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2000),
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}),
]
FileRef = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    AfterValidator(_check_relative_file),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "description": "Berkas di dalam folder kawasan, misalnya photos/balai-warga.jpg.",
        }
    ),
]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_check_email)]
Phone = Annotated[
    str,
    # YAML reads 08123456789 as a number; a number of thousands of digits cannot even become text
    BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) and abs(v) < 10**30 else v),
    StringConstraints(strip_whitespace=True, max_length=30),
    AfterValidator(_check_phone),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\+?[0-9(][0-9 ().-]{5,24}$"}),
]
Number = StrictInt | StrictFloat


class Model(BaseModel):
    """Base of every plan object: unknown keys are errors, objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Coordinates(Model):
    """Titik pusat WGS84."""

    lat: Annotated[Number, Field(ge=-90, le=90)] = _describe("Lintang (latitude), −90 sampai 90. Indonesia: sekitar −11 sampai 6.")
    lon: Annotated[Number, Field(ge=-180, le=180)] = _describe("Bujur (longitude), −180 sampai 180. Indonesia: sekitar 95 sampai 141.")


class Location(Model):
    """Letak administratif kawasan."""

    kelurahan: Text = _describe("Nama kelurahan atau desa.")
    kecamatan: Text = _describe("Nama kecamatan.")
    city: Text = _describe("Kota atau kabupaten, misalnya \"Kota Semarang\".")
    province: Text = _describe("Provinsi.")
    coordinates: Coordinates | None = _describe("Titik pusat kawasan untuk peta: {lat, lon}.", default=None)
    area_ha: Annotated[Number, Field(gt=0, le=1_000_000)] | None = _describe("Luas kawasan dalam hektare.", default=None)


class Profile(Model):
    """Angka kependudukan kawasan."""

    population: Count | None = _describe("Jumlah penduduk (jiwa).", default=None)
    households: Count | None = _describe("Jumlah kepala keluarga (KK).", default=None)
    poor_households: Count | None = _describe("Jumlah KK miskin; tidak boleh lebih dari jumlah KK.", default=None)


class Contact(Model):
    """Cara menghubungi: minimal salah satu dari whatsapp, email, atau phone."""

    whatsapp: Phone | None = _describe("Nomor WhatsApp, boleh ditulis 0812… atau +62 812….", default=None)
    email: Email | None = _describe("Alamat email.", default=None)
    phone: Phone | None = _describe("Nomor telepon.", default=None)
    address: Text | None = _describe("Alamat sekretariat.", default=None)

    @model_validator(mode="after")
    def _one_way_to_reach(self) -> Contact:
        if not (self.whatsapp or self.email or self.phone):
            raise ValueError("contact_required")
        return self


class Person(Model):
    """Seorang pengurus."""

    name: Text = _describe("Nama.")
    role: Text | None = _describe("Jabatan, misalnya \"Koordinator BKM\".", default=None)


class Organization(Model):
    """Lembaga masyarakat (BKM/LKM) pemilik rencana."""

    name: Text = _describe("Nama BKM/LKM.")
    description: Markdown | None = _describe("Siapa mereka (Markdown); membangun kepercayaan.", default=None)
    contact: Contact = _describe("Kontak BKM: minimal whatsapp, email, atau phone.")
    people: list[Person] = _describe("Pengurus: daftar {name, role}.", default_factory=list)


class Transformation(Model):
    """Gagasan transformasi sosial."""

    idea: Markdown = _describe("Gagasan transformasi sosial yang dilayani rencana ini (Markdown).")
    vision: Text | None = _describe("Pernyataan visi.", default=None)
    from_: list[Text] = Field(
        default_factory=list, alias="from", description="Kondisi hari ini (daftar kalimat pendek)."
    )
    to: list[Text] = _describe("Masa depan yang dituju warga (daftar kalimat pendek).", default_factory=list)

    model_config = ConfigDict(populate_by_name=True)


class MarketingMix(Model):
    """Bauran pemasaran sosial: 4P ditambah kemitraan dan kebijakan."""

    product: Markdown | None = _describe("Produk: rencana dan gagasan di baliknya (Markdown).", default=None)
    price: Markdown | None = _describe("Harga: biaya, swadaya, dan yang diminta dari mitra (Markdown).", default=None)
    place: Markdown | None = _describe("Tempat: kawasan dan warganya (Markdown).", default=None)
    promotion: Markdown | None = _describe("Promosi: cara gagasan disebarkan (Markdown).", default=None)
    partnership: Markdown | None = _describe("Kemitraan: siapa diajak dan mengapa (Markdown).", default=None)
    policy: Markdown | None = _describe("Kebijakan: perubahan aturan yang dibutuhkan (Markdown).", default=None)


class Funding(Model):
    """Satu baris pendanaan proyek."""

    source: Literal[SOURCES] = _describe(
        "Sumber dana: swadaya (swadaya masyarakat), blm (bantuan langsung masyarakat), apbd_kota, "
        "apbd_provinsi, apbn, csr, donor, other."
    )
    amount: Money = _describe("Jumlah dalam rupiah (bilangan bulat, tanpa titik).")
    status: Literal[FUNDING_STATUSES] = _describe(
        "pledged (baru dijanjikan, belum dihitung terhimpun), committed (sudah pasti; bawaan), received (sudah diterima).",
        default="committed",
    )
    partner: Text | None = _describe("Nama pemberi dana.", default=None)


class Beneficiaries(Model):
    """Penerima manfaat."""

    households: Count | None = _describe("Jumlah KK penerima manfaat.", default=None)
    people: Count | None = _describe("Jumlah jiwa penerima manfaat.", default=None)


class ProjectPhoto(Model):
    """Foto proyek."""

    file: FileRef = _describe("Berkas foto di folder kawasan, misalnya photos/jalan.jpg.")
    caption: Text | None = _describe("Keterangan foto; juga teks alternatif.", default=None)


class Update(Model):
    """Satu catatan kemajuan."""

    date: PartialDate = _describe("Tanggal catatan (ISO).")
    text: Text = _describe("Apa yang terjadi.")


class Project(Model):
    """Satu kegiatan RPLP/RTPLP."""

    id: Slug = _describe("Pengenal unik (huruf kecil, angka, tanda hubung); menjadi alamat halaman proyek.")
    title: Text = _describe("Judul proyek.")
    summary: Text = _describe("Ringkasan satu kalimat.")
    description: Markdown | None = _describe("Uraian lengkap (Markdown).", default=None)
    sector: Literal[SECTORS] = _describe("Tridaya: lingkungan, sosial, atau ekonomi.")
    aspect: Literal[ASPECTS] | None = _describe(
        "Aspek kumuh KOTAKU untuk proyek lingkungan: bangunan, jalan, air_minum, drainase, air_limbah, "
        "persampahan, proteksi_kebakaran, ruang_terbuka, other.",
        default=None,
    )
    cost: Money = _describe("Biaya total dalam rupiah (bilangan bulat, tanpa titik).")
    funding: list[Funding] = _describe("Baris pendanaan: {source, amount, status, partner}.", default_factory=list)
    status: Literal[PROJECT_STATUSES] = _describe(
        "planned (direncanakan), seeking_partners (mencari mitra), funded (terdanai), "
        "in_progress (berjalan), completed (selesai)."
    )
    progress: Annotated[StrictInt, Field(ge=0, le=100)] | None = _describe("Persen selesai, 0–100.", default=None)
    start: PartialDate | None = _describe("Mulai (ISO: 2027-03-31, 2027-03 atau 2027).", default=None)
    end: PartialDate | None = _describe("Selesai; tidak boleh sebelum mulai.", default=None)
    beneficiaries: Beneficiaries | None = _describe("Penerima manfaat: {households, people}.", default=None)
    location: Coordinates | None = _describe("Lokasi proyek: {lat, lon}.", default=None)
    needs: list[Text] = _describe(
        "Yang bisa dibawa mitra selain uang: bahan, keahlian, lahan, izin.", default_factory=list
    )
    photos: list[ProjectPhoto] = _describe("Foto proyek: {file, caption}.", default_factory=list)
    updates: list[Update] = _describe("Catatan kemajuan: {date, text}; tampil terbaru dahulu.", default_factory=list)


class Call(Model):
    """Ajakan kemitraan."""

    id: Slug = _describe("Pengenal unik ajakan.")
    title: Text = _describe("Judul ajakan.")
    description: Markdown = _describe("Apa yang diminta dan mengapa penting (Markdown).")
    partner_types: list[Literal[PARTNER_TYPES]] = _describe(
        "Siapa yang diajak: pemerintah, swasta, perguruan_tinggi, lsm, media, masyarakat, donor.",
        default_factory=list,
    )
    projects: list[Slug] = _describe("Id proyek kawasan ini yang didukung ajakan.", default_factory=list)
    amount_sought: Money | None = _describe(
        "Dana yang dicari (rupiah); bila kosong, jumlah kekurangan dana proyek yang disebut.", default=None
    )
    deadline: FullDate | None = _describe("Batas waktu (ISO lengkap).", default=None)
    contact: Contact | None = _describe("Kontak khusus ajakan ini; menggantikan kontak BKM.", default=None)


class Partner(Model):
    """Mitra yang sudah mendukung."""

    name: Text = _describe("Nama mitra.")
    type: Literal[PARTNER_TYPES] | None = _describe("Jenis mitra.", default=None)
    url: Url | None = _describe("Situs mitra (http/https).", default=None)
    logo: FileRef | None = _describe("Berkas logo di folder kawasan, misalnya logos/mitra.png.", default=None)
    contribution: Text | None = _describe("Apa yang diberikan mitra.", default=None)
    since: Annotated[StrictInt, Field(ge=1900, le=2100)] | None = _describe("Tahun mulai bermitra.", default=None)


class PolicyAsk(Model):
    """Usulan kebijakan."""

    title: Text = _describe("Judul usulan kebijakan.")
    description: Markdown | None = _describe("Uraian (Markdown).", default=None)
    target: Text | None = _describe("Kepada siapa, misalnya \"Pemerintah Kota\".", default=None)
    status: Literal[POLICY_STATUSES] = _describe(
        "proposed (diusulkan), in_discussion (dibahas), adopted (diterapkan).", default="proposed"
    )


class Document(Model):
    """Dokumen rencana atau laporan."""

    title: Text = _describe("Judul dokumen.")
    file: FileRef | None = _describe("Berkas di folder kawasan, misalnya documents/rplp.pdf.", default=None)
    url: Url | None = _describe("Atau alamat web dokumen (http/https).", default=None)
    kind: Literal[DOCUMENT_KINDS] = _describe("Jenis: rplp, rtplp, ded, report, other.", default="other")
    year: Annotated[StrictInt, Field(ge=1900, le=2100)] | None = _describe("Tahun dokumen.", default=None)

    @model_validator(mode="after")
    def _file_or_url(self) -> Document:
        if (self.file is None) == (self.url is None):
            raise ValueError("file_or_url")
        return self


class GalleryPhoto(Model):
    """Foto galeri."""

    file: FileRef = _describe("Berkas foto di folder kawasan.")
    caption: Text | None = _describe("Keterangan foto; juga teks alternatif.", default=None)
    date: PartialDate | None = _describe("Tanggal foto (ISO).", default=None)


class Photos(Model):
    """Foto utama dan galeri."""

    hero: FileRef | None = _describe("Foto utama kawasan.", default=None)
    gallery: list[GalleryPhoto] = _describe("Galeri: {file, caption, date}.", default_factory=list)


class Kawasan(Model):
    """Rencana satu kawasan: isi berkas plans/<slug>/kawasan.yml."""

    name: Text = _describe("Nama kawasan, misalnya \"Kampung Nelayan Tambak Sari\".")
    tagline: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=140), TRANSLATABLE] = _describe(
        "Satu kalimat (≤ 140 huruf) yang menjual gagasan; dipakai di kartu, judul, dan pratinjau tautan."
    )
    summary: Markdown = _describe("Perkenalan 1–3 paragraf pendek untuk pengunjung baru (Markdown).")
    location: Location = _describe("Letak: kelurahan, kecamatan, city, province, coordinates, area_ha.")
    profile: Profile | None = _describe("Angka kependudukan.", default=None)
    organization: Organization = _describe("BKM/LKM pemilik rencana dan kontaknya.")
    transformation: Transformation = _describe("Gagasan transformasi sosial: idea, vision, from, to.")
    marketing_mix: MarketingMix | None = _describe("Bauran pemasaran sosial (6P).", default=None)
    projects: Annotated[list[Project], Field(min_length=1)] = _describe("Kegiatan RPLP/RTPLP; minimal satu.")
    calls: list[Call] = _describe("Ajakan kemitraan.", default_factory=list)
    partners: list[Partner] = _describe("Mitra yang sudah mendukung.", default_factory=list)
    policy: list[PolicyAsk] = _describe("Usulan kebijakan.", default_factory=list)
    documents: list[Document] = _describe("Dokumen: {title, file atau url, kind, year}.", default_factory=list)
    photos: Photos | None = _describe("Foto utama (hero) dan galeri.", default=None)


class NewsPost(Model):
    """Front matter of a news post in news/*.md."""

    title: Text = _describe("Judul kabar.")
    date: FullDate = _describe("Tanggal terbit (ISO lengkap).")
    summary: Text | None = _describe("Ringkasan satu-dua kalimat.", default=None)
    image: FileRef | None = _describe("Foto kabar di folder kawasan, misalnya photos/kerja-bakti.jpg.", default=None)


def json_schema() -> dict[str, Any]:
    """The JSON Schema editors' YAML tools use for kawasan.yml."""
    schema = Kawasan.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://plpbk.github.io/schema/kawasan.schema.json",
        "title": "kawasan.yml",
        **schema,
    }
