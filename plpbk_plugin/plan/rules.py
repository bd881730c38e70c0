"""Rules that span several fields of a validated plan.

Errors stop the build; warnings go to the plugin's logger (so ``mkdocs build
--strict`` fails on them). Each finding names a field path such as
``calls[0].projects[1]``; the loader turns it into ``file:line``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from ..i18n import translator
from .figures import project_money
from .model import Beneficiaries, Call, Kawasan, Profile, Project


class Finding(NamedTuple):
    """A problem at a field path, with an optional "did you mean" value."""

    path: str
    message: str
    suggestion: str | None = None


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a mistyped value (ignoring case), or ``None`` if none is close."""
    by_lower = {choice.lower(): choice for choice in choices}
    match = difflib.get_close_matches(value.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[match[0]] if match else None


def build_date() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def find_errors(kawasan: Kawasan, lang: str = "id") -> list[Finding]:
    """Unique ids, calls naming real projects, dates in order, consistent household counts."""
    _ = translator(lang).gettext
    findings = [*_duplicate_ids(kawasan.projects, "projects", lang), *_duplicate_ids(kawasan.calls, "calls", lang)]
    ids = [project.id for project in kawasan.projects]
    for i, call in enumerate(kawasan.calls):
        for j, project_id in enumerate(call.projects):
            if project_id not in ids:
                findings.append(
                    Finding(
                        f"calls[{i}].projects[{j}]",
                        _("No project has the id `%(id)s`; the project ids are: %(ids)s.")
                        % {"id": project_id, "ids": ", ".join(ids)},
                        nearest(project_id, ids),
                    )
                )
    for i, project in enumerate(kawasan.projects):
        if project.start and project.end and _before(project.end, project.start):
            findings.append(
                Finding(
                    f"projects[{i}].end",
                    _("The end (%(end)s) is before the start (%(start)s).")
                    % {"end": project.end, "start": project.start},
                )
            )
        findings += _schedule(project, f"projects[{i}]", lang)
        if project.beneficiaries:
            findings += _counts(project.beneficiaries, f"projects[{i}].beneficiaries", lang)
    findings += _same_published_name(kawasan, lang)
    if kawasan.profile:
        findings += _counts(kawasan.profile, "profile", lang)
    for i, indicator in enumerate(kawasan.slum.indicators if kawasan.slum else []):
        if indicator.measured and indicator.now_percent is None:
            findings.append(Finding(
                f"slum.indicators[{i}].measured",
                _("A measurement date needs the measure: add `now_percent:` (0–100) or remove `measured:`."),
            ))
    return findings


def _schedule(project: Project, path: str, lang: str) -> Iterator[Finding]:
    """The yearly phases: one per year, adding up to the cost."""
    if not project.schedule:
        return
    t = translator(lang)
    seen: set[int] = set()
    for j, phase in enumerate(project.schedule):
        if phase.year in seen:
            yield Finding(f"{path}.schedule[{j}].year", t.gettext(
                "The year %(year)s is already in the schedule; write one phase per year.") % {"year": phase.year})
        seen.add(phase.year)
    total = sum(phase.cost for phase in project.schedule)
    if total != project.cost:
        yield Finding(f"{path}.schedule", t.gettext(
            "The yearly costs in `schedule` add up to %(total)s but `cost` is %(cost)s; make the two agree."
        ) % {"total": t.money(total), "cost": t.money(project.cost)})


def _counts(counts: Profile | Beneficiaries, path: str, lang: str) -> Iterator[Finding]:
    """A part cannot exceed its whole: poor households among households, women among people."""
    _ = translator(lang).gettext
    if counts.households is not None and counts.poor_households is not None and counts.poor_households > counts.households:
        yield Finding(
            f"{path}.poor_households",
            _("Poor households (%(poor)s) cannot exceed households (%(households)s).")
            % {"poor": counts.poor_households, "households": counts.households},
        )
    if isinstance(counts, Beneficiaries) and counts.people is not None and counts.women is not None and counts.women > counts.people:
        yield Finding(
            f"{path}.women",
            _("Women (%(women)s) cannot exceed people (%(people)s).") % {"women": counts.women, "people": counts.people},
        )


def _same_published_name(kawasan: Kawasan, lang: str) -> Iterator[Finding]:
    """Documents are published under their file name: two files of one name would lose one of them."""
    first: dict[str, str] = {}
    for index, document in enumerate(kawasan.documents):
        if not document.file:
            continue
        name = document.file.rstrip("/").rsplit("/", 1)[-1]
        other = first.setdefault(name, document.file)
        if other != document.file:
            yield Finding(
                f"documents[{index}].file",
                translator(lang).gettext(
                    "`%(other)s` is published under the same name `%(name)s`; rename one of the two files."
                )
                % {"other": other, "name": name},
            )


def _duplicate_ids(items: Sequence[Project | Call], prefix: str, lang: str) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in first:
            yield Finding(
                f"{prefix}[{index}].id",
                translator(lang).gettext("The id `%(id)s` is already used by %(other)s; each id must be unique.")
                % {"id": item.id, "other": f"{prefix}[{first[item.id]}]"},
            )
        else:
            first[item.id] = index


def _before(end: str, start: str) -> bool:
    """Whether a partial date ends before another, compared at the coarser precision.

    ``2026-05`` is not before ``2026-05-10``: the month is all that is known.
    """
    end_parts = [int(p) for p in end.split("-")]
    start_parts = [int(p) for p in start.split("-")]
    common = min(len(end_parts), len(start_parts))
    return end_parts[:common] < start_parts[:common]


def find_warnings(kawasan: Kawasan, lang: str = "id", today: dt.date | None = None) -> list[Finding]:
    """Likely mistakes that do not stop a build: over-funding, stale deadlines, unseen needs."""
    t = translator(lang)
    _ = t.gettext
    today = today or build_date()
    named = {project_id for call in kawasan.calls for project_id in call.projects}
    findings: list[Finding] = []
    for i, project in enumerate(kawasan.projects):
        money = project_money(project)
        if money.surplus:
            findings.append(
                Finding(
                    f"projects[{i}].funding",
                    _("Secured funding (%(secured)s) exceeds the cost (%(cost)s); check the amounts.")
                    % {"secured": t.money(money.secured), "cost": t.money(money.cost)},
                )
            )
        if project.status == "completed" and project.progress is not None and project.progress < 100:
            findings.append(
                Finding(
                    f"projects[{i}].progress",
                    _("The project is completed but its progress is %(progress)s%%; set 100 or change the status.")
                    % {"progress": project.progress},
                )
            )
        years = [phase.year for phase in project.schedule]
        span = (int(project.start[:4]) if project.start else None, int(project.end[:4]) if project.end else None)
        outside = [y for y in years if (span[0] and y < span[0]) or (span[1] and y > span[1])]
        if outside:
            findings.append(Finding(f"projects[{i}].schedule", _(
                "The schedule has %(years)s, outside the project's start and end (%(start)s – %(end)s); check the years."
            ) % {"years": ", ".join(map(str, outside)), "start": project.start or "…", "end": project.end or "…"}))
        if project.status == "seeking_partners" and money.gap and project.id not in named:
            findings.append(
                Finding(
                    f"projects[{i}].status",
                    _("The project seeks partners for %(gap)s but no call names it; add it to a call's `projects`.")
                    % {"gap": t.money(money.gap)},
                )
            )
    for i, call in enumerate(kawasan.calls):
        if call.deadline and dt.date.fromisoformat(call.deadline) < today:
            findings.append(
                Finding(
                    f"calls[{i}].deadline",
                    _("The deadline %(deadline)s has passed; update it or remove the call.")
                    % {"deadline": t.date(call.deadline)},
                )
            )
    return findings
