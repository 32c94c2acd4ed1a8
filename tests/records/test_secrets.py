from __future__ import annotations

import pytest

from intreg.records.secrets import find_secret

# Built by concatenation so that this file itself holds no key-shaped literal.
SECRETS = {
    "sk_" + "live_4eC39HqLyjWDarjtT1zdp7dc": "a Stripe secret or restricted key",
    "rk_" + "test_51H8abcdefGHIJKLmnop": "a Stripe secret or restricted key",
    "AKIA" + "IOSFODNN7EXAMPLE": "an AWS access key id",
    "xoxb-" + "123456789012-abcdefghijkl": "a Slack token",
    "ghp_" + "a" * 36: "a GitHub token",
    "sk-proj-" + "abcdefghijklmnopqrstuvwxyz12": "an OpenAI API key",
    "SG." + "abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuv": "a SendGrid API key",
    "-----BEGIN " + "PRIVATE KEY-----": "a private key",
    "-----BEGIN " + "OPENSSH PRIVATE KEY-----": "a private key",
    "token=" + "CBjRjYQFGTT1c4IjTnvGUDlBzmobKBS1Shh2zbeQx": "a long random token",
    "wJalrXUtnFEMI/" + "K7MDENG/bPxRfiCYEXAMPLEKEY": "a long random token",  # AWS secret key shape
    "https://api.example.com/v1?key=" + "CBjRjYQFGTT1c4IjTnvGUDlBzmobKBS1Shh2zbeQx": (
        "a long random token"
    ),
    "pi_3MtwBwLkdIwHu7ix28a3tqPa_" + "secret_YrKJUKribcBjcG8HVhfZluoGH": "a Stripe client secret",
    "https://hooks.slack.com/services/" + "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX": (
        "a Slack webhook URL"
    ),
}
NOT_SECRETS = [
    "STRIPE_SECRET_KEY",
    "pi_3MtwBwLkdIwHu7ix28a3tqPa",  # object ids from provider docs
    "SM1f0e8ae6ade43cb3c0ce4525424e404f",
    "c201fcd40ec587c28c0a4248fdf8e7a2b7789a7e",  # hex digest: at most 4 bits a character
    "https://docs.stripe.com/api/payment_intents/create",
    "Bearer $STRIPE_SECRET_KEY",
    "The quick brown fox jumps over the lazy dog, then keeps running far away.",
    "sk_test_...",
    # Documentation URLs with long slugs (found as false positives in real records)
    "https://support.twilio.com/hc/en-us/articles/"
    "4411046744987-Toll-Free-SMS-and-MMS-messaging-throughput-MPS",
    "https://support.twilio.com/hc/en-us/articles/"
    "115002943027-Understanding-Twilio-Rate-Limits-and-Message-Queues",
    "https://docs.aws.amazon.com/goto/WebAPI/sesv2-2019-09-27/SendEmail",
    "https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html",
    "https://api-m.paypal.com/v2/checkout/orders/5O190127TN364715T/capture",
]


@pytest.mark.parametrize(("text", "kind"), SECRETS.items(), ids=list(SECRETS.values()))
def test_find_secret_recognises_credentials(text: str, kind: str) -> None:
    assert find_secret(text) == kind


@pytest.mark.parametrize("text", NOT_SECRETS)
def test_find_secret_ignores_names_ids_and_prose(text: str) -> None:
    assert find_secret(text) is None
