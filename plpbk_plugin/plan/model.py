"""The plan of one kawasan as typed objects (the contract of plan-format.md).

Pydantic checks shapes, types, enums and ranges, and gives the JSON Schema;
rules that span several fields live in :mod:`plpbk_plugin.rules`. Field
descriptions are Indonesian: they are what editors read in their YAML tools
and in the generated field reference.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

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
    Phone,
    Rupiah,
    Slug,
    Text,
    Url,
)

SCHEMA_VERSION = 1

Sector = Literal["lingkungan", "sosial", "ekonomi"]
Aspect = Literal[
    "bangunan",
    "jalan",
    "air_minum",
    "drainase",
    "air_limbah",
    "persampahan",
    "proteksi_kebakaran",
    "ruang_terbuka",
    "other",
]
Source = Literal["swadaya", "blm", "apbd_kota", "apbd_provinsi", "apbn", "csr", "donor", "other"]
FundingStatus = Literal["pledged", "committed", "received"]
ProjectStatus = Literal["planned", "seeking_partners", "funded", "in_progress", "completed"]
PartnerType = Literal["pemerintah", "swasta", "perguruan_tinggi", "lsm", "media", "masyarakat", "donor"]
PolicyStatus = Literal["proposed", "in_discussion", "adopted"]
DocumentKind = Literal["rplp", "rtplp", "ded", "report", "other"]

SECTORS: tuple[str, ...] = get_args(Sector)
ASPECTS: tuple[str, ...] = get_args(Aspect)
SOURCES: tuple[str, ...] = get_args(Source)
FUNDING_STATUSES: tuple[str, ...] = get_args(FundingStatus)
PROJECT_STATUSES: tuple[str, ...] = get_args(ProjectStatus)
PARTNER_TYPES: tuple[str, ...] = get_args(PartnerType)
POLICY_STATUSES: tuple[str, ...] = get_args(PolicyStatus)
DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)



def _describe(text: str, **extra: Any) -> Any:
    return Field(description=text, **extra)




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

    source: Source = _describe(
        "Sumber dana: swadaya (swadaya masyarakat), blm (bantuan langsung masyarakat), apbd_kota, "
        "apbd_provinsi, apbn, csr, donor, other."
    )
    amount: Rupiah = _describe("Jumlah dalam rupiah (bilangan bulat, tanpa titik).")
    status: FundingStatus = _describe(
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
    sector: Sector = _describe("Tridaya: lingkungan, sosial, atau ekonomi.")
    aspect: Aspect | None = _describe(
        "Aspek kumuh KOTAKU untuk proyek lingkungan: bangunan, jalan, air_minum, drainase, air_limbah, "
        "persampahan, proteksi_kebakaran, ruang_terbuka, other.",
        default=None,
    )
    cost: Rupiah = _describe("Biaya total dalam rupiah (bilangan bulat, tanpa titik).")
    funding: list[Funding] = _describe("Baris pendanaan: {source, amount, status, partner}.", default_factory=list)
    status: ProjectStatus = _describe(
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
    partner_types: list[PartnerType] = _describe(
        "Siapa yang diajak: pemerintah, swasta, perguruan_tinggi, lsm, media, masyarakat, donor.",
        default_factory=list,
    )
    projects: list[Slug] = _describe("Id proyek kawasan ini yang didukung ajakan.", default_factory=list)
    amount_sought: Rupiah | None = _describe(
        "Dana yang dicari (rupiah); bila kosong, jumlah kekurangan dana proyek yang disebut.", default=None
    )
    deadline: FullDate | None = _describe("Batas waktu (ISO lengkap).", default=None)
    contact: Contact | None = _describe("Kontak khusus ajakan ini; menggantikan kontak BKM.", default=None)


class Partner(Model):
    """Mitra yang sudah mendukung."""

    name: Text = _describe("Nama mitra.")
    type: PartnerType | None = _describe("Jenis mitra.", default=None)
    url: Url | None = _describe("Situs mitra (http/https).", default=None)
    logo: FileRef | None = _describe("Berkas logo di folder kawasan, misalnya logos/mitra.png.", default=None)
    contribution: Text | None = _describe("Apa yang diberikan mitra.", default=None)
    since: Annotated[StrictInt, Field(ge=1900, le=2100)] | None = _describe("Tahun mulai bermitra.", default=None)


class PolicyAsk(Model):
    """Usulan kebijakan."""

    title: Text = _describe("Judul usulan kebijakan.")
    description: Markdown | None = _describe("Uraian (Markdown).", default=None)
    target: Text | None = _describe("Kepada siapa, misalnya \"Pemerintah Kota\".", default=None)
    status: PolicyStatus = _describe(
        "proposed (diusulkan), in_discussion (dibahas), adopted (diterapkan).", default="proposed"
    )


class Document(Model):
    """Dokumen rencana atau laporan."""

    title: Text = _describe("Judul dokumen.")
    file: FileRef | None = _describe("Berkas di folder kawasan, misalnya documents/rplp.pdf.", default=None)
    url: Url | None = _describe("Atau alamat web dokumen (http/https).", default=None)
    kind: DocumentKind = _describe("Jenis: rplp, rtplp, ded, report, other.", default="other")
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
