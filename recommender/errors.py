"""Exceptions the library raises. Every message is one line a person can act on; scripts print it without a traceback."""
from __future__ import annotations

import sys
from collections.abc import Callable


class DualRecError(Exception):
    """Base class: anything a user can fix (missing data, wrong checkpoint, bad input)."""


class MovieLensError(DualRecError):
    """The MovieLens files are missing, malformed or could not be downloaded."""


class PreparedDataError(DualRecError):
    """Prepared artefacts are missing or were written by another format version."""


class CheckpointError(DualRecError):
    """A checkpoint is missing, damaged, was built for another catalogue, or does not rank."""


class RankingError(DualRecError):
    """The sequence model gave no usable ranking (scores that are not finite, of the wrong shape)."""


class ConfigError(DualRecError):
    """A configuration file, flag or value is invalid."""


def run_script(body: Callable[[], int]) -> int:
    """Run a script's body; a DualRecError becomes one `error: ...` line on stderr and exit code 2."""
    try:
        return body()
    except DualRecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
