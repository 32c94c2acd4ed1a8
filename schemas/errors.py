"""IntregError: an expected fatal condition (unreadable file, missing registry), shown as one line."""


class IntregError(Exception):
    """A problem the user can fix, reported without a traceback (exit code 2)."""
