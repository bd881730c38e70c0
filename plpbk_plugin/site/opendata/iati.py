"""IATI activity data (IATI Activity Standard 2.03): ``<slug>/iati.xml`` and, on a portal, ``/iati.xml``.

One ``iati-activity`` per project, reported by the organisation the site names (``iati_org_ref``):
the cost as budgets (one per year of the project's phases, indicative), each funding line as a
transaction (pledged → 13 Incoming Pledge, committed → 11 Incoming Commitment, received → 1 Incoming
Funds) with its provider's name, planned sources as planned disbursements, the status as the
ActivityStatus code, the dates, the place as a point, the Tridaya sector and slum aspect as a DAC
5-digit sector (:data:`SECTORS`, the one table the editors' guide reproduces) beside plpbk's own
classification, and the text in every language of the site (a translation overlay's text where it
has one). Money is IDR; transactions and budgets are dated by the plan's last change (its Git
history), else by the build date. Output depends only on the plans and that date.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ...i18n import Translator, translator
from ...plan.figures import phases
from ...plan.labels import label
from ...plan.model import Funding, Kawasan, Project
from ...plan.reading.overlays import Fallback
from ..pages.microsite import Microsite, in_language
from ..settings import IatiPublisher

VERSION = "2.03"
FILE = "iati.xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"

SECTORS: dict[tuple[str, str | None], tuple[str, str]] = {
    ("lingkungan", "bangunan"): ("16040", "Low-cost housing"),
    ("lingkungan", "jalan"): ("21020", "Road transport"),
    ("lingkungan", "air_minum"): ("14031", "Basic drinking water supply"),
    ("lingkungan", "drainase"): ("43030", "Urban development and management"),
    ("lingkungan", "air_limbah"): ("14032", "Basic sanitation"),
    ("lingkungan", "persampahan"): ("14050", "Waste management/disposal"),
    ("lingkungan", "proteksi_kebakaran"): ("15133", "Fire and rescue services"),
    ("lingkungan", "ruang_terbuka"): ("43030", "Urban development and management"),
    ("lingkungan", "other"): ("43030", "Urban development and management"),
    ("lingkungan", None): ("43030", "Urban development and management"),
    ("sosial", None): ("16050", "Multisector aid for basic social services"),
    ("ekonomi", None): ("16020", "Employment creation"),
}
"""Tridaya sector and slum aspect → DAC 5-digit sector code (IATI SectorVocabulary 1) and its name.
Social and economic projects map by sector alone (their aspect, if any, does not change the code)."""

ACTIVITY_STATUS = {"planned": "1", "seeking_partners": "1", "funded": "1", "in_progress": "2", "completed": "4"}
"""Project status → IATI ActivityStatus: 1 Pipeline/identification, 2 Implementation, 4 Closed."""
TRANSACTION_TYPE = {"pledged": "13", "committed": "11", "received": "1"}
"""Funding status → IATI TransactionType: 13 Incoming Pledge, 11 Incoming Commitment, 1 Incoming Funds."""
PROVIDER_TYPE = {"apbd_kota": "11", "apbd_provinsi": "11", "apbn": "10", "apbn_kl": "10", "blm": "10", "csr": "70", "swasta": "70"}
"""Funding source → IATI OrganisationType of its provider, where the source says it (10 Government,
11 Local Government, 70 Private Sector); community, grant, donor and other sources leave it out."""
IMPLEMENTER_TYPE = "24"  # the BKM: Partner Country based NGO
ORGANISATION_TYPES = frozenset({"10", "11", "15", "21", "22", "23", "24", "30", "40", "60", "70", "71", "72", "73", "80", "90"})
"""IATI OrganisationType codes (the codelist of version 2.03)."""
_REF = re.compile(r"[A-Z]{2}-[A-Z0-9]+-[A-Za-z0-9_.:-]+")
"""An organisation identifier: a registration agency's prefix (``GB-COH``, ``XI-IATI``…) and the number it gave;
letters, digits, hyphen, underscore, colon or period (IATI's rules for reporting-org/@ref)."""


def iati_publisher(ref: str | None, name: str | None, kind: str | int, t: Translator) -> IatiPublisher | None:
    """The site's IATI publisher from its options (``None`` without ``iati_org_ref``); ``ValueError`` with the reason."""
    if ref is None:
        return None
    if not _REF.fullmatch(ref.strip()):
        raise ValueError(t.gettext(
            "iati_org_ref: %(ref)s is not an IATI organisation identifier: write the prefix of the register that lists your "
            "organisation and its number there, such as XI-IATI-1001 or GB-COH-06368740 (see the guide's page on IATI).") % {"ref": ref})
    if str(kind) not in ORGANISATION_TYPES:
        raise ValueError(t.gettext("iati_org_type: %(type)s is not an IATI OrganisationType code (%(codes)s).")
                         % {"type": kind, "codes": ", ".join(sorted(ORGANISATION_TYPES))})
    return IatiPublisher(ref.strip(), name.strip() if name else None, str(kind))


def sector(project: Project) -> tuple[str, str]:
    """The DAC 5-digit code and name of a project (:data:`SECTORS`)."""
    aspect = project.aspect if project.sector == "lingkungan" else None
    return SECTORS[(project.sector, aspect)]


def as_of(site: Microsite) -> dt.date:
    """The date the data describes: the plan's last change, else the day of the build."""
    return (site.history.last_updated if site.history else None) or site.settings.today


def iati_xml(sites: Sequence[Microsite], publisher: IatiPublisher) -> bytes:
    """An ``iati-activities`` document of every project of ``sites`` (microsites in the site's first language)."""
    root = ET.Element("iati-activities", {"version": VERSION})
    for site in sites:
        for project in site.kawasan.projects:
            root.append(_activity(site, project, publisher))
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _activity(site: Microsite, project: Project, publisher: IatiPublisher) -> ET.Element:
    k, urls, languages = site.kawasan, site.settings.urls, site.settings.languages
    texts = {lang: _project(in_language(site.plan, lang).kawasan, project.id) for lang in languages[1:]}
    day = as_of(site).isoformat()
    attributes = {XML_LANG: languages[0], "default-currency": "IDR"}
    if site.history and site.history.entries:
        attributes["last-updated-datetime"] = site.history.entries[-1].commit.date.isoformat()
    page = urls.absolute(site.url("rencana", project.id))
    if page:
        attributes["linked-data-uri"] = page
    activity = ET.Element("iati-activity", attributes)
    _text(activity, "iati-identifier", f"{publisher.ref}-{site.plan.slug}-{project.id}")
    name = publisher.name or (k.organization.name if not site.home else site.settings.site_name)
    _narratives(ET.SubElement(activity, "reporting-org", {"ref": publisher.ref, "type": publisher.type}), {languages[0]: str(name)})
    _narratives(ET.SubElement(activity, "title"), {languages[0]: project.title, **{lang: p.title for lang, p in texts.items()}})
    summary = {languages[0]: project.summary, **{lang: p.summary for lang, p in texts.items()}}
    _narratives(ET.SubElement(activity, "description", {"type": "1"}), summary)
    implementer = ET.SubElement(activity, "participating-org", {"role": "4", "type": IMPLEMENTER_TYPE})
    _narratives(implementer, {languages[0]: k.organization.name})
    funders = dict.fromkeys(_provider(line, languages[0]) for line in project.funding if line.status in TRANSACTION_TYPE)
    for funder in funders:
        _narratives(ET.SubElement(activity, "participating-org", {"role": "1"}), {languages[0]: funder})
    ET.SubElement(activity, "activity-status", {"code": ACTIVITY_STATUS[project.status]})
    _dates(activity, project, day)
    _contact(activity, k, urls.absolute(site.url()), languages[0])
    ET.SubElement(activity, "activity-scope", {"code": "8"})  # Single location
    ET.SubElement(activity, "recipient-country", {"code": "ID", "percentage": "100"})
    _location(activity, project, k, languages[0])
    _sectors(activity, project, languages)
    _money(activity, project, k, day, languages[0])
    if page:
        link = ET.SubElement(activity, "document-link", {"url": page, "format": "text/html"})
        _narratives(ET.SubElement(link, "title"), {languages[0]: project.title, **{lang: p.title for lang, p in texts.items()}})
        ET.SubElement(link, "category", {"code": "A12"})  # Activity web page
    return activity

def _sectors(activity: ET.Element, project: Project, languages: Sequence[str]) -> None:
    """The project's DAC sector, and its own sector and aspect (vocabulary 99) in every language of the site."""
    code, dac_name = sector(project)
    _narratives(ET.SubElement(activity, "sector", {"vocabulary": "1", "code": code, "percentage": "100"}), {"en": dac_name})
    own = f"{project.sector}.{project.aspect}" if project.aspect else project.sector
    kind = {lang: label(translator(lang), "sector", project.sector) + (
        f": {label(translator(lang), 'aspect', project.aspect)}" if project.aspect else "") for lang in languages}
    _narratives(ET.SubElement(activity, "sector", {"vocabulary": "99", "code": own, "percentage": "100"}), kind)


def _money(activity: ET.Element, project: Project, k: Kawasan, day: str, lang: str) -> None:
    """The budget by period, the planned disbursements and the money secured or pledged (transactions)."""
    periods = _periods(project, day)
    for (start, end), cost in periods:
        budget = ET.SubElement(activity, "budget", {"type": "1", "status": "1"})
        ET.SubElement(budget, "period-start", {"iso-date": start})
        ET.SubElement(budget, "period-end", {"iso-date": end})
        _text(budget, "value", str(cost), {"value-date": start})
    for line in (line for line in project.funding if line.status == "planned"):
        planned = ET.SubElement(activity, "planned-disbursement", {"type": "1"})
        ET.SubElement(planned, "period-start", {"iso-date": periods[0][0][0]})
        ET.SubElement(planned, "period-end", {"iso-date": periods[-1][0][1]})
        _text(planned, "value", str(line.amount), {"value-date": periods[0][0][0]})
        _parties(planned, line, k, lang)
    for line in (line for line in project.funding if line.status in TRANSACTION_TYPE):
        transaction = ET.SubElement(activity, "transaction")
        ET.SubElement(transaction, "transaction-type", {"code": TRANSACTION_TYPE[line.status]})
        ET.SubElement(transaction, "transaction-date", {"iso-date": day})
        _text(transaction, "value", str(line.amount), {"value-date": day})
        if line.in_kind:
            _narratives(ET.SubElement(transaction, "description"), {lang: line.in_kind})
        _parties(transaction, line, k, lang)


def _project(kawasan: Kawasan, project_id: str) -> Project:
    return next(p for p in kawasan.projects if p.id == project_id)


def _text(parent: ET.Element, tag: str, text: str, attributes: dict[str, str] | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes or {})
    element.text = text
    return element


def _narratives(parent: ET.Element, texts: dict[str, str]) -> None:
    """One narrative per language, the first (the activity's default language) without ``xml:lang``;
    a text shown untranslated on the site (:class:`Fallback`) is not repeated as if it were a translation."""
    for index, (lang, text) in enumerate(texts.items()):
        if index and isinstance(text, Fallback):
            continue
        _text(parent, "narrative", str(text), {XML_LANG: lang} if index else {})


def _provider(line: Funding, lang: str) -> str:
    return str(line.partner) if line.partner else label(translator(lang), "source", line.source)


def _parties(parent: ET.Element, line: Funding, kawasan: Kawasan, lang: str) -> None:
    """Who gives (the line's partner, else its source) and who receives (the BKM)."""
    provider = ET.SubElement(parent, "provider-org", {"type": PROVIDER_TYPE[line.source]} if line.source in PROVIDER_TYPE else {})
    _narratives(provider, {lang: _provider(line, lang)})
    _narratives(ET.SubElement(parent, "receiver-org", {"type": IMPLEMENTER_TYPE}), {lang: kawasan.organization.name})


def _first_day(date: str) -> str:
    parts = date.split("-")
    return "-".join([*parts, *["01"] * (3 - len(parts))])


def _last_day(date: str) -> str:
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return date
    year, month = parts[0], parts[1] if len(parts) == 2 else 12
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).isoformat()


def _dates(activity: ET.Element, project: Project, day: str) -> None:
    """Start and end as planned (1, 3) or actual (2, 4) by the project's status; without either, the years of its phases."""
    started = project.status in ("in_progress", "completed")
    start = _first_day(str(project.start)) if project.start else None
    end = _last_day(str(project.end)) if project.end else None
    years = sorted({phase.year for phase in phases(project) if phase.year is not None})
    if start is None and end is None and years:
        start, end = f"{years[0]}-01-01", f"{years[-1]}-12-31"
    if start is None and end is None:
        start = day  # a plan that gives no date: the activity as of the data's date
    if start:
        ET.SubElement(activity, "activity-date", {"type": "2" if started else "1", "iso-date": start})
    if end:
        ET.SubElement(activity, "activity-date", {"type": "4" if project.status == "completed" else "3", "iso-date": end})


def _periods(project: Project, day: str) -> list[tuple[tuple[str, str], int]]:
    """Each phase's cost over its calendar year (a phase without a year: the year of the data's date)."""
    return [((f"{year}-01-01", f"{year}-12-31"), cost) for year, cost in
            ((phase.year or int(day[:4]), phase.cost) for phase in phases(project))]


def _contact(activity: ET.Element, kawasan: Kawasan, website: str | None, lang: str) -> None:
    org = kawasan.organization
    info = ET.SubElement(activity, "contact-info", {"type": "1"})  # General Enquiries
    _narratives(ET.SubElement(info, "organisation"), {lang: org.name})
    phone = org.contact.phone or org.contact.whatsapp
    if phone:
        _text(info, "telephone", phone)
    if org.contact.email:
        _text(info, "email", org.contact.email)
    if website:
        _text(info, "website", website)
    if org.contact.address:
        _narratives(ET.SubElement(info, "mailing-address"), {lang: org.contact.address})


def _location(activity: ET.Element, project: Project, kawasan: Kawasan, lang: str) -> None:
    """The project's own point (exact), else the kawasan's centre (approximate); none without coordinates."""
    point = project.location or kawasan.location.coordinates
    if point is None:
        return
    location = ET.SubElement(activity, "location")
    ET.SubElement(location, "location-reach", {"code": "1"})  # the activity happens here
    place = f"{project.place}, {kawasan.location.kelurahan}" if project.place else f"{kawasan.name}, {kawasan.location.kelurahan}"
    _narratives(ET.SubElement(location, "name"), {lang: f"{place}, {kawasan.location.city}"})
    where = ET.SubElement(location, "point", {"srsName": WGS84})
    _text(where, "pos", f"{round(float(point.lat), 6)} {round(float(point.lon), 6)}")
    ET.SubElement(location, "exactness", {"code": "1" if project.location else "2"})
    ET.SubElement(location, "location-class", {"code": "2"})  # Populated Place
