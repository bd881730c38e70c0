"""The plan of one kawasan as typed objects (the contract of plan-format.md).

Pydantic checks shapes, types, enums and ranges, and gives the JSON Schema;
rules that span several fields live in :mod:`plpbk_plugin.plan.rules`. Field
descriptions are Indonesian: they are what editors read in their YAML tools
and in the generated field reference.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    model_validator,
)

from .fields import (
    TRANSLATABLE,
    Count,
    Email,
    FileRef,
    FullDate,
    Markdown,
    Number,
    PartialDate,
    Percent,
    Phone,
    Rupiah,
    Slug,
    Text,
    Unit,
    Url,
    Year,
)
from .vocabulary import (
    Aspect,
    DocumentKind,
    FundingStatus,
    PartnerType,
    PhotoRole,
    PolicyStatus,
    ProjectKind,
    ProjectStatus,
    Sector,
    Source,
)

SCHEMA_VERSION = 1


def _describe(title: str, text: str, **extra: Any) -> Any:
    """A field with its label (in the form editor and the JSON Schema) and its meaning for editors."""
    return Field(title=title, description=text, **extra)


class Model(BaseModel):
    """Base of every plan object: unknown keys are errors, objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Coordinates(Model):
    """Titik pusat WGS84."""

    lat: Annotated[Number, Field(ge=-90, le=90)] = _describe("Lintang (lat)", "Lintang (latitude), −90 sampai 90. Indonesia: sekitar −11 sampai 6.")
    lon: Annotated[Number, Field(ge=-180, le=180)] = _describe("Bujur (lon)", "Bujur (longitude), −180 sampai 180. Indonesia: sekitar 95 sampai 141.")


class Location(Model):
    """Letak administratif kawasan."""

    kelurahan: Text = _describe("Kelurahan/desa", "Nama kelurahan atau desa.")
    kecamatan: Text = _describe("Kecamatan", "Nama kecamatan.")
    city: Text = _describe("Kota/kabupaten", "Kota atau kabupaten, misalnya \"Kota Semarang\".")
    province: Text = _describe("Provinsi", "Provinsi.")
    coordinates: Coordinates | None = _describe("Titik koordinat", "Titik pusat kawasan untuk peta: {lat, lon}.", default=None)
    area_ha: Annotated[Number, Field(gt=0, le=1_000_000)] | None = _describe("Luas (hektare)", "Luas kawasan dalam hektare.", default=None)


class Profile(Model):
    """Angka kependudukan kawasan."""

    population: Count | None = _describe("Jumlah penduduk (jiwa)", "Jumlah penduduk (jiwa).", default=None)
    households: Count | None = _describe("Jumlah KK", "Jumlah kepala keluarga (KK).", default=None)
    poor_households: Count | None = _describe("Jumlah KK miskin", "Jumlah KK miskin; tidak boleh lebih dari jumlah KK.", default=None)


class Contact(Model):
    """Cara menghubungi: minimal salah satu dari whatsapp, email, atau phone."""

    whatsapp: Phone | None = _describe("WhatsApp", "Nomor WhatsApp, boleh ditulis 0812… atau +62 812….", default=None)
    email: Email | None = _describe("Email", "Alamat email.", default=None)
    phone: Phone | None = _describe("Telepon", "Nomor telepon.", default=None)
    address: Text | None = _describe("Alamat", "Alamat sekretariat.", default=None)

    @model_validator(mode="after")
    def _one_way_to_reach(self) -> Contact:
        if not (self.whatsapp or self.email or self.phone):
            raise ValueError("contact_required")
        return self


class Person(Model):
    """Seorang pengurus."""

    name: Text = _describe("Nama", "Nama.")
    role: Text | None = _describe("Jabatan", "Jabatan, misalnya \"Koordinator BKM\".", default=None)


class Organization(Model):
    """Lembaga masyarakat (BKM/LKM) pemilik rencana."""

    name: Text = _describe("Nama BKM/LKM", "Nama BKM/LKM.")
    description: Markdown | None = _describe("Tentang lembaga", "Siapa mereka (Markdown); membangun kepercayaan.", default=None)
    contact: Contact = _describe("Kontak", "Kontak BKM: minimal whatsapp, email, atau phone.")
    people: list[Person] = _describe("Pengurus", "Pengurus: daftar {name, role}.", default_factory=list)


class Transformation(Model):
    """Gagasan transformasi sosial."""

    idea: Markdown = _describe("Gagasan", "Gagasan transformasi sosial yang dilayani rencana ini (Markdown).")
    vision: Text | None = _describe("Visi", "Pernyataan visi.", default=None)
    from_: list[Text] = Field(
        default_factory=list, alias="from", title="Kondisi hari ini", description="Kondisi hari ini (daftar kalimat pendek)."
    )
    to: list[Text] = _describe("Masa depan yang dituju", "Masa depan yang dituju warga (daftar kalimat pendek).", default_factory=list)

    model_config = ConfigDict(populate_by_name=True)


class MarketingMix(Model):
    """Bauran pemasaran sosial: 4P ditambah kemitraan dan kebijakan."""

    product: Markdown | None = _describe("Produk", "Produk: rencana dan gagasan di baliknya (Markdown).", default=None)
    price: Markdown | None = _describe("Harga", "Harga: biaya, swadaya, dan yang diminta dari mitra (Markdown).", default=None)
    place: Markdown | None = _describe("Tempat", "Tempat: kawasan dan warganya (Markdown).", default=None)
    promotion: Markdown | None = _describe("Promosi", "Promosi: cara gagasan disebarkan (Markdown).", default=None)
    partnership: Markdown | None = _describe("Kemitraan", "Kemitraan: siapa diajak dan mengapa (Markdown).", default=None)
    policy: Markdown | None = _describe("Kebijakan", "Kebijakan: perubahan aturan yang dibutuhkan (Markdown).", default=None)


class Funding(Model):
    """Satu baris pendanaan proyek."""

    source: Source = _describe(
        "Sumber dana",
        "Sumber dana: swadaya (swadaya masyarakat), blm (bantuan langsung masyarakat, BLM/BDI), apbd_kota, "
        "apbd_provinsi, apbn, apbn_kl (APBN kementerian/lembaga lain), hibah (hibah/DAK), csr, "
        "swasta (swasta selain CSR), donor, other."
    )
    amount: Rupiah = _describe("Jumlah (Rp)", "Jumlah dalam rupiah (bilangan bulat, tanpa titik).")
    status: FundingStatus = _describe(
        "Status dana",
        "planned (disebut dalam rencana investasi, belum dijanjikan: tidak dihitung terhimpun maupun dijanjikan), "
        "pledged (baru dijanjikan, belum dihitung terhimpun), committed (sudah pasti; bawaan), received (sudah diterima).",
        default="committed",
    )
    partner: Text | None = _describe("Pemberi dana", "Nama pemberi dana.", default=None)
    in_kind: Text | None = _describe(
        "Sumbangan barang/tenaga",
        "Bila sumbangan berupa barang, tenaga, atau lahan yang dinilai dalam rupiah: apa wujudnya, "
        "misalnya \"120 HOK tenaga kerja\" atau \"hibah lahan 200 m²\".",
        default=None,
    )


class Beneficiaries(Model):
    """Penerima manfaat."""

    households: Count | None = _describe("KK penerima manfaat", "Jumlah KK penerima manfaat.", default=None)
    people: Count | None = _describe("Jiwa penerima manfaat", "Jumlah jiwa penerima manfaat.", default=None)
    women: Count | None = _describe("Perempuan penerima manfaat", "Jumlah jiwa perempuan penerima manfaat.", default=None)
    poor_households: Count | None = _describe("KK miskin penerima manfaat", "Jumlah KK miskin penerima manfaat.", default=None)
    low_income: Count | None = _describe(
        "MBR penerima manfaat", "Jumlah masyarakat berpenghasilan rendah (MBR) penerima manfaat.", default=None
    )


class Volume(Model):
    """Volume kegiatan: berapa banyak, dalam satuan apa."""

    amount: Annotated[Number, Field(gt=0, le=10**9)] = _describe("Jumlah", "Berapa banyak, misalnya 3950 (desimal dengan titik: 3.5).")
    unit: Unit = _describe("Satuan", "Satuan: m, m2, unit, SR, KK…")


class Phase(Model):
    """Satu tahap tahunan kegiatan."""

    year: Year = _describe("Tahun", "Tahun pelaksanaan.")
    cost: Rupiah = _describe("Biaya tahun ini (Rp)", "Biaya tahap ini dalam rupiah.")


class Upkeep(Model):
    """Pemeliharaan sesudah serah terima (O&P)."""

    by: Text = _describe("Dipelihara oleh", "Siapa yang memelihara sesudah serah terima, misalnya KPP atau kelompok pemanfaat.")
    yearly_cost: Rupiah | None = _describe("Biaya per tahun (Rp)", "Perkiraan biaya pemeliharaan setahun, dalam rupiah.", default=None)


class ProjectPhoto(Model):
    """Foto proyek."""

    file: FileRef = _describe("Berkas foto", "Berkas foto di folder kawasan, misalnya photos/jalan.jpg.")
    caption: Text | None = _describe("Keterangan", "Keterangan foto; juga teks alternatif.", default=None)


class UpdatePhoto(Model):
    """Foto bukti kemajuan."""

    file: FileRef = _describe("Berkas foto", "Berkas foto di folder kawasan, misalnya photos/saluran-selesai.jpg.")
    caption: Text | None = _describe("Keterangan", "Apa yang tampak di foto; juga teks alternatif.", default=None)
    role: PhotoRole | None = _describe("Sebelum/sesudah", "before (kondisi sebelum pekerjaan) atau after (hasil sesudahnya).", default=None)


class Update(Model):
    """Satu catatan kemajuan."""

    date: PartialDate = _describe("Tanggal", "Tanggal catatan (ISO).")
    text: Text = _describe("Catatan", "Apa yang terjadi.")
    photos: list[UpdatePhoto] = _describe(
        "Foto bukti", "Foto kemajuan: {file, caption, role}; role before/after untuk foto sebelum dan sesudah.", default_factory=list
    )


class Project(Model):
    """Satu kegiatan RPLP/RTPLP."""

    id: Slug = _describe("Id proyek", "Pengenal unik (huruf kecil, angka, tanda hubung); menjadi alamat halaman proyek.")
    title: Text = _describe("Judul", "Judul proyek.")
    summary: Text = _describe("Ringkasan", "Ringkasan satu kalimat.")
    description: Markdown | None = _describe("Uraian", "Uraian lengkap (Markdown).", default=None)
    sector: Sector = _describe("Sektor (Tridaya)", "Tridaya: lingkungan, sosial, atau ekonomi.")
    aspect: Aspect | None = _describe(
        "Aspek kumuh",
        "Aspek kumuh KOTAKU untuk proyek lingkungan: bangunan, jalan, air_minum, drainase, air_limbah, "
        "persampahan, proteksi_kebakaran, ruang_terbuka, other.",
        default=None,
    )
    kind: ProjectKind | None = _describe("Baru/rehab", "baru (pembangunan baru) atau rehab (rehabilitasi/peningkatan).", default=None)
    volume: Volume | None = _describe("Volume", "Berapa banyak: {amount, unit}, misalnya 3950 m pipa atau 2 unit tangki.", default=None)
    place: Text | None = _describe("Letak di kawasan", "Di mana di dalam kawasan, misalnya \"RT 02/RW 03, Dusun Krajan\".", default=None)
    cost: Rupiah = _describe("Biaya total (Rp)", "Biaya total dalam rupiah (bilangan bulat, tanpa titik).")
    schedule: list[Phase] = _describe(
        "Tahapan per tahun",
        "Tahap tahunan: {year, cost}; biaya semua tahap harus berjumlah sama dengan biaya total.",
        default_factory=list,
    )
    funding: list[Funding] = _describe(
        "Pendanaan", "Baris pendanaan: {source, amount, status, partner, in_kind}.", default_factory=list
    )
    status: ProjectStatus = _describe(
        "Status",
        "planned (direncanakan), seeking_partners (mencari mitra), funded (terdanai), "
        "in_progress (berjalan), completed (selesai)."
    )
    progress: Annotated[StrictInt, Field(ge=0, le=100)] | None = _describe("Kemajuan (%)", "Persen selesai, 0–100.", default=None)
    start: PartialDate | None = _describe("Mulai", "Mulai (ISO: 2027-03-31, 2027-03 atau 2027).", default=None)
    end: PartialDate | None = _describe("Selesai", "Selesai; tidak boleh sebelum mulai.", default=None)
    executor: Text | None = _describe("Pelaksana", "Siapa yang melaksanakan: KSM, Pokja, kontraktor.", default=None)
    upkeep: Upkeep | None = _describe("Pemeliharaan", "Pemeliharaan sesudah serah terima (O&P): {by, yearly_cost}.", default=None)
    beneficiaries: Beneficiaries | None = _describe(
        "Penerima manfaat", "Penerima manfaat: {households, people, women, poor_households, low_income}.", default=None
    )
    location: Coordinates | None = _describe("Lokasi proyek", "Lokasi proyek: {lat, lon}.", default=None)
    needs: list[Text] = _describe(
        "Kebutuhan selain dana",
        "Yang bisa dibawa mitra selain uang: bahan, keahlian, lahan, izin.", default_factory=list
    )
    photos: list[ProjectPhoto] = _describe("Foto proyek", "Foto proyek: {file, caption}.", default_factory=list)
    updates: list[Update] = _describe("Catatan kemajuan", "Catatan kemajuan: {date, text, photos}; tampil terbaru dahulu.", default_factory=list)


class Call(Model):
    """Ajakan kemitraan."""

    id: Slug = _describe("Id ajakan", "Pengenal unik ajakan.")
    title: Text = _describe("Judul", "Judul ajakan.")
    description: Markdown = _describe("Uraian", "Apa yang diminta dan mengapa penting (Markdown).")
    partner_types: list[PartnerType] = _describe(
        "Mitra yang diajak",
        "Siapa yang diajak: pemerintah, swasta, perguruan_tinggi, lsm, media, masyarakat, donor.",
        default_factory=list,
    )
    projects: list[Slug] = _describe("Proyek yang didukung", "Id proyek kawasan ini yang didukung ajakan.", default_factory=list)
    amount_sought: Rupiah | None = _describe(
        "Dana yang dicari (Rp)",
        "Dana yang dicari (rupiah); bila kosong, jumlah kekurangan dana proyek yang disebut.", default=None
    )
    deadline: FullDate | None = _describe("Batas waktu", "Batas waktu (ISO lengkap).", default=None)
    contact: Contact | None = _describe("Kontak khusus", "Kontak khusus ajakan ini; menggantikan kontak BKM.", default=None)


class Partner(Model):
    """Mitra yang sudah mendukung."""

    name: Text = _describe("Nama mitra", "Nama mitra.")
    type: PartnerType | None = _describe("Jenis mitra", "Jenis mitra.", default=None)
    url: Url | None = _describe("Situs web", "Situs mitra (http/https).", default=None)
    logo: FileRef | None = _describe("Logo", "Berkas logo di folder kawasan, misalnya logos/mitra.png.", default=None)
    contribution: Text | None = _describe("Kontribusi", "Apa yang diberikan mitra.", default=None)
    since: Annotated[StrictInt, Field(ge=1900, le=2100)] | None = _describe("Bermitra sejak (tahun)", "Tahun mulai bermitra.", default=None)


class PolicyAsk(Model):
    """Usulan kebijakan."""

    title: Text = _describe("Judul", "Judul usulan kebijakan.")
    description: Markdown | None = _describe("Uraian", "Uraian (Markdown).", default=None)
    target: Text | None = _describe("Ditujukan kepada", "Kepada siapa, misalnya \"Pemerintah Kota\".", default=None)
    status: PolicyStatus = _describe(
        "Status",
        "proposed (diusulkan), in_discussion (dibahas), adopted (diterapkan).", default="proposed"
    )


class Document(Model):
    """Dokumen rencana atau laporan."""

    title: Text = _describe("Judul", "Judul dokumen.")
    file: FileRef | None = _describe("Berkas", "Berkas di folder kawasan, misalnya documents/rplp.pdf.", default=None)
    url: Url | None = _describe("Alamat web", "Atau alamat web dokumen (http/https).", default=None)
    kind: DocumentKind = _describe("Jenis", "Jenis: rplp, rtplp, ded, report, other.", default="other")
    year: Annotated[StrictInt, Field(ge=1900, le=2100)] | None = _describe("Tahun", "Tahun dokumen.", default=None)

    @model_validator(mode="after")
    def _file_or_url(self) -> Document:
        if (self.file is None) == (self.url is None):
            raise ValueError("file_or_url")
        return self


class GalleryPhoto(Model):
    """Foto galeri."""

    file: FileRef = _describe("Berkas foto", "Berkas foto di folder kawasan.")
    caption: Text | None = _describe("Keterangan", "Keterangan foto; juga teks alternatif.", default=None)
    date: PartialDate | None = _describe("Tanggal", "Tanggal foto (ISO).", default=None)


class Photos(Model):
    """Foto utama dan galeri."""

    hero: FileRef | None = _describe("Foto utama", "Foto utama kawasan.", default=None)
    gallery: list[GalleryPhoto] = _describe("Galeri", "Galeri: {file, caption, date}.", default_factory=list)


class Indicator(Model):
    """Satu kriteria kumuh: kondisi awal, sasaran, dan ukuran terkini."""

    aspect: Aspect = _describe(
        "Aspek kumuh",
        "Aspek: bangunan, jalan, air_minum, drainase, air_limbah, persampahan, proteksi_kebakaran, ruang_terbuka, other.",
    )
    criterion: Text = _describe("Kriteria", "Kriteria kumuh, misalnya \"kebutuhan air minum tidak terpenuhi\".")
    amount: Annotated[Number, Field(ge=0, le=10**9)] = _describe("Volume", "Berapa banyak yang terdampak pada kondisi awal, misalnya 31.")
    unit: Unit = _describe("Satuan", "Satuan volume: KK, unit, m, ha…")
    percent: Percent = _describe("Persen awal", "Bagian kawasan yang terdampak pada kondisi awal, 0–100.")
    target_percent: Percent = _describe("Target persen", "Bagian yang masih terdampak pada tahun target, 0–100.")
    target_year: Year = _describe("Tahun target", "Tahun target tercapai.")
    now_percent: Percent | None = _describe("Persen terkini", "Ukuran terbaru, 0–100 (boleh kosong).", default=None)
    measured: PartialDate | None = _describe("Tanggal ukur", "Kapan ukuran terbaru diambil (ISO).", default=None)


class Slum(Model):
    """Profil kumuh kawasan: kondisi awal dan target per kriteria."""

    area_ha: Annotated[Number, Field(gt=0, le=1_000_000)] | None = _describe(
        "Luas kumuh (hektare)", "Luas kawasan kumuh dalam hektare.", default=None
    )
    indicators: list[Indicator] = _describe(
        "Kriteria kumuh",
        "Per kriteria: {aspect, criterion, amount, unit, percent, target_percent, target_year, now_percent, measured}.",
        default_factory=list,
    )


class Kawasan(Model):
    """Rencana satu kawasan: isi berkas plans/<slug>/kawasan.yml."""

    name: Text = _describe("Nama kawasan", "Nama kawasan, misalnya \"Kampung Nelayan Tambak Sari\".")
    tagline: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=140), TRANSLATABLE] = _describe(
        "Slogan",
        "Satu kalimat (≤ 140 huruf) yang menjual gagasan; dipakai di kartu, judul, dan pratinjau tautan."
    )
    summary: Markdown = _describe("Ringkasan", "Perkenalan 1–3 paragraf pendek untuk pengunjung baru (Markdown).")
    location: Location = _describe("Letak", "Letak: kelurahan, kecamatan, city, province, coordinates, area_ha.")
    profile: Profile | None = _describe("Profil penduduk", "Angka kependudukan.", default=None)
    slum: Slum | None = _describe(
        "Profil kumuh", "Kondisi kumuh awal dan target per kriteria: dari → menuju, terukur.", default=None
    )
    organization: Organization = _describe("Lembaga (BKM/LKM)", "BKM/LKM pemilik rencana dan kontaknya.")
    transformation: Transformation = _describe("Gagasan transformasi", "Gagasan transformasi sosial: idea, vision, from, to.")
    marketing_mix: MarketingMix | None = _describe("Bauran pemasaran sosial", "Bauran pemasaran sosial (6P).", default=None)
    projects: Annotated[list[Project], Field(min_length=1)] = _describe("Proyek", "Kegiatan RPLP/RTPLP; minimal satu.")
    calls: list[Call] = _describe("Ajakan kemitraan", "Ajakan kemitraan.", default_factory=list)
    partners: list[Partner] = _describe("Mitra", "Mitra yang sudah mendukung.", default_factory=list)
    policy: list[PolicyAsk] = _describe("Usulan kebijakan", "Usulan kebijakan.", default_factory=list)
    documents: list[Document] = _describe("Dokumen", "Dokumen: {title, file atau url, kind, year}.", default_factory=list)
    photos: Photos | None = _describe("Foto", "Foto utama (hero) dan galeri.", default=None)


class NewsPost(Model):
    """Front matter of a news post in news/*.md."""

    title: Text = _describe("Judul", "Judul kabar.")
    date: FullDate = _describe("Tanggal terbit", "Tanggal terbit (ISO lengkap).")
    summary: Text | None = _describe("Ringkasan", "Ringkasan satu-dua kalimat.", default=None)
    image: FileRef | None = _describe("Foto", "Foto kabar di folder kawasan, misalnya photos/kerja-bakti.jpg.", default=None)


@dataclass(frozen=True)
class NewsItem:
    """A news post: ``news/2026-11-02-gotong-royong.md`` has the slug ``gotong-royong``."""

    slug: str
    meta: NewsPost
    body: str
    source: Path


@dataclass(frozen=True)
class Plan:
    """A kawasan that loaded without errors."""

    slug: str
    folder: Path
    source: Path
    kawasan: Kawasan
    news: tuple[NewsItem, ...]
    boundary: dict[str, Any] | None
    lines: Mapping[str, int]
    translations: Mapping[str, Kawasan] = dataclasses.field(default_factory=dict)
    """The plan in other languages (from ``kawasan.<lang>.yml``), untranslated texts as ``Fallback``."""
