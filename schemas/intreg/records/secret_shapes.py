"""The credential shapes intreg knows beyond detect-secrets', and the names writers read.

Each shape is a provider's documented format, as the maintained rule sets of gitleaks
(config/gitleaks.toml) and trufflehog (pkg/detectors/) write it; a shape that detect-secrets
already knows is left to it.
"""

from __future__ import annotations

import re

# detect-secrets' detectors by class name, with the name a message gives their finds. A
# detector the library adds later is used too, named by its own `secret_type`.
LIBRARY_KINDS = {
    "ArtifactoryDetector": "an Artifactory token",
    "AWSKeyDetector": "an AWS access key",
    "AzureStorageKeyDetector": "an Azure storage account key",
    "BasicAuthDetector": "a password in a URL",
    "CloudantDetector": "Cloudant credentials",
    "DiscordBotTokenDetector": "a Discord bot token",
    "GitHubTokenDetector": "a GitHub token",
    "GitLabTokenDetector": "a GitLab token",
    "IbmCloudIamDetector": "an IBM Cloud IAM key",
    "IbmCosHmacDetector": "IBM Cloud Object Storage credentials",
    "JwtTokenDetector": "a JSON Web Token",
    "MailchimpDetector": "a Mailchimp API key",
    "NpmDetector": "an npm token",
    "OpenAIDetector": "an OpenAI API key",
    "PrivateKeyDetector": "a private key",
    "PypiTokenDetector": "a PyPI token",
    "SendGridDetector": "a SendGrid API key",
    "SlackDetector": "a Slack token or webhook URL",
    "SoftlayerDetector": "SoftLayer credentials",
    "SquareOAuthDetector": "a Square OAuth secret",
    "StripeDetector": "a Stripe secret or restricted key",
    "TelegramBotTokenDetector": "a Telegram bot token",
    "TwilioKeyDetector": "a Twilio account SID or API key",
}
SKIPPED_PLUGINS = frozenset(
    {
        "IPPublicDetector",  # an IP address is no credential; records name servers
        "KeywordDetector",  # `password: x` in code; prose is full of such words
        # Random tokens: intreg judges its own candidates with their entropy measure
        "Base64HighEntropyString",
        "HexHighEntropyString",
    }
)

_UUID = r"[0-9A-Za-z]{8}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{12}"
# Shapes recognised anywhere in a text, at the start of a word: (name, pattern).
EXTRAS = (
    # detect-secrets knows only live keys of 24 characters; test keys and longer keys too
    ("a Stripe secret or restricted key", r"[sr]k_(?:live|test|prod)_[0-9A-Za-z]{10,}"),
    ("a Stripe webhook signing secret", r"whsec_[0-9A-Za-z]{16,}"),
    ("a Stripe client secret", r"(?:pi|seti)_[0-9A-Za-z]{10,}_secret_[0-9A-Za-z]{10,}"),
    # detect-secrets needs the `T3BlbkFJ` marker that project and service keys may lack
    ("an OpenAI API key", r"sk-(?:proj-|svcacct-|admin-)?[0-9A-Za-z_-]{20,}"),
    ("a Google API key", r"AIza[0-9A-Za-z_-]{35}"),
    ("a Google OAuth client secret", r"GOCSPX-[0-9A-Za-z_-]{28}"),
    ("a Google OAuth access token", r"ya29\.[0-9A-Za-z_-]{20,}"),
    ("a GitHub fine-grained token", r"github_pat_[0-9A-Za-z_]{82}"),
    ("a Meta (Facebook, WhatsApp) access token", r"EAA[0-9A-Za-z]{40,}"),
    ("an X (Twitter) bearer token", r"A{22}[0-9A-Za-z%]{80,}"),
    ("a HubSpot private app token", rf"pat-(?:na|eu)[0-9]-{_UUID}"),
    ("a Razorpay key id", r"rzp_(?:live|test)_[0-9A-Za-z]{14}"),
    ("a Mailgun API key", r"key-[0-9a-z]{32}"),
    ("a Mailgun API key", r"[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}"),
    ("a Salesforce access token", r"00[0-9A-Za-z]{13}![0-9A-Za-z_.]{96,}"),
    ("a Slack token", r"xox[abposre]-[0-9A-Za-z-]{10,}"),
    ("a Slack app-level token", r"xapp-[0-9]-[0-9A-Za-z]+-[0-9]+-[0-9a-z]+"),
    # detect-secrets lists armour lines one by one, without ENCRYPTED PRIVATE KEY
    ("a private key", r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
)

# Shapes too plain to recognise alone: they count when the provider is named in the 40
# characters before them, or in the name the text is filed under. (name, keyword, token).
NEAR = tuple(
    (kind, re.compile(keyword, re.IGNORECASE), re.compile(token))
    for kind, keyword, token in (
        ("a Mailchimp Transactional (Mandrill) API key", r"mandrill", r"[0-9A-Za-z_-]{22}"),
        ("a LinkedIn client secret", r"linked[ _-]?in", r"[0-9A-Za-z]{16}"),
        ("an X (Twitter) API key or secret", r"twitter", r"[0-9A-Za-z]{25}|[0-9A-Za-z]{45,50}"),
        ("an X (Twitter) access token", r"twitter", r"[0-9]{15,25}-[0-9A-Za-z]{20,40}"),
        ("a Razorpay key secret", r"razorpay|rzp_", r"[0-9A-Za-z]{24}"),
        ("an AWS secret access key", r"aws|amazon", r"[0-9A-Za-z/+]{40}"),
        ("a HubSpot API key", r"hapi_?key|hubspot[ _-]?api[ _-]?key", _UUID),
        ("a Twilio auth token", r"twilio", r"[0-9a-f]{32}"),
        ("a Facebook app secret", r"facebook|\bfb\b", r"[0-9a-f]{32}"),
    )
)

# Words that make a token secret-ish: the name a text is filed under (`client_secret`), or,
# in the text, a word assigned the token (`auth token: …`, `?key=…`, as gitleaks'
# generic-api-key rule reads). Such a token counts even when shorter and plainer.
KEYWORD = re.compile(
    r"secret|token|passw(?:or)?d|pwd|api[ _-]?key|apikey|access[ _-]?key|private[ _-]?key"
    r"|signing[ _-]?key|credential|\bauth(?:orization)?\b|\bkey\b",
    re.IGNORECASE,
)
ASSIGNED = re.compile(
    rf"(?:{KEYWORD.pattern})[\w .-]{{0,20}}[\s'\"]{{0,3}}(?:=|:|=>|:=)[\s'\"`]{{0,5}}"
    r"(?:bearer\s+)?$",
    re.IGNORECASE,
)
NOT_A_SECRET_KEY = re.compile(r"page|cursor", re.IGNORECASE)  # names of paging tokens
