"""Recognise values that look like live credentials, which must never be in a record."""

from __future__ import annotations

import math
import re
from collections import Counter

# Well-known credential formats, each with a name a writer recognises.
_KNOWN = [
    ("a Stripe secret or restricted key", r"\b[sr]k_(live|test)_[0-9A-Za-z]{10,}"),
    ("a Stripe webhook signing secret", r"\bwhsec_[0-9A-Za-z]{16,}"),
    ("an AWS access key id", r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    ("a Slack token", r"\bxox[abposr]-[0-9A-Za-z-]{10,}"),
    ("a Slack webhook URL", r"hooks\.slack\.com/services/T[0-9A-Z]+/B[0-9A-Z]+/[0-9A-Za-z]{16,}"),
    ("a Stripe client secret", r"\b(pi|seti)_[0-9A-Za-z]{10,}_secret_[0-9A-Za-z]{10,}"),
    ("a GitHub token", r"\b(gh[pousr]_[0-9A-Za-z]{30,}|github_pat_[0-9A-Za-z_]{40,})"),
    ("an OpenAI API key", r"\bsk-(proj-|svcacct-|admin-)?[0-9A-Za-z_-]{20,}"),
    ("a SendGrid API key", r"\bSG\.[0-9A-Za-z_-]{16,}\.[0-9A-Za-z_-]{16,}"),
    ("a Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b"),
    ("a Meta access token", r"\bEAA[0-9A-Za-z]{40,}"),
    ("a Twilio API key sid", r"\bSK[0-9a-f]{32}\b"),
    ("a Telegram bot token", r"\b[0-9]{8,10}:AA[0-9A-Za-z_-]{33}\b"),
    ("a JSON Web Token", r"\beyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}"),
    ("a private key", r"-----BEGIN ([A-Z]+ )?PRIVATE KEY-----"),
]
# One alternation, one pass per string; the matching group's index names the format.
_KNOWN_RE = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(_KNOWN)))
_SHORTEST = 14  # no format above, nor a random token, fits in fewer characters
# Candidates for the entropy test: long runs of token characters.
_TOKEN = re.compile(r"[0-9A-Za-z+/=_-]{32,}")
_MIN_ENTROPY = 4.3  # bits per character; random base64 scores about 5, hex at most 4
# Random keys hold long unbroken alphanumeric runs; URL slugs and paths are broken up by
# separators into short words ("4411046744987-Toll-Free-SMS-...").
_ALNUM_RUN = re.compile(r"[0-9A-Za-z]{16,}")
# URL paths hold public identifiers (order ids, slugs), so the entropy test skips them; query
# strings, where API keys travel, are still tested. Keys with a known shape in a path (Slack
# webhooks, Telegram bot tokens) are caught by _KNOWN above.
_URL_PATH = re.compile(r"https?://[^\s?#]*")


def find_secret(text: str) -> str | None:
    """What kind of credential `text` seems to contain, or None."""
    if len(text) < _SHORTEST:
        return None
    found = _KNOWN_RE.search(text)
    if found is not None:
        return _KNOWN[int(str(found.lastgroup)[1:])][0]
    for token in _TOKEN.findall(_URL_PATH.sub(" ", text)):
        if _is_random(token):
            return "a long random token"
    return None


def _is_random(token: str) -> bool:
    has_classes = (
        any(c.isdigit() for c in token)
        and any(c.islower() for c in token)
        and any(c.isupper() for c in token)
    )
    return has_classes and bool(_ALNUM_RUN.search(token)) and _entropy(token) >= _MIN_ENTROPY


def _entropy(token: str) -> float:
    counts = Counter(token)
    return -sum(n / len(token) * math.log2(n / len(token)) for n in counts.values())
