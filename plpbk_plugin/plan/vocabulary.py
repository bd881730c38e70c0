"""The plan's closed vocabularies: sectors, slum aspects, funding sources and statuses, partner types, kinds."""

from __future__ import annotations

from typing import Literal, get_args

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
Source = Literal[
    "swadaya", "blm", "apbd_kota", "apbd_provinsi", "apbn", "apbn_kl", "hibah", "csr", "swasta", "donor", "other"
]
FundingStatus = Literal["planned", "pledged", "committed", "received"]
ProjectStatus = Literal["planned", "seeking_partners", "funded", "in_progress", "completed"]
PartnerType = Literal["pemerintah", "swasta", "perguruan_tinggi", "lsm", "media", "masyarakat", "donor"]
PolicyStatus = Literal["proposed", "in_discussion", "adopted"]
DocumentKind = Literal["rplp", "rtplp", "ded", "report", "other"]
ProjectKind = Literal["baru", "rehab"]
PhotoRole = Literal["before", "after"]

SECTORS: tuple[str, ...] = get_args(Sector)
ASPECTS: tuple[str, ...] = get_args(Aspect)
SOURCES: tuple[str, ...] = get_args(Source)
FUNDING_STATUSES: tuple[str, ...] = get_args(FundingStatus)
PROJECT_STATUSES: tuple[str, ...] = get_args(ProjectStatus)
PARTNER_TYPES: tuple[str, ...] = get_args(PartnerType)
POLICY_STATUSES: tuple[str, ...] = get_args(PolicyStatus)
DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
PROJECT_KINDS: tuple[str, ...] = get_args(ProjectKind)
PHOTO_ROLES: tuple[str, ...] = get_args(PhotoRole)
