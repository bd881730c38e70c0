"""``python -m plpbk_plugin.cli``."""

import sys

from . import main

sys.exit(main())
