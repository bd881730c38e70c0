"""Contact links that work on a phone: WhatsApp click-to-chat, mailto, tel, a GitHub issue."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from ...i18n import Translator
from ...plan.model import Call, Contact, Kawasan, Project


def international_number(number: str) -> str:
    """Indonesian numbers as digits with the country code: ``0812-3456 789`` → ``628123456789``."""
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+"):
        return digits
    if digits.startswith("0"):
        return "62" + digits[1:]
    if digits.startswith("8"):
        return "62" + digits
    return digits


@dataclass(frozen=True)
class ContactLinks:
    """Ready-to-use links for one contact and one subject."""

    whatsapp: str | None
    email: str | None
    phone: str | None
    address: str | None
    whatsapp_display: str | None
    email_display: str | None
    phone_display: str | None


def contact_links(contact: Contact, message: str, subject: str) -> ContactLinks:
    """Links with a prefilled ``message`` (WhatsApp) and ``subject`` (email)."""
    values = (contact.whatsapp, contact.email, contact.phone, contact.address, message, subject)
    key = tuple((type(v), v) for v in values)  # a translation's fallback text is a str subclass: keep it apart
    links = _MEMO.get(key)
    if links is None:
        if len(_MEMO) > 10_000:  # a long `mkdocs serve` session
            _MEMO.clear()
        links = _MEMO[key] = _contact_links(contact, message, subject)
    return links


_MEMO: dict[tuple[tuple[type[object], str | None], ...], ContactLinks] = {}  # every page of a kawasan asks for the same links


def _contact_links(contact: Contact, message: str, subject: str) -> ContactLinks:
    whatsapp = email = phone = None
    if contact.whatsapp:
        whatsapp = f"https://wa.me/{international_number(contact.whatsapp)}?{urlencode({'text': message}, quote_via=quote)}"
    if contact.email:
        email = f"mailto:{quote(contact.email, safe='@')}?{urlencode({'subject': subject, 'body': message}, quote_via=quote)}"
    if contact.phone:
        phone = f"tel:+{international_number(contact.phone)}"
    return ContactLinks(
        whatsapp=whatsapp,
        email=email,
        phone=phone,
        address=contact.address,
        whatsapp_display=contact.whatsapp,
        email_display=contact.email,
        phone_display=contact.phone,
    )


def github_issue_link(repo_url: str | None, title: str, body: str) -> str | None:
    """A prefilled "new issue" link when the site's repository is on GitHub."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    path = parts.path.strip("/").removesuffix(".git")
    if parts.netloc.lower() not in ("github.com", "www.github.com") or path.count("/") != 1:
        return None
    return f"https://github.com/{path}/issues/new?{urlencode({'title': title, 'body': body}, quote_via=quote)}"


def contact_about(t: Translator, k: Kawasan, *, call: Call | None = None, project: Project | None = None) -> ContactLinks:
    """The BKM's contact (or a call's own), with a message naming what it is about."""
    contact = call.contact if call and call.contact else k.organization.contact
    if call:
        message = t.gettext("Hello %(org)s, we would like to respond to the call \"%(call)s\" for %(kawasan)s.") % {
            "org": k.organization.name, "call": call.title, "kawasan": k.name}
        subject = t.gettext("Call for partnership: %(call)s (%(kawasan)s)") % {"call": call.title, "kawasan": k.name}
    elif project:
        message = t.gettext("Hello %(org)s, we would like to support the project \"%(project)s\" in %(kawasan)s.") % {
            "org": k.organization.name, "project": project.title, "kawasan": k.name}
        subject = t.gettext("Support for %(project)s (%(kawasan)s)") % {"project": project.title, "kawasan": k.name}
    else:
        message = t.gettext("Hello %(org)s, we would like to know more about the plan for %(kawasan)s.") % {
            "org": k.organization.name, "kawasan": k.name}
        subject = t.gettext("About the plan for %(kawasan)s") % {"kawasan": k.name}
    return contact_links(contact, message, subject)

def partnership_issue_link(t: Translator, k: Kawasan, repo_url: str | None, about: str) -> str | None:
    """A GitHub issue form for a partnership offer about ``about``, when the site has a repository."""
    title = t.gettext("Partnership offer: %(about)s") % {"about": about}
    body = t.gettext("Kawasan: %(kawasan)s\nWhat we can offer:\nHow to reach us:") % {"kawasan": k.name}
    return github_issue_link(repo_url, title, body)
