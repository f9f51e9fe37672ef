"""The data layer's one error type: a journey file that cannot be used, and why."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a journey document, at a JSON path such as ``$.stays[3].end``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class JourneyError(Exception):
    """A journey file failed to load or validate.

    Carries the file name and every problem found, each with its JSON path, so a person can
    find and fix them all in one go. The CLI prints it and exits 2; the app shows a dialog.
    """

    def __init__(self, file: str, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.file = file
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.describe())

    def describe(self, limit: int = 20) -> str:
        """All problems as lines of ``file: path: message``, at most ``limit`` of them."""
        lines = [f"{self.file}: {p}" for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"{self.file}: ... and {len(self.problems) - limit} more problems")
        return "\n".join(lines)
