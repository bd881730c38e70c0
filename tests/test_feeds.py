"""RSS 2.0 news feeds of a kawasan and of the portal."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
import yaml

from helpers.plans import BASE
from helpers.plans import plan as new_plan
from helpers.sitebuild import REPO
from helpers.sitebuild import write_plan as write_plan_folder
from plpbk_plugin.plan.model import NewsItem, Plan
from plpbk_plugin.plan.reading.loading import load_plans
from plpbk_plugin.site.opendata.feeds import first_paragraph, kawasan_feed, portal_feed, rfc822
from plpbk_plugin.site.urls import Urls

URLS = Urls(site_url="https://contoh.github.io/portal/")
ATOM = "{http://www.w3.org/2005/Atom}"
TRICKY_TITLE = 'Air & <Listrik> "bersih" untuk RW 05'


def post(title: str, date: str, body: str, summary: str | None = None) -> str:
    meta = {"title": title, "date": date, **({"summary": summary} if summary else {})}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


NEWS = {
    "2026-03-02-jalan-selesai.md": post("Jalan selesai", "2026-03-02", "Badan.", summary="Jalan RW 03 selesai & diresmikan."),
    "2026-11-02-air-bersih.md": post(
        TRICKY_TITLE,
        "2026-11-02",
        "## Judul\n\n![foto](photos/x.jpg)\n\nWarga *memasang* pipa [bersama](https://contoh.org) PDAM: 3 < 5 & lancar.\n\nParagraf kedua.",
    ),
    "2026-09-14-pompa.md": post("Pompa dibangun", "2026-09-14", "Fondasi dicor."),
}


def item_url(slug: str):
    return lambda item: URLS.absolute(URLS.page(f"{slug}/kabar/{item.slug}"))


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    write_plan_folder(tmp_path / "plans", "kampung-uji", new_plan(BASE), news=NEWS)
    result = load_plans(tmp_path / "plans")
    assert not result.problems, [str(p) for p in result.problems]
    return result.plans[0]


@pytest.fixture(scope="module")
def demo() -> list[Plan]:
    result = load_plans(REPO / "plans")
    assert not result.problems
    return list(result.plans)


def feed_of(plan: Plan) -> bytes:
    return kawasan_feed(
        plan,
        title="Kabar Kampung Uji",
        link=URLS.absolute(URLS.page(f"{plan.slug}/kabar")),
        self_url=URLS.absolute(f"{plan.slug}/feed.xml"),
        item_url=item_url(plan.slug),
        lang="id",
    )


def test_feed_items_newest_first_with_absolute_links(plan: Plan) -> None:
    data = feed_of(plan)
    root = ET.fromstring(data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Kabar Kampung Uji"
    assert channel.findtext("link") == "https://contoh.github.io/portal/kampung-uji/kabar/"
    assert channel.findtext("language") == "id"
    assert channel.findtext("description") == "Tagline uji."
    self_link = channel.find(f"{ATOM}link")
    assert self_link.attrib == {"href": "https://contoh.github.io/portal/kampung-uji/feed.xml", "rel": "self", "type": "application/rss+xml"}
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [TRICKY_TITLE, "Pompa dibangun", "Jalan selesai"]
    assert [i.findtext("link") for i in items] == [
        "https://contoh.github.io/portal/kampung-uji/kabar/air-bersih/",
        "https://contoh.github.io/portal/kampung-uji/kabar/pompa/",
        "https://contoh.github.io/portal/kampung-uji/kabar/jalan-selesai/",
    ]
    for item in items:
        assert item.findtext("guid") == item.findtext("link") and item.find("guid").get("isPermaLink") == "true"
        assert item.findtext("link").startswith("https://")
    assert items[0].findtext("pubDate") == "Mon, 02 Nov 2026 00:00:00 +0700"
    dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert dates == sorted(dates, reverse=True)
    assert channel.findtext("lastBuildDate") == items[0].findtext("pubDate")


def test_feed_escapes_titles_and_descriptions(plan: Plan) -> None:
    data = feed_of(plan)
    assert b"<title>Air &amp; &lt;Listrik&gt; \"bersih\" untuk RW 05</title>" in data
    assert b"<Listrik>" not in data
    items = ET.fromstring(data).find("channel").findall("item")
    # Description is HTML for feed readers: plain text arrives entity-encoded, shows as written.
    first = html.unescape(items[0].findtext("description"))
    assert first == "Warga memasang pipa bersama PDAM: 3 < 5 & lancar."
    assert html.unescape(items[2].findtext("description")) == "Jalan RW 03 selesai & diresmikan."
    assert items[1].findtext("description") == "Fondasi dicor."


def test_feed_is_byte_stable(plan: Plan) -> None:
    assert feed_of(plan) == feed_of(plan)
    assert feed_of(plan).startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<rss")


def test_demo_feed(demo: list[Plan]) -> None:
    tambak = next(p for p in demo if p.slug == "tambak-sari")
    items = ET.fromstring(feed_of(tambak)).find("channel").findall("item")
    assert [i.findtext("link").rsplit("/", 2)[-2] for i in items] == [
        "gotong-royong-mangrove", "rumah-pompa-mulai-dibangun", "jalan-rw03-diresmikan"]
    assert all(i.findtext("category") == "Kampung Nelayan Tambak Sari" for i in items)


def test_portal_feed_merges_all_news(demo: list[Plan]) -> None:
    def url(plan: Plan, item: NewsItem) -> str:
        return URLS.absolute(URLS.page(f"{plan.slug}/kabar/{item.slug}"))

    data = portal_feed(demo, title="Uji Portal", link=URLS.absolute(""), self_url=URLS.absolute("feed.xml"), item_url=url, lang="id")
    channel = ET.fromstring(data).find("channel")
    items = channel.findall("item")
    assert len(items) == sum(len(p.news) for p in demo) == 4
    dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert dates == sorted(dates, reverse=True)
    assert items[0].findtext("link") == "https://contoh.github.io/portal/tambak-sari/kabar/gotong-royong-mangrove/"
    assert {i.findtext("category") for i in items} == {"Kampung Nelayan Tambak Sari", "Cigadung Hijau"}
    assert channel.findtext("description") == "Uji Portal"
    assert data == portal_feed(demo, title="Uji Portal", link=URLS.absolute(""), self_url=URLS.absolute("feed.xml"), item_url=url, lang="id")
    limited = portal_feed(demo, title="T", link="https://x.org/", self_url="https://x.org/feed.xml", item_url=url, lang="id", limit=2)
    assert len(ET.fromstring(limited).find("channel").findall("item")) == 2


def test_helpers() -> None:
    assert rfc822("2026-01-05") == "Mon, 05 Jan 2026 00:00:00 +0700"
    assert first_paragraph("# H\n\n| a | b |\n\n**Tebal** dan `kode`\nbaris dua.") == "Tebal dan kode baris dua."
    assert first_paragraph("") == ""
    assert len(first_paragraph("kata " * 200)) == 400
