"""The engines `plpbk init` writes into a new site's requirements.txt (the starter's pins)."""

from __future__ import annotations

from packaging.requirements import Requirement

from plpbk_plugin.cli.init import SITE_STARTER

PROPERDOCS = "# properdocs"  # the line a site uncomments to build with ProperDocs
TO_PROPERDOCS = ("mkdocs build", "properdocs build -f mkdocs.yml")
"""The change a site makes in its workflows to build with ProperDocs, as the starters' README says."""


def starter_requirements() -> dict[str, Requirement]:
    """The starter's requirements by name, the commented ProperDocs line read as one (not plpbk's, a placeholder)."""
    lines = (SITE_STARTER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    named = [line.removeprefix("# ") for line in lines if not line.startswith("#") or line.startswith(PROPERDOCS)]
    return {req.name: req for req in map(Requirement, (line for line in named if line and "{{" not in line))}
