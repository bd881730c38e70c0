"""Progress with photo evidence: a project's dated notes with their photos on its page, in the feed and in Riwayat.

Real builds of a kawasan in a Git repository: the plan first without the note, then with it.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from helpers.gitrepo import GitRepo
from helpers.plans import MINIMAL_PLAN, plan
from helpers.sitebuild import build_site, page, write_photo, write_site
from plpbk_plugin.plan.history.changes import Note, ProjectState, Snapshot, compare
from plpbk_plugin.plan.model import Kawasan
from plpbk_plugin.site.pages.progress import published, timeline

MEDIA = "{http://search.yahoo.com/mrss/}"


def progress_plan(with_note: bool) -> dict:
    data = plan()
    project = data["projects"][0]
    project["updates"] = [{"date": "2026-06-01", "text": "Pekerjaan dimulai dengan gotong royong."}]
    if with_note:
        project["updates"].insert(0, {
            "date": "2026-09-14",
            "text": "Pengecoran selesai sepanjang 200 meter.",
            "photos": [
                {"file": "photos/sebelum.jpg", "caption": "Jalan tergenang, Mei 2026.", "role": "before"},
                {"file": "photos/sesudah.jpg", "caption": "Jalan baru, September 2026.", "role": "after"},
            ],
        })
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = GitRepo(tmp_path_factory.mktemp("kemajuan") / "situs")
    for name, colour in (("hero", "#2a9d8f"), ("sebelum", "#6b705c"), ("sesudah", "#e9c46a")):
        write_photo(repo.root / "plans" / "kampung-uji" / "photos" / f"{name}.jpg", (1200, 800), colour)
    repo.write_plan("kampung-uji", progress_plan(False))
    repo.commit("Rencana pertama", "2026-06-02T10:00:00+07:00")
    repo.write_plan("kampung-uji", progress_plan(True))
    repo.commit("Kemajuan September dengan foto", "2026-09-15T10:00:00+07:00")
    write_site(repo.root, plugin={"mode": "portal", "languages": ["id", "en"]})
    return build_site(repo.root)


@pytest.mark.slow
def test_the_project_page_shows_a_dated_timeline_with_the_photos(built: Path) -> None:
    html = page(built, "kampung-uji/rencana/jalan-rw-03")
    timeline_html = html.split('id="kemajuan"')[1].split("</section>")[0]
    assert timeline_html.index("14 September 2026") < timeline_html.index("1 Juni 2026"), "newest first"
    note = timeline_html.split('id="kemajuan-2026-09-14"')[1].split("</li>")[0]
    assert note.count("<picture>") == 2 and note.count('loading="lazy"') == 2
    assert 'alt="Jalan tergenang, Mei 2026."' in note and "srcset=" in note
    assert '<span class="plpbk-badge plpbk-role-before">Sebelum</span> Jalan tergenang, Mei 2026.' in note
    assert '<span class="plpbk-badge plpbk-role-after">Sesudah</span>' in note
    for src in re.findall(r'src="([^"]+)"', note):  # every photo variant is published
        assert (built / "kampung-uji" / "rencana" / "jalan-rw-03" / src).resolve().is_file(), src
    english = page(built, "en/kampung-uji/rencana/jalan-rw-03")
    assert '<span class="plpbk-badge plpbk-role-before">Before</span>' in english


@pytest.mark.slow
def test_a_note_with_photos_is_a_feed_item_with_its_image(built: Path) -> None:
    for feed in (built / "kampung-uji" / "feed.xml", built / "feed.xml"):
        items = ET.parse(feed).getroot().findall("channel/item")
        [item] = [i for i in items if i.find(f"{MEDIA}content") is not None]
        assert item.findtext("title") == "Kemajuan: Jalan RW 03"
        assert item.findtext("link") == "https://contoh.github.io/portal/kampung-uji/rencana/jalan-rw-03/#kemajuan-2026-09-14"
        assert item.findtext("pubDate") == "Mon, 14 Sep 2026 00:00:00 +0700"
        media = item.find(f"{MEDIA}content")
        assert media.get("medium") == "image" and media.get("type") == "image/jpeg"
        assert (media.get("width"), media.get("height")) == ("960", "640")
        url = media.get("url")
        assert url.startswith("https://contoh.github.io/portal/assets/plpbk/img/")
        assert (built / url.removeprefix("https://contoh.github.io/portal/")).is_file()
        assert media.findtext(f"{MEDIA}description") == "Jalan tergenang, Mei 2026."
    # the note without photos stays on the page only
    assert "Pekerjaan dimulai" not in (built / "kampung-uji" / "feed.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_riwayat_tells_of_the_note_and_shows_its_photos(built: Path) -> None:
    html = page(built, "kampung-uji/riwayat").split('id="perubahan"')[1]
    newest = html.split('<li id="c-')[1]
    assert ('Kemajuan <a href="../rencana/jalan-rw-03/#kemajuan-2026-09-14"><em>Jalan RW 03</em></a>, 14 September 2026: '
            "<em>Pengecoran selesai sepanjang 200 meter.</em> (2 foto)") in newest
    assert newest.count("<picture>") == 2
    data = json.loads((built / "kampung-uji" / "data.json").read_text(encoding="utf-8"))
    [change] = [c for entry in data["history"] for c in entry["changes"] if c["kind"] == "project_update"]
    assert (change["new"], change["note"], change["photos"]) == ("2026-09-14", "Pengecoran selesai sepanjang 200 meter.",
                                                               ["photos/sebelum.jpg", "photos/sesudah.jpg"])


def _state(notes: tuple[Note, ...]) -> Snapshot:
    project = ProjectState("jalan", "Jalan", "in_progress", 10, None, 0, 0, (), notes)
    return Snapshot("Kampung", (project,), (), (), (), Snapshot.of(Kawasan.model_validate(MINIMAL_PLAN)).totals)


def test_a_note_counts_as_new_once_and_again_only_when_it_gains_photos() -> None:
    first = Note("2026-06-01", "Mulai.")
    typo_fixed = Note("2026-06-01", "Mulai bersama warga.")
    with_photo = Note("2026-06-01", "Mulai bersama warga.", ("photos/a.jpg",))
    assert compare(_state(()), _state((first,)))[0].kind == "project_update"
    assert compare(_state((first,)), _state((typo_fixed,))) == []
    [gained] = compare(_state((typo_fixed,)), _state((with_photo,)))
    assert (gained.old, gained.new, gained.photos) == ("2026-06-01", "2026-06-01", ("photos/a.jpg",))
    second_same_day = Note("2026-06-01", "Sore: pengecoran.")
    [added] = compare(_state((with_photo,)), _state((with_photo, second_same_day)))
    assert (added.old, added.note) == (None, "Sore: pengecoran.")
    assert Snapshot.from_json(_state((with_photo,)).to_json()) == _state((with_photo,))


def test_notes_of_one_day_get_their_own_anchors_and_partial_dates_a_moment() -> None:
    data = plan()
    data["projects"][0]["updates"] = [
        {"date": "2026-06-01", "text": "Pagi."}, {"date": "2026-06-01", "text": "Sore."}, {"date": "2026-07", "text": "Juli."},
    ]
    steps = timeline(Kawasan.model_validate(data).projects[0])
    assert [(s.anchor, s.update.text) for s in steps] == [
        ("kemajuan-2026-07", "Juli."), ("kemajuan-2026-06-01", "Pagi."), ("kemajuan-2026-06-01-2", "Sore.")]
    assert published("2026-07").isoformat() == "2026-07-01T00:00:00+07:00"
    assert published("2027").isoformat() == "2027-01-01T00:00:00+07:00"
