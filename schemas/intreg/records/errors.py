"""IntregError: an expected fatal condition (unreadable file, no project), shown in one line."""


class IntregError(Exception):
    """A problem the user can fix, reported without a traceback (exit code 2)."""
