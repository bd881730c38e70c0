"""``plpbk communities check``: fetch and check every community source, one report each.

The sources are those of ``communities:`` in mkdocs.yml, or the addresses given on the command
line (to try a community before adding it). Nothing is read from or written to the cache: the
report says what each source serves now. Exit 1 when any source has a problem.
"""

from __future__ import annotations

import argparse
import sys

from ..i18n import Translator, translator
from ..site.sources.communities import Gathered, gather
from .site_reading import CliError, language, read_site


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("communities", help="the community sites a portal gathers")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check", parents=[common], help="fetch and check every community source; exit 1 on problems"
    )
    check.add_argument("urls", nargs="*", metavar="URL", help="data.json addresses to check instead of those in mkdocs.yml")
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    """One line per good source (name, city, projects, news), the reasons of each bad one, a summary."""
    site = read_site(args.site)
    t = translator(language(args, site))
    _ = t.gettext
    sources = list(dict.fromkeys(args.urls or site.communities))
    if not sources:
        raise CliError(_(
            "mkdocs.yml lists no communities: add their data.json addresses under `communities:` of the plpbk plugin, or give addresses to check."
        ))
    bad = 0
    for item in gather(sources, None, timeout=site.options.communities_timeout):
        messages = item.messages(t)
        if item.community is not None:
            print(f"✓ {item.source}  {_summary(item, t)}")
        for message in messages:
            print(f"✗ {message}", file=sys.stderr)
        bad += bool(messages)
    total = len(sources)
    if bad:
        print(t.ngettext("%(bad)d of %(total)d source has problems.", "%(bad)d of %(total)d sources have problems.", bad)
              % {"bad": bad, "total": total})
        return 1
    print(t.ngettext("The source is fine.", "All %(total)d sources are fine.", total) % {"total": total})
    return 0


def _summary(item: Gathered, t: Translator) -> str:
    assert item.community is not None
    kawasan, news = item.community.kawasan, item.community.news
    words = t.ngettext("%(name)s (%(city)s): %(count)d project", "%(name)s (%(city)s): %(count)d projects", len(kawasan.projects))
    text = words % {"name": kawasan.name, "city": kawasan.location.city, "count": len(kawasan.projects)}
    if news:
        text += ", " + t.ngettext("%(count)d news item", "%(count)d news items", len(news)) % {"count": len(news)}
    return text

