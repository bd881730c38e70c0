"""Every way a community's server answers, against real loopback servers: the portal reads it or names it, never breaks.

Each fault of helpers.faults is gathered as a portal gathers it: a source that works becomes a
community; one that fails is left out with a message naming its URL and the reason, or shown
from its last good copy, saying so. Then one portal build with every fault at once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.loopback import Loopback, self_signed
from helpers.faults import DEADLINE, FAULTS, Fault, addresses
from helpers.sitebuild import write_site
from helpers.sources import community_data
from plpbk_plugin.i18n import translator
from plpbk_plugin.site.sources.communities import CACHE_FOLDER, gather
from plpbk_plugin.site.sources.fetching import Validators
from plpbk_plugin.site.sources.source_cache import Copy, SourceCache

NOW = dt.datetime(2026, 12, 1, 5, 0, tzinfo=dt.UTC)
T = translator("id")


@pytest.fixture(scope="module")
def doc() -> bytes:
    return json.dumps(community_data("tambak-sari", "https://bkm-tambak-sari.github.io/")).encode()


@pytest.fixture
def server():
    with Loopback() as running:
        yield running


@pytest.fixture(scope="module")
def tls_server():
    with Loopback(tls=self_signed()) as running:
        yield running


def keep_copy(cache: Path, url: str, body: bytes) -> None:
    """The last good copy an earlier build kept of ``url``."""
    SourceCache(cache / CACHE_FOLDER).put(url, Copy(body, Validators(etag='"old"'), NOW, NOW))


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)
def test_each_server_behaviour_is_read_or_named(fault: Fault, server: Loopback, doc: bytes, tmp_path: Path) -> None:
    url = fault.serve(server, doc)
    [found] = gather([url], tmp_path, timeout=DEADLINE, now=lambda: NOW)
    if fault.reason is None:
        assert found.state == "fresh" and found.community is not None, found.problem
        assert found.community.kawasan.name == "Kampung Nelayan Tambak Sari" and found.messages(T) == []
        return
    assert found.state == "missing" and found.problem is not None and found.problem.reason == fault.reason
    [message] = found.messages(T)
    assert url in message and fault.words in message and "tidak ditampilkan" in message, message


@pytest.mark.parametrize("fault", [f for f in FAULTS if f.reason], ids=lambda fault: fault.name)
def test_a_failing_source_shows_its_last_good_copy(fault: Fault, server: Loopback, doc: bytes, tmp_path: Path) -> None:
    url = fault.serve(server, doc)
    keep_copy(tmp_path, url, doc)
    [found] = gather([url], tmp_path, timeout=DEADLINE, now=lambda: NOW + dt.timedelta(days=2))
    assert found.state == "cached" and found.community is not None and found.community.stale
    [message] = found.messages(T)
    assert url in message and fault.words in message and "salinan baik terakhirnya, dari 1 Desember 2026" in message, message


@pytest.mark.parametrize("name", ["self-signed", "no-such-name", "closed-port"])
def test_addresses_that_cannot_be_reached_are_named(name: str, tls_server: Loopback, doc: bytes, tmp_path: Path) -> None:
    url, reason, words = addresses(tls_server)[name]
    [found] = gather([url], tmp_path, timeout=DEADLINE, now=lambda: NOW)
    assert found.state == "missing" and found.problem is not None and found.problem.reason == reason
    [message] = found.messages(T)
    assert url in message and words in message, message
    keep_copy(tmp_path, url, doc)
    [again] = gather([url], tmp_path, timeout=DEADLINE, now=lambda: NOW)
    assert again.state == "cached" and again.community is not None


def test_a_slow_server_is_cut_at_the_deadline(server: Loopback, doc: bytes, tmp_path: Path) -> None:
    """A byte a second: the deadline ends the fetch after the first byte or two, not after the whole body."""
    url = server.route("/slow/data.json", body=doc, trickle=1.0)
    [found] = gather([url], tmp_path, timeout=DEADLINE, now=lambda: NOW)
    assert found.problem is not None and found.problem.reason == "timeout"
    assert server.sent.get("/slow/data.json", 0) <= 2 < len(doc)


# -- one portal, every fault at once ------------------------------------------------------------------


def portal(root: Path, sources: list[str]) -> Path:
    return write_site(root, plugin={"mode": "portal", "communities": sources, "communities_timeout": DEADLINE, "group_above": 100})


def mkdocs(root: Path, *options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), *options],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def every_fault(tmp_path_factory: pytest.TempPathFactory, doc: bytes, tls_server: Loopback):
    """A portal gathering two good communities and a source of every fault, served until the module ends."""
    with Loopback() as server:
        good = [server.route(f"/{slug}/data.json", body=json.dumps(community_data(slug, f"https://bkm-{slug}.github.io/")).encode())
                for slug in ("lorong-garam", "cigadung-hijau")]
        failing = {fault.name: fault.serve(server, doc) for fault in FAULTS if fault.reason}
        failing.update({name: url for name, (url, _reason, _words) in addresses(tls_server).items()})
        working = [fault.serve(server, doc) for fault in FAULTS if not fault.reason]
        root = portal(tmp_path_factory.mktemp("portal"), [*good, *failing.values(), *working])
        yield root, failing


def warnings_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if "WARNING" in line]


def test_a_portal_with_every_fault_builds_names_each_and_shows_the_good(every_fault: tuple[Path, dict[str, str]]) -> None:
    root, failing = every_fault
    done = mkdocs(root)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr + done.stdout
    warnings = warnings_of(done.stderr)
    for name, url in failing.items():
        assert [w for w in warnings if url in w and "tidak ditampilkan" in w], name
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "Lorong Garam" in home and "Cigadung Hijau" in home
    data = json.loads((root / "site" / "data.json").read_text(encoding="utf-8"))
    assert data["totals"]["kawasan"] == 2 + len([f for f in FAULTS if not f.reason])


def test_the_same_portal_fails_a_strict_build_with_the_list(every_fault: tuple[Path, dict[str, str]]) -> None:
    root, failing = every_fault
    done = mkdocs(root, "--strict")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    warnings = warnings_of(done.stderr)
    assert all(any(url in w for w in warnings) for url in failing.values())
    assert f"Aborted with {len(warnings)} warnings in strict mode" in done.stdout + done.stderr


def test_the_same_portal_shows_the_last_good_copies(every_fault: tuple[Path, dict[str, str]], doc: bytes) -> None:
    root, failing = every_fault
    for url in failing.values():
        keep_copy(root / ".cache" / "plpbk", url, doc)
    done = mkdocs(root)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    warnings = warnings_of(done.stderr)
    assert all(any(url in w and "salinan baik terakhirnya" in w for w in warnings) for url in failing.values())
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert home.count("situs itu sedang tidak bisa dihubungi") == len(failing)


