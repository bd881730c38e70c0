"""Vendor Sveltia CMS, the form editor at /admin/, into plpbk_plugin/assets/plpbk/cms/.

    python scripts/vendor_cms.py

Fetches the pinned release from the npm registry with `npm pack` (the tarball's integrity is
checked against the one pinned here), then copies its single-file browser build
(`dist/sveltia-cms.js`) and its licence. Nothing else of the package is needed: the build holds
the whole editor, and sites serve it themselves (no CDN). To update: set VERSION and INTEGRITY
from `npm view @sveltia/cms@<version> dist.integrity`, run this script, rebuild a site with
`repo_url` set, run the browser test of the editor (tests/test_admin_browser.py), and note the
update in CHANGELOG.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@sveltia/cms"
VERSION = "0.221.1"
INTEGRITY = "sha512-J+Qoik9kGMk2L7vNpOQrnDmFRi+NB6vwJ0f657YtsxWH0P8WYSYRRSRC2pQ/jGGbVlM//Pg/WIgmkpswqoo3gQ=="
FILES = {"package/dist/sveltia-cms.js": "sveltia-cms.js", "package/LICENSE.txt": "LICENSE.txt"}
TARGET = Path(__file__).resolve().parent.parent / "plpbk_plugin" / "assets" / "plpbk" / "cms"


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{VERSION}", "--json", "--pack-destination", scratch],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        tarball = Path(scratch) / json.loads(done.stdout)[0]["filename"]
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != INTEGRITY:
            print(f"{tarball.name}: integrity {digest}, expected {INTEGRITY}", file=sys.stderr)
            return 1
        TARGET.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball) as archive:
            for member, name in FILES.items():
                source = archive.extractfile(member)
                if source is None:
                    print(f"{member} is missing from {tarball.name}", file=sys.stderr)
                    return 1
                with source, (TARGET / name).open("wb") as target:
                    shutil.copyfileobj(source, target)
    print(f"{PACKAGE} {VERSION} → {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
