"""Recognise values that look like credentials, which must never be in a record.

The known shapes are detect-secrets' (Yelp): its detectors, kept up to date with providers'
formats, run on every string that could hold a key. intreg adds the provider shapes the library
lacks (intreg.records.secret_shapes) and judges random tokens with the library's entropy measure.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from intreg.records.secret_shapes import (
    ASSIGNED,
    EXTRAS,
    KEYWORD,
    LIBRARY_KINDS,
    NEAR,
    NOT_A_SECRET_KEY,
    SKIPPED_PLUGINS,
)

if TYPE_CHECKING:
    from detect_secrets.plugins.base import BasePlugin
    from detect_secrets.plugins.high_entropy_strings import HighEntropyStringsPlugin

SHOWN = 4  # characters of a suspected secret a message may show
ALLOW_COMMENT = "# pragma: allowlist secret"  # detect-secrets' own marker, so its users know it
# Every shape the library or we know holds a run of 16 token characters or is a password in a
# URL, within one word, and so does a private key's body. Only such words are given to the
# detectors (armour lines, which hold spaces, are looked for in the whole text), and strings
# without any are not scanned further.
_WORD = re.compile(r"[^\s'\"`<>()\[\]{},;|]{16,}")
_CANDIDATE = re.compile(r"[0-9A-Za-z_-]{16}|://[^/@:]+:[^/@]+@")
_ARMOUR = ("PRIVATE KEY", "PuTTY-User-Key")
_TOKEN = re.compile(r"[0-9A-Za-z+/_-]{16,}={0,2}")  # `=` only as base64 padding: `key=…`
_TAIL = re.compile(r"[0-9A-Za-z_-]*")  # the rest of a key a detector matched the start of
_HEX = frozenset("0123456789abcdefABCDEF")
# URL paths hold public identifiers (order ids, slugs), so only known shapes count there; query
# strings, where API keys travel, are judged like any text.
_URL_PATH = re.compile(r"https?://[^\s?#]*")
_CONTEXT_REACH = 40  # how far before a token a keyword gives it context (trufflehog's reach)
_RANDOM_LENGTH = 32  # a token this long needs no context to be suspected
_RANDOM_ENTROPY = 4.3  # bits per character; random base64 scores about 5, hex at most 4
_CONTEXT_ENTROPY = 3.5  # with a keyword before it, a shorter, plainer token is enough
_HEX_LENGTH = 30
_HEX_ENTROPY = 3.0  # detect-secrets' default limit for hex strings
_ALNUM_RUN = re.compile(r"[0-9A-Za-z]{16,}")
_DIGIT = re.compile(r"[0-9]")
_CAPITALS_RUN = re.compile(r"[0-9A-Z]{16}")
_REPEATED = re.compile(r"(.)\1{7,}")
_ALLOW_ALIAS = re.compile(r"#\s*intreg:\s*allow-secret\s*$")
_MENTION = re.compile(r"pragma:\s*(?:allow|white)list|intreg:\s*allow-secret")


@dataclass(frozen=True)
class Suspect:
    """A value that looks like a credential: what kind it seems, and the value (never shown)."""

    kind: str
    value: str

    @property
    def excerpt(self) -> str:
        """The value's first characters and its length, safe to print."""
        return excerpt(self.value)


def excerpt(value: str) -> str:
    """`'sk_l…' (107 characters)`: never more than SHOWN characters of a suspected secret."""
    first = value[:SHOWN].split("\n", 1)[0]
    return f"'{first}…' ({len(value)} characters)"


def find_secret(text: str, key: str = "") -> str | None:
    """What kind of credential `text` seems to contain, or None; see find_suspect."""
    suspect = find_suspect(text, key)
    return None if suspect is None else suspect.kind


def find_suspect(text: str, key: str = "") -> Suspect | None:
    """The first credential-like value in `text`, or None.

    `key` is the name the text is filed under (`client_secret`, `description`): a secret-ish
    name lets shorter and plainer tokens count, as a keyword just before them in the text does.
    """
    if len(text) < 16:
        return None
    if any(marker in text for marker in _ARMOUR):
        armour = _known_shape(text)
        if armour is not None:
            return armour
    if _CANDIDATE.search(text) is None:
        return None
    words = [w for w in _WORD.findall(text) if _CANDIDATE.search(w) is not None and _varied(w)]
    for word in words:
        known = _known_shape(word)
        if known is not None:
            return known
    return _random_token(text, key) if words else None


def is_allowed(line: str, value: str) -> bool:
    """True when the YAML source `line` holds an allow comment, and `value` does not.

    The comment is detect-secrets' `# pragma: allowlist secret` (the library's own pattern, so
    its users write what they know) or intreg's alias `# intreg: allow-secret`. A value that
    mentions either cannot be told from a comment after it, so it is never allowed.
    """
    marker = _allow_pattern().search(line) or _ALLOW_ALIAS.search(line)
    if marker is None or _MENTION.search(value) is not None:
        return False
    comment = line.index("#", marker.start())  # YAML: a `#` after a space starts a comment
    return comment == 0 or line[comment - 1].isspace()


def quoted(name: str) -> str:
    """`name` in backticks for a message; only its excerpt when it looks like a credential
    (a key pasted where an environment-variable name belongs)."""
    return f"`{name}`" if find_suspect(name) is None else excerpt(name)


def redact(text: str, values: Iterable[str]) -> str:
    """`text` with each of `values` replaced by its excerpt."""
    for value in values:
        shown = excerpt(value)
        text = text.replace(f"`{value}`", shown).replace(value, shown)
    return text


def _known_shape(text: str) -> Suspect | None:
    if _any_shape().search(text) is None:
        return None
    for kind, plugin in _library_plugins():
        for match in plugin.analyze_string(text):
            value = _whole_key(text, match)
            if match and not _is_placeholder(value):
                return Suspect(kind, value)
    for kind, pattern in _compiled_extras():
        for found in pattern.finditer(text):
            start, value = found.start(), _whole_key(text, found.group())
            if (start == 0 or not text[start - 1].isalnum()) and not _is_placeholder(value):
                return Suspect(kind, value)
    return None


def _whole_key(text: str, match: str) -> str:
    """`match` with the key characters that follow it (detectors match a key's start)."""
    end = text.find(match) + len(match)
    tail = _TAIL.match(text, end)
    return match + (tail.group() if tail is not None else "")


def _is_placeholder(value: str) -> bool:
    """True for a documented stand-in such as `ACXXXXXXXX…` or `sk_test_xxxx…`: at least half
    of it one repeated character, which no generated key is."""
    longest = max((len(m.group()) for m in _REPEATED.finditer(value)), default=1)
    return longest * 2 >= len(value)


def _random_token(text: str, key: str) -> Suspect | None:
    if "://" in text:
        text = _URL_PATH.sub(lambda m: " " * len(m.group()), text)
    secret_key = bool(KEYWORD.search(key)) and NOT_A_SECRET_KEY.search(key) is None
    for found in _TOKEN.finditer(text):
        token = found.group().strip("=")
        before = text[max(0, found.start() - _CONTEXT_REACH) : found.start()]
        kind = _judge(token, secret_key or ASSIGNED.search(before) is not None, before, key)
        if kind is not None:
            return Suspect(kind, found.group())
    return None


def _judge(token: str, in_context: bool, before: str, key: str) -> str | None:
    """The kind of secret `token` seems to be, given the text before it and its field's name."""
    for kind, keyword, shape in NEAR:
        named = keyword.search(before) or keyword.search(key)
        if named and shape.fullmatch(token) and _has_digit_and_letter(token):
            return kind
    classes = _has_classes(token)
    random = len(token) >= _RANDOM_LENGTH and classes and _ALNUM_RUN.search(token) is not None
    if random and _entropy(token, hexadecimal=False) >= _RANDOM_ENTROPY:
        return "a long random token"
    if not in_context:
        return None
    hexadecimal = len(token) >= _HEX_LENGTH and _HEX.issuperset(token)
    if hexadecimal and _entropy(token, hexadecimal=True) > _HEX_ENTROPY:
        return "a hex-encoded secret"
    if classes and _entropy(token, hexadecimal=False) >= _CONTEXT_ENTROPY:
        return "a random-looking secret"
    return None


def _varied(word: str) -> bool:
    """True when `word` could be a generated key: it holds both cases, or a digit and, when in
    capitals, 16 of them unbroken (an AWS key id). Names (`STRIPE_SECRET_KEY`,
    `SYN00999_SECRET_KEY`), slugs and most URLs are not."""
    if not (word.islower() or word.isupper()):
        return True
    if _DIGIT.search(word) is None:
        return False
    return word.islower() or _CAPITALS_RUN.search(word) is not None


def _has_classes(token: str) -> bool:
    return (
        any(c.isdigit() for c in token)
        and any(c.islower() for c in token)
        and any(c.isupper() for c in token)
    )


def _has_digit_and_letter(token: str) -> bool:
    return any(c.isdigit() for c in token) and any(c.isalpha() for c in token)


def _entropy(token: str, hexadecimal: bool) -> float:
    base64_plugin, hex_plugin = _entropy_plugins()
    plugin = hex_plugin if hexadecimal else base64_plugin
    return float(plugin.calculate_shannon_entropy(token))


# The library is imported on first use: it brings `requests` (for its optional verification,
# which intreg never calls), and most strings never reach it.
@functools.cache
def _library_plugins() -> tuple[tuple[str, BasePlugin], ...]:
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class

    found = cast("dict[str, type[BasePlugin]]", get_mapping_from_secret_type_to_class())
    classes = found.values()
    chosen = sorted((c for c in classes if c.__name__ not in SKIPPED_PLUGINS), key=_order)
    return tuple((_library_kind(c), c()) for c in chosen)


def _order(plugin_class: type[BasePlugin]) -> tuple[bool, str]:
    return plugin_class.__name__ not in LIBRARY_KINDS, plugin_class.__name__


def _library_kind(plugin_class: type[BasePlugin]) -> str:
    known = LIBRARY_KINDS.get(plugin_class.__name__)
    return known if known is not None else f"a secret ({plugin_class.secret_type})"


@functools.cache
def _any_shape() -> re.Pattern[str]:
    """One pattern matching wherever some detector's pattern does: one pass over a word that
    holds no key, instead of one per pattern (most words hold none)."""
    parts = [pattern for _, pattern in EXTRAS]
    for _, plugin in _library_plugins():
        denylist = getattr(plugin, "denylist", None)
        if denylist is None:  # a detector that is not a list of patterns sees every word
            return re.compile("")
        parts += [f"(?{_flag_letters(p.flags)}:{p.pattern})" for p in denylist]
    return re.compile("|".join(parts))


def _flag_letters(flags: int) -> str:
    letters = {re.IGNORECASE: "i", re.MULTILINE: "m", re.DOTALL: "s", re.VERBOSE: "x"}
    return "".join(letter for flag, letter in letters.items() if flags & flag)


@functools.cache
def _entropy_plugins() -> tuple[HighEntropyStringsPlugin, HighEntropyStringsPlugin]:
    from detect_secrets.plugins.high_entropy_strings import (
        Base64HighEntropyString,
        HexHighEntropyString,
    )

    return Base64HighEntropyString(), HexHighEntropyString()


@functools.cache
def _compiled_extras() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(pattern)) for kind, pattern in EXTRAS)


@functools.cache
def _allow_pattern() -> re.Pattern[str]:
    from detect_secrets.filters.allowlist import get_allowlist_regexes

    return get_allowlist_regexes(comment_tuple=("#", ""), nextline=False)
