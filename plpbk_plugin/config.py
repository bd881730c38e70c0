"""The plugin's options in mkdocs.yml (``plugins: - plpbk: {...}``)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PlpbkConfig(Config):
    """Options of the ``plpbk`` plugin."""

    plans_dir = c.Type(str, default="plans")
    """Folder of the kawasan plans, relative to mkdocs.yml: one subfolder per kawasan."""

    mode = c.Choice(("auto", "portal", "single"), default="auto")
    """``auto``: one kawasan is the whole site, several make a portal; or force ``portal`` / ``single``."""

    languages = c.ListOfItems(c.Choice(("id", "en")), default=[])
    """The site's languages, the first being ``theme.language`` (default: just that one). Each
    other language gets the same pages under ``/<lang>/``, with text from ``kawasan.<lang>.yml``."""

    cache_dir = c.Type(str, default=".cache/plpbk")
    """Where processed photos and share cards are kept between builds (relative to mkdocs.yml)."""

    history = c.Type(bool, default=True)
    """Read the plans' Git history: a Riwayat (history) page per kawasan with its changes and its figures over
    time, "Diperbarui <date>" on every kawasan page, ``last_updated`` and ``history[]`` in data.json and
    ``riwayat.csv``. Needs the whole history (GitHub Actions: ``fetch-depth: 0`` in ``actions/checkout``)."""

    history_authors = c.Type(bool, default=False)
    """Name the author of each change on the Riwayat page (names only; e-mail addresses are never published)."""

    history_feed = c.Type(bool, default=False)
    """Add the plan's changes to the kawasan's RSS feed (and the portal's), beside the news."""

    reference_page = c.Optional(c.Type(str))
    """Where to generate the editors' field reference of kawasan.yml, e.g. ``panduan/referensi.md`` (default: none)."""

    matrix_template = c.Optional(c.Type(str))
    """Where to put the empty investment matrix (the workbook ``plpbk template`` writes) for the editors'
    guide to link to, e.g. ``panduan/rencana-investasi.xlsx`` (default: none)."""

    form_editor = c.Type(bool, default=True)
    """Write the form editor (``admin/``) when ``repo_url`` is a GitHub repository: editors change the plans
    in their browser, committing with their own GitHub token."""

    tiles_url = c.Type(str, default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    """Map tiles for the interactive maps (an XYZ template); pages without JavaScript get an SVG map."""

    tiles_attribution = c.Type(
        str, default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    )
    """The attribution the tile provider requires, shown on every map (HTML)."""

    communities = c.ListOfItems(c.Type(str), default=[])
    """Addresses of community sites' ``data.json`` (https) gathered into this portal: each kawasan
    appears as a card linking to the community's own pages. A portal of communities needs no ``plans/``."""

    communities_timeout = c.Type((int, float), default=15)
    """Seconds one community source may take: connecting, redirects and the whole file."""

    search = c.Type(bool, default=True)
    """Site search with Pagefind in Material's header field (needs the ``pagefind[bin]`` package; drop
    Material's own ``- search`` plugin). ``false``: no search."""

    iati_org_ref = c.Optional(c.Type(str))
    """The IATI organisation identifier of whoever publishes this site's data (``XI-IATI-…``, or a register's prefix
    and number, e.g. ``GB-COH-06368740``; see the guide's page on IATI). With it, each kawasan publishes ``iati.xml``
    (IATI Activity Standard 2.03, one activity per project) and a portal ``/iati.xml``; without it, none."""

    iati_org_name = c.Optional(c.Type(str))
    """The publisher's name in the IATI files (default: the BKM's name on a community's own site, ``site_name`` on a portal)."""

    iati_org_type = c.Type((int, str), default=24)
    """The publisher's IATI OrganisationType code: 24 (a partner-country NGO, such as a BKM), 11 (local government)…"""

    group_above = c.Type(int, default=12)
    """A portal with more kawasan than this lists provinces and cities on its home, with a page for
    each (``/wilayah/<province>/<city>/``), instead of every card."""

    offline = c.Type(bool, default=True)
    """Reading without signal: a service worker (``sw.js``) keeps the pages a visitor reads, every kawasan's
    Beranda offers "Simpan untuk dibaca offline" (its pages, phone-size photos and proposal), and a page
    that is not kept shows ``offline/``. ``false``: no offline reading; the site then ships a worker that
    removes itself and its caches from visitors who installed an earlier one. The web app manifest
    (``manifest.webmanifest``, "Tambahkan ke layar utama") is there either way."""

    short_name = c.Optional(c.Type(str))
    """The app's name under its icon on a phone's home screen (about 12 characters); default: the site's
    name (a community's own site: its kawasan's) when it fits, else its longest run of words that does."""
