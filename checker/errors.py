"""The project's own errors. Anything a user can cause is one of these, never a traceback."""

from __future__ import annotations


class CheckerError(Exception):
    """Base of every error the command line reports as a message (exit code 2)."""


class InputError(CheckerError):
    """A report or data file cannot be read or understood. Names the file and, if known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
