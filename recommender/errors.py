"""Exceptions the library raises. Every message is one line a person can act on; scripts print it without a traceback."""


class DualRecError(Exception):
    """Base class: anything a user can fix (missing data, wrong checkpoint, bad input)."""


class MovieLensError(DualRecError):
    """The MovieLens files are missing, malformed or could not be downloaded."""


class PreparedDataError(DualRecError):
    """Prepared artefacts are missing or were written by another format version."""


class CheckpointError(DualRecError):
    """A checkpoint is missing or was built for another catalogue."""
