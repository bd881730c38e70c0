"""The engines that build a plpbk site: plpbk's line after Material for MkDocs' end-of-life notice.

When ``mkdocs`` loads Material's theme, Material (9.7.6 and later) prints a notice: its end of
life, and Zensical as its successor, to try "with your existing mkdocs.yml". Zensical does not run
plpbk's plugin, so plpbk adds one line of its own after that notice, pointing to the guide's
*Mesin situs* page, and only when the notice was shown. Material shows it when the program is
``mkdocs`` (its own ``is_mkdocs()``) and ``NO_MKDOCS_2_WARNING`` was not set, then sets that
variable itself; by the time plpbk runs, the variable says nothing, so :func:`material_notice_shown`
asks Material's module (9.8 keeps a name only where it prints the notice) and else the
environment the process started with (Linux keeps it in ``/proc/self/environ``). Where neither
answers, the line is left out: never a line of ours without Material's notice.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType

from ..i18n import Translator

GUIDE_URL = "https://plpbk-demo.github.io/plpbk/panduan/mesin-situs/"
"""The editors' guide page on engines: which run plpbk, and how to move a site to ProperDocs."""
NOTICE_MODULE = "material.templates"
"""The module that prints Material's notice when it is imported (as the theme is loaded)."""
SILENCER = "NO_MKDOCS_2_WARNING"
MARKER = "properdocs_notice"
"""A name Material 9.8 defines in the notice module only where it prints the notice."""


def initial_environment() -> Mapping[str, str] | None:
    """The environment the process started with, where the system keeps it (Linux); else None."""
    try:
        raw = Path("/proc/self/environ").read_bytes()
    except OSError:
        return None
    entries = (entry.partition(b"=") for entry in raw.split(b"\0") if entry)
    return {os.fsdecode(key): os.fsdecode(value) for key, _, value in entries}


def material_notice_shown(
    modules: Mapping[str, ModuleType] | None = None,
    environment: Callable[[], Mapping[str, str] | None] = initial_environment,
) -> bool:
    """Whether Material printed its notice in this process (its theme already loaded)."""
    module = (sys.modules if modules is None else modules).get(NOTICE_MODULE)
    is_mkdocs = getattr(module, "is_mkdocs", None)
    if module is None or not callable(is_mkdocs) or not is_mkdocs():
        return False  # no Material, a version without the notice, or not `mkdocs` (ProperDocs)
    if MARKER in vars(module):
        return True
    started = environment()
    return started is not None and not started.get(SILENCER)


def engine_note(t: Translator, shown: Callable[[], bool] = material_notice_shown) -> str | None:
    """plpbk's line to print after Material's notice, or None when the notice was not shown."""
    if not shown():
        return None
    return "  " + t.gettext("plpbk: what this notice means for a plpbk site, and which engines build one: %(url)s") % {
        "url": GUIDE_URL}
