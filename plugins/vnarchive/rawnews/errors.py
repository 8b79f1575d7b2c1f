"""The one error that stops a conversion (its own module: executors and the
pipeline both raise it, and neither imports the other)."""

from __future__ import annotations

import errno


class ConversionError(Exception):
    """The conversion could not run at all (missing folder, unwritable dest,
    disk full, another conversion running): one line for the person."""


def cannot_run(error: OSError) -> ConversionError:
    """The one-line reason for an OSError that reached the top of a run."""
    where = f": {error.filename}" if error.filename else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return ConversionError(f"disk full ({error.strerror or error}){where}; free some space and convert again")
    return ConversionError(f"{error.strerror or error}{where}")
