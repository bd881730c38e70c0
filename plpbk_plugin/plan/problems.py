"""A problem in a plan: file, line, field and a message for the editor."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from ..i18n import translator


@dataclass(frozen=True)
class Problem:
    """One error or warning, located as precisely as the input allows."""

    file: Path
    line: int | None
    field: str
    message: str
    suggestion: str | None = None
    lang: str = dataclasses.field(default="id", compare=False, repr=False)

    def __str__(self) -> str:
        where = display(self.file) + (f":{self.line}" if self.line else "")
        return f"{where}: {self.field}: {self.explanation}" if self.field else f"{where}: {self.explanation}"

    @property
    def explanation(self) -> str:
        """The message and the suggestion for a typo, without the place."""
        if not self.suggestion:
            return self.message
        hint = translator(self.lang).gettext("Did you mean `%(suggestion)s`?")
        return f"{self.message} {hint % {'suggestion': self.suggestion}}"


def display(path: Path) -> str:
    """The path relative to the working directory when it lies below it."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        return str(path)



def in_order(problems: list[Problem]) -> list[Problem]:
    """Problems by file, then line."""
    return sorted(problems, key=lambda p: (str(p.file), p.line or 0))


def shorten(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "…"
