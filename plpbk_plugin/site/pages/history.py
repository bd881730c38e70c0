"""The Riwayat (history) of a kawasan in the visitor's words, and its open data.

Change records come from :mod:`..plan.changes` through :mod:`..plan.history`; here they become
sentences ("Dana terhimpun *Tanggul penahan rob* naik dari Rp992.500.000 menjadi
Rp1.292.500.000 (janji PT Samudra Energi menjadi komitmen)") with the gettext catalogues and the
Translator's money and date formats, each entry linked to its commit on the repository host.
Plan text is escaped; on pages in another language it is marked as Indonesian.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ...i18n import DEFAULT_LANGUAGE, Translator
from ...plan.history.changes import Change, Figures, LineChange
from ...plan.history.commits import Entry, PlanHistory
from ...plan.labels import FUNDING_STATUS, label
from ..opendata.feeds import FeedItem
from .progress import ANCHOR

HISTORY_CSV = "riwayat.csv"
CSV_COLUMNS = ("date", "commit", "cost", "secured", "pledged", "gap")


def commit_url(repo_url: str | None, sha: str) -> str | None:
    """The page of a commit on GitHub, GitLab, Gitea/Forgejo/Codeberg or Bitbucket, from ``repo_url``."""
    if not repo_url or not repo_url.startswith(("https://", "http://")):
        return None
    base = repo_url.rstrip("/").removesuffix(".git")
    host = (urlsplit(base).hostname or "").lower()
    if "gitlab" in host:
        return f"{base}/-/commit/{sha}"
    if host == "bitbucket.org":
        return f"{base}/commits/{sha}"
    return f"{base}/commit/{sha}"


@dataclass(frozen=True)
class Sentence:
    """One change in words: HTML for the page (titles emphasised), plain text for the feed."""

    html: Markup
    text: str


@dataclass(frozen=True)
class HistoryItem:
    """One commit on the Riwayat page."""

    entry: Entry
    date: str  # in the visitor's language
    url: str | None
    author: str | None
    sentences: tuple[Sentence, ...]
    photos: tuple[str, ...] = ()  # the photo evidence of its progress notes (files in the kawasan's folder)

    @property
    def anchor(self) -> str:
        return f"c-{self.entry.commit.short}"


class HistoryView:
    """A kawasan's history as the site shows it, in one language."""

    def __init__(
        self, history: PlanHistory, t: Translator, *, repo_url: str | None = None, authors: bool = False,
        link: Callable[[str, str], str | None] = lambda section, key: None,
    ) -> None:
        self.history = history
        self.t = t
        self.words = Words(t, link)
        self.repo_url = repo_url
        self.authors = authors

    def items(self) -> list[HistoryItem]:
        """Newest first."""
        return [self._item(entry) for entry in reversed(self.history.entries)]

    def _item(self, entry: Entry) -> HistoryItem:
        commit = entry.commit
        return HistoryItem(
            entry=entry,
            date=self.t.date(commit.date.date()),
            url=commit_url(self.repo_url, commit.sha),
            author=(commit.author or None) if self.authors else None,
            sentences=tuple(self.words.describe(change, entry.totals) for change in entry.changes),
            photos=tuple(photo for change in entry.changes for photo in change.photos),
        )


class Words:
    """Change records as sentences in one language; a project's or a call's title links to its page while it has one
    (``link(section, id)``: ``rencana`` for projects, ``kemitraan`` for calls)."""

    SECTIONS = {
        **dict.fromkeys(("project_added", "project_renamed", "project_status", "project_cost", "project_progress", "project_funding",
                         "project_update"), "rencana"),
        "call_opened": "kemitraan",
    }

    def __init__(self, t: Translator, link: Callable[[str, str], str | None] = lambda section, key: None) -> None:
        self.t = t
        self.link = link

    def describe(self, change: Change, totals: Figures | None = None) -> Sentence:
        """One change; ``totals`` (the kawasan's figures after it) words the first version of a plan."""
        t, kind = self.t, change.kind
        _ = t.gettext
        if kind == "plan_started":
            n, totals = int(change.new or 0), totals or Figures(0, 0, 0, 0)
            text = t.ngettext(
                "The plan was first recorded: %(n)d project costing %(cost)s, %(secured)s secured",
                "The plan was first recorded: %(n)d projects costing %(cost)s, %(secured)s secured",
                n,
            )
            return self._say(text, n=n, cost=t.money(totals.cost), secured=t.money(totals.secured))
        if kind == "project_funding":
            return self._funding(change)
        if kind == "project_update":
            return self._update(change)
        if kind == "project_renamed":
            text = _("Project %(old)s is now called %(title)s")
            return self._say(text, title=self._subject(change), old=self._title(str(change.old)))
        templates = {
            "project_added": _("New project: %(title)s, costing %(new)s"),
            "project_removed": _("Project removed from the plan: %(title)s"),
            "project_status": _("Status of %(title)s: %(old)s → %(new)s"),
            "project_cost": _("Cost of %(title)s revised from %(old)s to %(new)s"),
            "project_progress": _("Progress of %(title)s: %(old)s → %(new)s"),
            "call_opened": _("New call for partnership: %(title)s"),
            "call_closed": _("Call for partnership closed: %(title)s"),
            "partner_added": _("New partner: %(title)s"),
            "partner_removed": _("Partner no longer listed: %(title)s"),
            "policy_added": _("New policy ask: %(title)s (%(new)s)"),
            "policy_status": _("Policy ask %(title)s: %(old)s → %(new)s"),
            "policy_removed": _("Policy ask withdrawn: %(title)s"),
        }
        old, new = (self._value(kind, value) for value in (change.old, change.new))
        return self._say(templates[kind], title=self._subject(change), old=old, new=new)

    def _value(self, kind: str, value: Any) -> str:
        """A before/after value: money, a percentage, or a status as a lowercase label."""
        t = self.t
        if value is None:
            return "–"
        if kind in ("project_cost", "project_added", "project_removed"):
            return t.money(int(value))
        if kind == "project_progress":
            return t.percent(int(value) / 100)
        return _lower_first(label(t, "project_status" if kind == "project_status" else "policy_status", str(value)))

    def _funding(self, change: Change) -> Sentence:
        _, t = self.t.gettext, self.t
        old, new = int(change.old or 0), int(change.new or 0)
        pledged = change.pledged or (0, 0)
        if new != old:
            text = _("Secured funding for %(title)s rose from %(old)s to %(new)s") if new > old else _(
                "Secured funding for %(title)s fell from %(old)s to %(new)s")
        elif pledged[0] != pledged[1]:
            old, new = pledged
            text = _("Pledges for %(title)s rose from %(old)s to %(new)s") if new > old else _(
                "Pledges for %(title)s fell from %(old)s to %(new)s")
        else:
            text = _("Funding of %(title)s changed")
        sentence = self._say(text, title=self._subject(change), old=t.money(old), new=t.money(new))
        details = [self._line(line) for line in change.lines]
        if not details:
            return sentence
        return Sentence(
            Markup("%s (%s)") % (sentence.html, Markup("; ").join(d.html for d in details)),
            f"{sentence.text} ({'; '.join(d.text for d in details)})",
        )

    def _update(self, change: Change) -> Sentence:
        """A progress note: new, or with new photos; how many photos it brings."""
        t = self.t
        date = t.date(str(change.new))
        if change.old is None:
            text = t.gettext("Progress on %(title)s, %(date)s: %(note)s")
        else:
            text = t.gettext("New photos of the progress on %(title)s, %(date)s: %(note)s")
        sentence = self._say(text, title=self._subject(change), date=date, note=self._title(change.note or ""))
        if not change.photos:
            return sentence
        count = t.ngettext("%(num)d photo", "%(num)d photos", len(change.photos)) % {"num": len(change.photos)}
        return Sentence(Markup("%s (%s)") % (sentence.html, count), f"{sentence.text} ({count})")

    def _line(self, line: LineChange) -> Sentence:
        _, t = self.t.gettext, self.t
        who = self._title(line.partner) if line.partner else _lower_first(label(t, "source", line.source))
        status = {s: _lower_first(label(t, "funding_status", s)) for s in FUNDING_STATUS}
        if line.old_status is None:
            return self._say(_("new: %(amount)s from %(who)s, %(status)s"), amount=t.money(line.new_amount or 0),
                             who=who, status=status[str(line.new_status)])
        if line.new_status is None:
            return self._say(_("%(amount)s from %(who)s removed"), amount=t.money(line.old_amount or 0), who=who)
        if line.old_amount == line.new_amount:
            moves = {
                ("planned", "pledged"): _("%(who)s pledged the planned amount"),
                ("planned", "committed"): _("the planned amount from %(who)s became a commitment"),
                ("pledged", "committed"): _("the pledge of %(who)s became a commitment"),
                ("pledged", "received"): _("the pledge of %(who)s was received"),
                ("committed", "received"): _("the commitment of %(who)s was received"),
            }
            text = moves.get((str(line.old_status), str(line.new_status)), _("%(who)s: %(old)s → %(new)s"))
            return self._say(text, who=who, old=status[str(line.old_status)], new=status[str(line.new_status)])
        if line.old_status == line.new_status:
            return self._say(_("%(who)s: %(old)s → %(new)s"), who=who, old=t.money(line.old_amount or 0),
                             new=t.money(line.new_amount or 0))
        return self._say(
            _("%(who)s: %(old)s → %(new)s"), who=who,
            old=f"{t.money(line.old_amount or 0)} ({status[str(line.old_status)]})",
            new=f"{t.money(line.new_amount or 0)} ({status[str(line.new_status)]})",
        )

    def _subject(self, change: Change) -> Sentence:
        """What a change is about, linked to the project's or call's page while it is in the plan."""
        title = self._title(change.title)
        section = self.SECTIONS.get(change.kind)
        href = self.link(section, change.id) if section and change.id else None
        if href and change.kind == "project_update":
            href += f"#{ANCHOR}-{change.new}"
        return Sentence(Markup('<a href="%s">%s</a>') % (href, title.html), title.text) if href else title

    def _title(self, text: str) -> Sentence:
        """Plan text: emphasised in HTML, quoted in plain text; marked Indonesian on other languages' pages."""
        lang = Markup(' lang="%s"') % DEFAULT_LANGUAGE if self.t.lang != DEFAULT_LANGUAGE else Markup("")
        return Sentence(Markup("<em%s>%s</em>") % (lang, text), f"“{text}”")

    @staticmethod
    def _say(template: str, **values: Any) -> Sentence:
        """Fill a translated template: plan text escaped in the HTML, as it is in the text."""
        html = {k: v.html if isinstance(v, Sentence) else v if isinstance(v, int) else escape(v) for k, v in values.items()}
        text = {k: v.text if isinstance(v, Sentence) else v if isinstance(v, int) else str(v) for k, v in values.items()}
        return Sentence(Markup(escape(template) % html), template % text)


def _lower_first(text: str) -> str:
    """``Seeking partners`` → ``seeking partners`` inside a sentence (acronyms such as BLM stay)."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


# -- what the pages show ---------------------------------------------------------------------------


def updated(history: PlanHistory | None, t: Translator, link: str | None) -> dict[str, Any] | None:
    """"Diperbarui 30 September 2026": the last commit that touched the kawasan's folder, and where its history is."""
    day = history.last_updated if history else None
    if day is None:
        return None
    return {"iso": day.isoformat(), "text": t.date(day), "link": link}


def page_context(view: HistoryView) -> dict[str, Any]:
    """What ``body/riwayat.html`` shows: the entries newest first, the chart, how many commits were left out
    (the keys keep their 0.2 names, ``ledger_*``, for sites' template overrides)."""
    return {"ledger_items": view.items(), "chart": chart(view.history, view.t), "ledger_skipped": len(view.history.skipped)}


def feed_items(view: HistoryView, name: str, link_of: Callable[[str], str]) -> list[FeedItem]:
    """The entries as feed items, each linking to its place on the Riwayat page (``link_of(anchor)``)."""
    t = view.t
    return [
        FeedItem(
            title=t.gettext("Change to the plan of %(name)s, %(date)s") % {"name": name, "date": item.date},
            link=link_of(item.anchor),
            published=item.entry.commit.date,
            description="; ".join(sentence.text for sentence in item.sentences),
            category=name,
        )
        for item in view.items()
    ]


# -- open data -------------------------------------------------------------------------------------


def history_rows(history: PlanHistory | None, url_of: Callable[[str], str | None]) -> list[dict[str, Any]]:
    """``data.json``'s ``history[]``: the kawasan's figures after each change, oldest first, with the changes."""
    if history is None:
        return []
    return [
        {
            "date": entry.commit.date.date().isoformat(),
            "time": entry.commit.date.isoformat(),
            "commit": entry.commit.sha,
            "url": url_of(entry.commit.sha),
            "cost": entry.totals.cost,
            "secured": entry.totals.secured,
            "pledged": entry.totals.pledged,
            "gap": entry.totals.gap,
            "changes": [change.to_json() for change in entry.changes],
        }
        for entry in history.entries
    ]


def riwayat_csv(history: PlanHistory) -> bytes:
    """``riwayat.csv``: the figures after each change, oldest first (UTF-8 with BOM, CRLF, like rencana.csv)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in history_rows(history, lambda sha: None):
        writer.writerow([row[column] for column in CSV_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# -- the chart -------------------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT = 1000, 300


def chart(history: PlanHistory, t: Translator) -> dict[str, Any] | None:
    """Secured and gap over time as two step lines of a static SVG (no script), with its scale.

    The SVG stretches to the page width; its labels are HTML around it, so they stay legible on a phone.
    """
    entries = history.entries
    if len(entries) < 2:  # one version has no "over time"
        return None
    times = [entry.commit.date.timestamp() for entry in entries]
    start, end = times[0], times[-1]
    top = max(max(e.totals.secured, e.totals.gap, e.totals.cost) for e in entries) or 1

    def x(moment: float) -> float:
        return 0.0 if end == start else round((moment - start) / (end - start) * CHART_WIDTH, 1)

    def y(amount: int) -> float:
        return round(CHART_HEIGHT - amount / top * (CHART_HEIGHT - 4) - 2, 1)

    def steps(values: list[int]) -> str:
        path = f"M0,{y(values[0])}"
        for moment, value in zip(times[1:], values[1:]):
            path += f" H{x(moment)} V{y(value)}"
        return path + f" H{CHART_WIDTH}"

    series = [("secured", steps([e.totals.secured for e in entries])), ("gap", steps([e.totals.gap for e in entries]))]
    paths = Markup("").join(
        Markup('<path class="plpbk-chart-%s" d="%s" fill="none" vector-effect="non-scaling-stroke"/>') % (name, d)
        for name, d in series
    )
    svg = Markup(
        '<svg class="plpbk-chart-svg" viewBox="0 0 %d %d" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
        '<path class="plpbk-chart-axis" d="M0,%d H%d" vector-effect="non-scaling-stroke"/>%s</svg>'
    ) % (CHART_WIDTH, CHART_HEIGHT, CHART_HEIGHT - 1, CHART_WIDTH, paths)
    last = entries[-1].totals
    summary = t.gettext("From %(first)s to %(last)s, secured funding went from %(s0)s to %(s1)s and the funding gap from %(g0)s to %(g1)s.") % {
        "first": t.date(entries[0].commit.date.date()), "last": t.date(entries[-1].commit.date.date()),
        "s0": t.money(entries[0].totals.secured), "s1": t.money(last.secured),
        "g0": t.money(entries[0].totals.gap), "g1": t.money(last.gap),
    }
    return {
        "svg": svg,
        "top": t.money(top),
        "first": t.date(entries[0].commit.date.date()),
        "last": t.date(entries[-1].commit.date.date()),
        "summary": summary,
    }
