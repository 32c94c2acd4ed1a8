"""AWS Signature Version 4 for request headers: sign a request, or check a signed one.

Follows AWS's documented algorithm (https://docs.aws.amazon.com/IAM/latest/UserGuide/
create-signed-request.html): canonical request, string to sign, a signing key derived from the
secret key, date, Region and service, and an HMAC-SHA256 signature. Tested against AWS's
published vectors (tests/mock/test_sigv4.py). The mock checks signatures with the dummy secret
it was given; contract runs sign with it (or the real one). Timestamps are not checked against
the clock, so runs stay reproducible.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlsplit

ALGORITHM = "AWS4-HMAC-SHA256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
_AUTHORIZATION = re.compile(
    rf"{ALGORITHM} Credential=(?P<key>[^/,\s]+)/(?P<day>\d{{8}})/(?P<region>[^/,\s]+)/"
    r"(?P<service>[^/,\s]+)/aws4_request,\s*SignedHeaders=(?P<signed>[a-z0-9;._-]+),"
    r"\s*Signature=(?P<signature>[0-9a-f]{64})"
)


@dataclass(frozen=True)
class SigningKey:
    """Who signs (the key pair) and what for (Region and service)."""

    access_key_id: str
    secret_access_key: str
    region: str
    service: str


def payload_hash(body: bytes) -> str:
    """The hex SHA-256 of `body`."""
    return hashlib.sha256(body).hexdigest()


def canonical_request(
    method: str,
    target: str,
    headers: Mapping[str, str],
    signed: Iterable[str],
    body_hash: str,
    service: str,
) -> str:
    """The canonical request of AWS's step 1; `headers` keyed by lower-case name."""
    split = urlsplit(target)
    path = split.path or "/"
    # S3 takes the path as sent (encoded once); other services encode it once more.
    uri = path if service == "s3" else quote(path, safe="/~")
    pairs = sorted(
        (quote(k, safe="-_.~"), quote(v, safe="-_.~"))
        for k, v in parse_qsl(split.query, keep_blank_values=True)
    )
    query = "&".join(f"{k}={v}" for k, v in pairs)
    names = list(signed)
    lines = "".join(f"{n}:{' '.join(headers.get(n, '').split())}\n" for n in names)
    return "\n".join([method.upper(), uri, query, lines, ";".join(names), body_hash])


def signature(key: SigningKey, amz_date: str, canonical: str) -> str:
    """The hex signature of `canonical`, made at `amz_date` (YYYYMMDD'T'HHMMSS'Z')."""
    day = amz_date[:8]
    scope = f"{day}/{key.region}/{key.service}/aws4_request"
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    to_sign = "\n".join([ALGORITHM, amz_date, scope, digest])
    signing = _hmac(f"AWS4{key.secret_access_key}".encode(), day)
    for part in (key.region, key.service, "aws4_request"):
        signing = _hmac(signing, part)
    return hmac.new(signing, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def sign(
    key: SigningKey,
    method: str,
    target: str,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    amz_date: str,
) -> list[tuple[str, str]]:
    """`headers` with X-Amz-Date, the payload hash for S3, and the Authorization header;
    signs host, content-type and every x-amz-* header."""
    kept = [(n, v) for n, v in headers if n.lower() not in ("authorization", "x-amz-date")]
    kept.append(("X-Amz-Date", amz_date))
    body_hash = payload_hash(body)
    if key.service == "s3":
        kept = [(n, v) for n, v in kept if n.lower() != "x-amz-content-sha256"]
        kept.append(("x-amz-content-sha256", body_hash))
    lower = {n.lower(): v for n, v in kept}
    signed = sorted(n for n in lower if n in ("host", "content-type") or n.startswith("x-amz-"))
    canonical = canonical_request(method, target, lower, signed, body_hash, key.service)
    value = (
        f"{ALGORITHM} Credential={key.access_key_id}/{amz_date[:8]}/{key.region}/"
        f"{key.service}/aws4_request, SignedHeaders={';'.join(signed)}, "
        f"Signature={signature(key, amz_date, canonical)}"
    )
    return [*kept, ("Authorization", value)]


def signature_problem(
    key: SigningKey, method: str, target: str, headers: Mapping[str, str], body: bytes
) -> str | None:
    """Why the request (headers keyed by lower-case name) is not signed by `key`, or None."""
    match = _AUTHORIZATION.fullmatch(headers.get("authorization", "").strip())
    if match is None:
        return f"no {ALGORITHM} Authorization header"
    amz_date = headers.get("x-amz-date", "")
    signed = match["signed"].split(";")
    expected = (key.access_key_id, amz_date[:8], key.region, key.service)
    if (match["key"], match["day"], match["region"], match["service"]) != expected:
        return "the credential scope names another key, day, Region or service"
    if not {"host", "x-amz-date"} <= set(signed):
        return "host and x-amz-date must be signed"
    body_hash = payload_hash(body)
    if key.service == "s3":
        declared = headers.get("x-amz-content-sha256")
        if declared not in (body_hash, UNSIGNED_PAYLOAD):
            return "x-amz-content-sha256 is missing or is not the payload's hash"
        body_hash = declared
    canonical = canonical_request(method, target, headers, signed, body_hash, key.service)
    if not hmac.compare_digest(signature(key, amz_date, canonical), match["signature"]):
        return "the signature does not match"
    return None


def _hmac(key: bytes, text: str) -> bytes:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).digest()
