"""Visitor-facing names of the plan's enum values (English msgids, translated by i18n)."""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import N_, Translator

PROJECT_STATUS = {
    "planned": N_("Planned"),
    "seeking_partners": N_("Seeking partners"),
    "funded": N_("Funded"),
    "in_progress": N_("In progress"),
    "completed": N_("Completed"),
}
SECTOR = {
    "lingkungan": N_("Environment"),
    "sosial": N_("Social"),
    "ekonomi": N_("Economic"),
}
ASPECT = {
    "bangunan": N_("Buildings"),
    "jalan": N_("Neighbourhood roads"),
    "air_minum": N_("Drinking water"),
    "drainase": N_("Drainage"),
    "air_limbah": N_("Wastewater"),
    "persampahan": N_("Solid waste"),
    "proteksi_kebakaran": N_("Fire protection"),
    "ruang_terbuka": N_("Open space"),
    "other": N_("Other"),
}
SOURCE = {
    "swadaya": N_("Community self-help (swadaya)"),
    "blm": N_("Programme grant (BLM)"),
    "apbd_kota": N_("City/regency budget (APBD)"),
    "apbd_provinsi": N_("Provincial budget (APBD)"),
    "apbn": N_("National budget (APBN)"),
    "apbn_kl": N_("Other ministries' national budget (APBN K/L)"),
    "hibah": N_("Grant or special allocation (Hibah/DAK)"),
    "csr": N_("Corporate CSR"),
    "swasta": N_("Private sector"),
    "donor": N_("Donor"),
    "other": N_("Other"),
}
FUNDING_STATUS = {
    "planned": N_("Planned"),
    "pledged": N_("Pledged"),
    "committed": N_("Committed"),
    "received": N_("Received"),
}
PARTNER_TYPE = {
    "pemerintah": N_("Government"),
    "swasta": N_("Private sector"),
    "perguruan_tinggi": N_("Universities"),
    "lsm": N_("NGOs"),
    "media": N_("Media"),
    "masyarakat": N_("Community"),
    "donor": N_("Donors"),
}
POLICY_STATUS = {
    "proposed": N_("Proposed"),
    "in_discussion": N_("In discussion"),
    "adopted": N_("Adopted"),
}
DOCUMENT_KIND = {
    "rplp": N_("RPLP (settlement plan)"),
    "rtplp": N_("RTPLP (action plan)"),
    "ded": N_("DED (detailed design)"),
    "report": N_("Report"),
    "other": N_("Other"),
}
PROJECT_KIND = {
    "baru": N_("New"),
    "rehab": N_("Rehabilitation"),
}
PHOTO_ROLE = {
    "before": N_("Before"),
    "after": N_("After"),
}
MARKETING_MIX = {
    "product": N_("Product"),
    "price": N_("Price"),
    "place": N_("Place"),
    "promotion": N_("Promotion"),
    "partnership": N_("Partnership"),
    "policy": N_("Policy"),
}

_TABLES = {
    "project_status": PROJECT_STATUS,
    "sector": SECTOR,
    "aspect": ASPECT,
    "source": SOURCE,
    "funding_status": FUNDING_STATUS,
    "partner_type": PARTNER_TYPE,
    "policy_status": POLICY_STATUS,
    "document_kind": DOCUMENT_KIND,
    "project_kind": PROJECT_KIND,
    "photo_role": PHOTO_ROLE,
    "marketing_mix": MARKETING_MIX,
}


def label(t: Translator, table: str, value: str) -> str:
    """The translated name of ``value`` in one of the tables above."""
    return t.gettext(_TABLES[table][value])


def table_of(values: Iterable[str]) -> dict[str, str] | None:
    """The table naming exactly these values (an enum of the model), or ``None``."""
    wanted = set(values)
    return next((table for table in _TABLES.values() if set(table) == wanted), None)
