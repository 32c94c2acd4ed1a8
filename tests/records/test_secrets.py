"""Credentials of every provider in the registry are caught, never echoed whole, and allowed
only by a pragma on their own line.

Every key here is built at run time from a prefix and deterministic pseudo-random characters,
so this file holds nothing a secret scanner (or push protection) would take for a key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import string
from pathlib import Path

import pytest

from intreg.records.findings import Finding
from intreg.records.loader import load_record
from intreg.records.registry import load_registry
from intreg.records.secrets import excerpt, find_secret, find_suspect, is_allowed
from tests.helpers import case_text, with_id

ALNUM = string.ascii_letters + string.digits
URL_SAFE = ALNUM + "_-"
BASE64 = ALNUM + "+/"
HEX = "0123456789abcdef"
UPPER = string.ascii_uppercase + string.digits
DIGITS = string.digits
REPO = Path(__file__).parents[2]


def chars(n: int, alphabet: str = ALNUM, seed: str = "") -> str:
    """`n` random-looking characters of `alphabet`, the same on every run."""
    out = ""
    block = 0
    while len(out) < n:
        digest = hashlib.sha256(f"{seed}/{alphabet}/{n}/{block}".encode()).digest()
        out += "".join(alphabet[b % len(alphabet)] for b in digest)
        block += 1
    return out[:n]


def b64url(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def uuid(seed: str) -> str:
    h = chars(32, HEX, seed)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# (id, text, the name it is filed under, the kind a message names)
SHAPES = [
    # Stripe
    ("stripe-secret-live", "sk_" + "live_" + chars(24), "", "a Stripe secret or restricted key"),
    ("stripe-secret-test", "sk_" + "test_" + chars(99), "", "a Stripe secret or restricted key"),
    ("stripe-restricted", "rk_" + "live_" + chars(24), "", "a Stripe secret or restricted key"),
    (
        "stripe-restricted-test",
        "rk_" + "test_" + chars(24),
        "",
        "a Stripe secret or restricted key",
    ),
    ("stripe-webhook-secret", "whsec_" + chars(32), "", "a Stripe webhook signing secret"),
    (
        "stripe-client-secret",
        "pi_" + chars(24) + "_secret_" + chars(25, seed="s"),
        "",
        "a Stripe client secret",
    ),
    # Twilio
    ("twilio-account-sid", "AC" + chars(32, HEX), "", "a Twilio account SID or API key"),
    ("twilio-api-key-sid", "SK" + chars(32, HEX), "", "a Twilio account SID or API key"),
    ("twilio-auth-token", "Twilio auth token " + chars(32, HEX), "", "a Twilio auth token"),
    ("twilio-auth-token-by-name", chars(32, HEX), "auth_token", "a hex-encoded secret"),
    ("twilio-api-key-secret", "API key secret: " + chars(32), "", "a long random token"),
    # AWS (S3, SES, SNS)
    ("aws-access-key-id", "AKIA" + chars(16, UPPER), "", "an AWS access key"),
    ("aws-session-key-id", "ASIA" + chars(16, UPPER), "", "an AWS access key"),
    (
        "aws-secret-access-key",
        "aws_secret_access_key = " + chars(40, BASE64),
        "",
        "an AWS secret access key",
    ),
    ("aws-secret-access-key-alone", chars(40, BASE64), "", "a long random token"),
    # SendGrid
    (
        "sendgrid",
        "SG." + chars(22, URL_SAFE) + "." + chars(43, URL_SAFE, "2"),
        "",
        "a SendGrid API key",
    ),
    # Mailchimp and Mailchimp Transactional (Mandrill)
    ("mailchimp", chars(32, HEX) + "-us" + "21", "", "a Mailchimp API key"),
    (
        "mandrill",
        "Mandrill API key: " + chars(22, URL_SAFE),
        "",
        "a Mailchimp Transactional (Mandrill) API key",
    ),
    # HubSpot
    ("hubspot-private-app-na", "pat-" + "na1-" + uuid("h"), "", "a HubSpot private app token"),
    ("hubspot-private-app-eu", "pat-" + "eu1-" + uuid("e"), "", "a HubSpot private app token"),
    (
        "hubspot-legacy-api-key",
        "https://api.hubapi.com/contacts/v1/lists?hapikey=" + uuid("k"),
        "",
        "a HubSpot API key",
    ),
    # Razorpay
    ("razorpay-key-id-live", "rzp_" + "live_" + chars(14), "", "a Razorpay key id"),
    ("razorpay-key-id-test", "rzp_" + "test_" + chars(14), "", "a Razorpay key id"),
    ("razorpay-key-secret", "Razorpay key secret " + chars(24), "", "a Razorpay key secret"),
    # PayPal: client ids and secrets are 80 characters, without a prefix
    ("paypal-client-id", "A" + chars(79, URL_SAFE), "", "a long random token"),
    (
        "paypal-client-secret",
        "E" + chars(79, URL_SAFE, "s"),
        "client_secret",
        "a long random token",
    ),
    # OpenAI
    (
        "openai-project",
        "sk-" + "proj-" + chars(74) + "T3Blbk" + "FJ" + chars(74, seed="o"),
        "",
        "an OpenAI API key",
    ),
    ("openai-service-account", "sk-" + "svcacct-" + chars(64, URL_SAFE), "", "an OpenAI API key"),
    ("openai-legacy", "sk-" + chars(48), "", "an OpenAI API key"),
    # Slack
    (
        "slack-bot-token",
        "xoxb-" + chars(12, DIGITS) + "-" + chars(13, DIGITS, "b") + "-" + chars(24),
        "",
        "a Slack token or webhook URL",
    ),
    (
        "slack-user-token",
        "xoxp-" + chars(12, DIGITS) + "-" + chars(12, DIGITS, "u") + "-" + chars(32, HEX),
        "",
        "a Slack token or webhook URL",
    ),
    (
        "slack-app-token",
        "xapp-1-A" + chars(10, UPPER) + "-" + chars(13, DIGITS) + "-" + chars(64, HEX),
        "",
        "a Slack app-level token",
    ),
    (
        "slack-webhook-url",
        "https://hooks.slack.com/services/T"
        + chars(8, UPPER)
        + "/B"
        + chars(10, UPPER, "b")
        + "/"
        + chars(24),
        "",
        "a Slack token or webhook URL",
    ),
    # Telegram
    ("telegram-bot", chars(10, DIGITS) + ":AA" + chars(33, URL_SAFE), "", "a Telegram bot token"),
    # Meta: Facebook Graph and WhatsApp Business
    ("meta-access-token", "EAA" + chars(150), "", "a Meta (Facebook, WhatsApp) access token"),
    ("facebook-app-secret", "Facebook app secret " + chars(32, HEX), "", "a Facebook app secret"),
    # X (Twitter)
    ("x-bearer-token", "A" * 22 + chars(90, ALNUM + "%"), "", "an X (Twitter) bearer token"),
    ("x-api-key", "Twitter API key: " + chars(25), "", "an X (Twitter) API key or secret"),
    (
        "x-access-token",
        "Twitter access token " + chars(19, DIGITS) + "-" + chars(40),
        "",
        "an X (Twitter) access token",
    ),
    # LinkedIn
    (
        "linkedin-client-secret",
        "LinkedIn client secret: " + chars(16),
        "",
        "a LinkedIn client secret",
    ),
    ("linkedin-access-token", "AQ" + chars(350, URL_SAFE), "", "a long random token"),
    # Salesforce
    (
        "salesforce-access-token",
        "00D" + chars(12) + "!" + chars(96, ALNUM + "._"),
        "",
        "a Salesforce access token",
    ),
    # Google (Analytics, and Google's keys in general)
    ("google-api-key", "AIza" + chars(35, URL_SAFE), "", "a Google API key"),
    ("google-client-secret", "GOCSPX-" + chars(28, URL_SAFE), "", "a Google OAuth client secret"),
    ("google-access-token", "ya29." + chars(150, URL_SAFE), "", "a Google OAuth access token"),
    (
        "google-analytics-api-secret",
        "https://www.google-analytics.com/mp/collect?measurement_id=G-"
        + chars(10, UPPER)
        + "&api_secret="
        + chars(22, URL_SAFE),
        "",
        "a random-looking secret",
    ),
    # Mailgun
    ("mailgun-key", "key-" + chars(32, string.ascii_lowercase + DIGITS), "", "a Mailgun API key"),
    (
        "mailgun-hex-key",
        chars(32, HEX) + "-" + chars(8, HEX, "a") + "-" + chars(8, HEX, "b"),
        "",
        "a Mailgun API key",
    ),
    # GitHub
    ("github-classic", "ghp_" + chars(36), "", "a GitHub token"),
    (
        "github-fine-grained",
        "github_pat_" + chars(22) + "_" + chars(59, seed="g"),
        "",
        "a GitHub fine-grained token",
    ),
    # WeChat
    ("wechat-app-secret", "AppSecret: " + chars(32, HEX), "", "a hex-encoded secret"),
    ("wechat-access-token", "access_token=" + chars(136, URL_SAFE), "", "a long random token"),
    # Semrush and Ahrefs: keys in a query string or an Authorization header
    (
        "semrush-key",
        "https://api.semrush.com/?type=domain_ranks&key=" + chars(32, HEX),
        "",
        "a hex-encoded secret",
    ),
    ("ahrefs-key", "Authorization: Bearer " + chars(40, URL_SAFE), "", "a long random token"),
    # Formats of every provider
    (
        "jwt",
        b64url({"alg": "HS256", "typ": "JWT"})
        + "."
        + b64url({"sub": chars(10), "iat": 1700000000})
        + "."
        + chars(43, URL_SAFE),
        "",
        "a JSON Web Token",
    ),
    (
        "private-key-rsa",
        "-----BEGIN RSA " + "PRIVATE KEY-----\n" + chars(64, BASE64),
        "",
        "a private key",
    ),
    ("private-key-openssh", "-----BEGIN OPENSSH " + "PRIVATE KEY-----", "", "a private key"),
    ("private-key-encrypted", "-----BEGIN ENCRYPTED " + "PRIVATE KEY-----", "", "a private key"),
    (
        "password-in-url",
        "https://deploy:" + chars(20) + "@example.com/hooks",
        "",
        "a password in a URL",
    ),
    ("hex-secret-in-text", "client secret: " + chars(40, HEX), "", "a hex-encoded secret"),
    ("hex-secret-by-name", chars(30, HEX), "signing_secret", "a hex-encoded secret"),
    ("random-secret-by-name", chars(24), "client_secret", "a random-looking secret"),
    (
        "random-token-in-query",
        "https://api.example.com/v1?key=" + chars(41),
        "",
        "a long random token",
    ),
]
NOT_SECRETS = [
    ("STRIPE_SECRET_KEY", ""),
    ("pi_3MtwBwLkdIwHu7ix28a3tqPa", ""),  # object ids from provider docs
    ("SM1f0e8ae6ade43cb3c0ce4525424e404f", "sid"),
    (chars(40, HEX), ""),  # a hex digest, with nothing saying it is secret
    (chars(32, HEX), "request_id"),
    ("https://api.example.com/v1/tokens/" + chars(32, HEX), ""),  # ids in URL paths are public
    ("https://docs.stripe.com/api/payment_intents/create", ""),
    ("Bearer $STRIPE_SECRET_KEY", ""),
    ("The quick brown fox jumps over the lazy dog, then keeps running far away.", ""),
    ("sk_test_...", ""),
    # Documented stand-ins: one character repeated
    ("AC" + "a" * 32, "account_sid"),
    ("AC" + "X" * 32, ""),
    ("sk_" + "test_" + "x" * 24, ""),
    ("secret: YOUR_CLIENT_SECRET", ""),
    ("Authorization: Bearer YOUR_ACCESS_TOKEN", ""),
    ("Sign with the HMAC-SHA256 key to verify X-Hub-Signature-256.", "description"),
    ("request id 123e4567-e89b-12d3-a456-426614174000", ""),
    (uuid("p"), "next_page_token"),
    # Documentation URLs with long slugs (found as false positives in real records)
    (
        "https://support.twilio.com/hc/en-us/articles/"
        "4411046744987-Toll-Free-SMS-and-MMS-messaging-throughput-MPS",
        "",
    ),
    ("https://docs.aws.amazon.com/goto/WebAPI/sesv2-2019-09-27/SendEmail", ""),
    ("https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T/capture", ""),
]


@pytest.mark.parametrize(
    ("text", "key", "kind"), [s[1:] for s in SHAPES], ids=[s[0] for s in SHAPES]
)
def test_find_secret_recognises_every_provider_shape(text: str, key: str, kind: str) -> None:
    assert find_secret(text, key) == kind


@pytest.mark.parametrize(("text", "key"), NOT_SECRETS)
def test_find_secret_ignores_names_ids_prose_and_stand_ins(text: str, key: str) -> None:
    assert find_secret(text, key) is None


def test_a_suspect_is_the_whole_key_not_the_part_a_detector_matched() -> None:
    key = "sk_" + "live_" + chars(99)
    suspect = find_suspect(f"paste {key} here")
    assert suspect is not None
    assert suspect.value == key
    assert suspect.excerpt == "'sk_l…' (107 characters)"


def test_an_excerpt_shows_four_characters_and_the_length() -> None:
    assert excerpt("-----BEGIN\nMII") == "'----…' (14 characters)"
    assert excerpt("ab\ncdef") == "'ab…' (7 characters)"


def record_with(value: str, where: str = "description: Secret API key.") -> str:
    """The minimal record with `value` at `where`; a field name not in the model is given
    to the value in the response example."""
    if ":" not in where:
        return case_text("minimal").replace("amount: 500", f"{where}: {json.dumps(value)}")
    return case_text("minimal").replace(where, where.split(":")[0] + ": " + json.dumps(value))


def load(text: str) -> list[Finding]:
    return load_record(text.encode(), "registry/minimal.yaml", "minimal").findings


def printed(findings: list[Finding]) -> str:
    return "\n".join(f"{f.location} {f.field} {f.message} {f.hint}" for f in findings)


@pytest.mark.parametrize(
    ("text", "key", "kind"), [s[1:] for s in SHAPES], ids=[s[0] for s in SHAPES]
)
def test_loader_reports_each_shape_without_echoing_it(text: str, key: str, kind: str) -> None:
    suspect = find_suspect(text, key)
    assert suspect is not None
    findings = load(record_with(text, key) if key else record_with(text))
    assert [f.code for f in findings] == ["secret-in-record"]
    assert findings[0].message.startswith("looks like ")
    assert findings[0].message.endswith(f": {suspect.excerpt}")
    assert suspect.value not in printed(findings)


def test_loader_message_for_a_stripe_key() -> None:
    key = "sk_" + "live_" + chars(99)
    (f,) = load(record_with(key))
    assert (f.location, f.field, f.code) == (
        "registry/minimal.yaml:18:20",
        "auth.credentials[0].description",
        "secret-in-record",
    )
    assert f.message == "looks like a Stripe secret or restricted key: 'sk_l…' (107 characters)"
    assert f.hint == (
        "a record holds environment-variable names, never values: remove it and rotate the "
        "credential if it was real; a documented example may stay, with "
        "`# pragma: allowlist secret` at the end of its line"
    )


def test_loader_reports_a_secret_pasted_as_an_env_var_name_once_and_redacted() -> None:
    key = "sk_" + "live_" + chars(24)
    findings = load(record_with(key, "env_var: EXAMPLE_SECRET_KEY"))
    assert [(f.field, f.code) for f in findings] == [
        ("auth.credentials[0].env_var", "secret-in-record")
    ]
    assert key not in printed(findings)


def test_loader_redacts_a_secret_wherever_a_rule_quotes_it() -> None:
    key = "AKIA" + chars(16, UPPER)
    text = case_text("minimal").replace("EXAMPLE_SECRET_KEY", key)
    text = text.replace("scope: backend", "scope: frontend")
    findings = load(text)
    assert sorted(f.code for f in findings) == ["secret-in-frontend", "secret-in-record"]
    assert key not in printed(findings)
    assert f"{excerpt(key)} is secret but scoped to the frontend" in printed(findings)
    assert f"`{excerpt(key)}`" not in printed(findings)


def test_loader_never_shows_part_of_a_secret_in_a_placeholder() -> None:
    key = "sk_" + "live_" + chars(99)
    findings = load(record_with(f"TODO rotate {key}"))
    assert sorted(f.code for f in findings) == ["placeholder", "secret-in-record"]
    assert key[:20] not in printed(findings)


PLAID_ITEM_ID = chars(37, seed="plaid")  # the shape of a documented Plaid item_id
PRAGMAS = ["# pragma: allowlist secret", "#pragma: allowlist secret", "# intreg: allow-secret"]


@pytest.mark.parametrize("comment", PRAGMAS)
def test_a_pragma_on_the_values_line_allows_it(comment: str) -> None:
    text = case_text("minimal").replace(
        "description: Secret API key.", f"description: {PLAID_ITEM_ID}  {comment}"
    )
    assert load(text) == []


def test_a_pragma_allows_exactly_its_own_line() -> None:
    other = chars(37, seed="other")
    text = case_text("minimal").replace(
        "description: Secret API key.",
        f"description: {PLAID_ITEM_ID}  # pragma: allowlist secret",
    )
    text = text.replace("purpose: Charge listing fees.", f"purpose: {other}")
    findings = load(text)
    assert [(f.field, f.code) for f in findings] == [("purpose", "secret-in-record")]


def test_a_pragma_on_the_line_before_does_not_allow() -> None:
    text = case_text("minimal").replace(
        "      description: Secret API key.",
        f"      # pragma: allowlist secret\n      description: {PLAID_ITEM_ID}",
    )
    assert [f.code for f in load(text)] == ["secret-in-record"]


def test_a_pragma_inside_a_quoted_value_does_not_allow() -> None:
    value = f"{PLAID_ITEM_ID} # pragma: allowlist secret"
    assert [f.code for f in load(record_with(value))] == ["secret-in-record"]


def test_a_pragma_after_a_block_scalar_indicator_allows_the_block() -> None:
    text = case_text("minimal").replace(
        "      description: Secret API key.",
        f"      description: |  # pragma: allowlist secret\n        {PLAID_ITEM_ID}",
    )
    assert load(text) == []


def test_is_allowed_reads_comments_only() -> None:
    assert is_allowed("  key: abc  # pragma: allowlist secret", "abc")
    assert is_allowed("  key: abc  # intreg: allow-secret", "abc")
    assert not is_allowed("  key: abc  # pragma: allowlist", "abc")
    assert not is_allowed('  key: "abc # intreg: allow-secret"', "abc # intreg: allow-secret")


@pytest.mark.parametrize(
    "folder", [REPO / "registry", REPO / "tests" / "cases" / "valid"], ids=["registry", "valid"]
)
def test_no_false_positives_in_shipped_records(folder: Path) -> None:
    for file in sorted(folder.glob("*.yaml")):
        result = load_record(file.read_bytes(), str(file), file.stem)
        assert [f for f in result.findings if f.code == "secret-in-record"] == []


def test_validate_never_prints_a_secret_in_any_format(make_registry, run_cli) -> None:
    key = "sk_" + "live_" + chars(24)
    root = make_registry({"minimal": record_with(key, "env_var: EXAMPLE_SECRET_KEY")})
    for fmt in ("text", "json", "github"):
        result = run_cli("validate", "--no-cache", "--format", fmt, cwd=root)
        assert result.exit_code == 1
        assert "secret-in-record" in result.stdout
        assert key not in result.stdout + result.stderr


def test_rules_across_records_never_print_a_key_pasted_as_a_name(tmp_path: Path) -> None:
    key = "AKIA" + chars(16, UPPER)
    for name in ("alpha", "beta"):
        text = with_id(case_text("minimal"), name).replace("EXAMPLE_SECRET_KEY", key)
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    files = sorted(tmp_path.glob("*.yaml"))
    findings = load_registry(files, tmp_path).findings
    assert sorted({f.code for f in findings}) == ["env-var-conflict", "secret-in-record"]
    assert key not in printed(findings)
    assert f"{excerpt(key)} is also used by beta" in printed(findings)
