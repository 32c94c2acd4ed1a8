"""Issue 17, done when: against `intreg mock ID` (a real process) for the shipped records, the
right credential passes and a wrong or missing one gets 401 or 403, for each way a provider
takes credentials: Telegram's path token, Mailchimp's body key, OAuth 2 client credentials
(PayPal with Basic, Salesforce in the body, WeChat in the query: the mock issues the token and
accepts only it) and AWS SigV4 (signed here, and by curl's own --aws-sigv4)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from intreg.mock.sigv4 import SigningKey, sign

REPO = Path(__file__).parent.parent.parent
INTREG = Path(sys.executable).parent / "intreg"
REFUSED = (401, 403)


@contextmanager
def mock(record_id: str, **credentials: str) -> Iterator[str]:
    """`intreg mock RECORD_ID` on the shipped registry, accepting `credentials`; its base URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PAYPAL_"))}
    process = subprocess.Popen(
        [INTREG, "mock", record_id, "--port", "0", "--no-rate-limits"],
        cwd=REPO,
        env={**env, **credentials, "NO_COLOR": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert line.startswith(f"mock for {record_id} at "), process.stderr
        yield line.removeprefix(f"mock for {record_id} at ").strip()
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)


def call(
    url: str, method: str = "GET", body: bytes | None = None, **headers: str
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.mark.slow
def test_telegram_path_token() -> None:
    with mock("telegram", TELEGRAM_BOT_TOKEN="123:right") as url:
        info = "/getWebhookInfo"
        assert call(f"{url}/bot123:right{info}")[0] == 200
        assert call(f"{url}/bot123:wrong{info}")[0] in REFUSED
        assert call(f"{url}/bot{info}")[0] == 404  # no token segment: no such method


@pytest.mark.slow
def test_mailchimp_body_key() -> None:
    with mock("mailchimp", MAILCHIMP_TRANSACTIONAL_API_KEY="md-right") as url:

        def info(**key: str) -> int:
            body = json.dumps({**key, "id": "abc123abc123abc123abc123abc123"}).encode()
            return call(
                f"{url}/messages/info.json", "POST", body, **{"Content-Type": "application/json"}
            )[0]

        assert info(key="md-right") == 200
        assert info(key="md-wrong") in REFUSED
        assert info() in REFUSED


def form(fields: dict[str, str]) -> bytes:
    return urlencode(fields).encode()


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.mark.slow
def test_paypal_client_credentials_then_the_issued_bearer_token() -> None:
    with mock("paypal", PAYPAL_CLIENT_ID="id", PAYPAL_CLIENT_SECRET="secret") as url:
        grant = form({"grant_type": "client_credentials"})
        status, body = call(
            f"{url}/v1/oauth2/token", "POST", grant, Authorization=basic("id", "secret"), **FORM
        )
        assert status == 200
        token = json.loads(body)["access_token"]
        order = f"{url}/v2/checkout/orders/5O190127TN364715T"
        assert call(order, Authorization=f"Bearer {token}")[0] == 200
        assert call(order, Authorization="Bearer another-token")[0] in REFUSED
        assert call(order)[0] in REFUSED
        assert call(order, Authorization=basic("id", "secret"))[0] in REFUSED  # not the bearer
        wrong = basic("id", "not-the-secret")
        assert (
            call(f"{url}/v1/oauth2/token", "POST", grant, Authorization=wrong, **FORM)[0] in REFUSED
        )
        assert (
            call(f"{url}/v1/oauth2/token", "POST", grant, Authorization=f"Bearer {token}", **FORM)[
                0
            ]
            in REFUSED
        )


@pytest.mark.slow
def test_salesforce_client_credentials_in_the_body() -> None:
    with mock("salesforce", SALESFORCE_CLIENT_ID="cid", SALESFORCE_CLIENT_SECRET="cs") as url:

        def token(secret: str) -> tuple[int, bytes]:
            fields = {
                "grant_type": "client_credentials",
                "client_id": "cid",
                "client_secret": secret,
            }
            return call(f"{url}/services/oauth2/token", "POST", form(fields), **FORM)

        status, body = token("cs")
        assert status == 200
        issued = json.loads(body)["access_token"]
        assert token("not-cs")[0] in REFUSED
        query = f"{url}/services/data/v63.0/query/?q=SELECT+Id+FROM+Lead"
        assert call(query, Authorization=f"Bearer {issued}")[0] == 200
        assert call(query, Authorization="Bearer cs")[0] in REFUSED  # the secret is no token
        assert call(query)[0] in REFUSED


@pytest.mark.slow
def test_wechat_app_secret_in_the_query_then_the_access_token() -> None:
    with mock("wechat", WECHAT_APP_ID="wx0000000000000001", WECHAT_APP_SECRET="s") as url:

        def token(secret: str) -> tuple[int, bytes]:
            query = urlencode(
                {"grant_type": "client_credential", "appid": "wx0000000000000001", "secret": secret}
            )
            return call(f"{url}/cgi-bin/token?{query}")

        status, body = token("s")
        assert status == 200
        issued = json.loads(body)["access_token"]
        assert token("not-s")[0] in REFUSED
        send = f"{url}/cgi-bin/message/template/send"
        message = json.dumps(
            {"touser": "OPENID", "template_id": "TEMPLATE_ID", "data": {}}
        ).encode()
        json_type = {"Content-Type": "application/json"}
        assert call(f"{send}?access_token={issued}", "POST", message, **json_type)[0] == 200
        assert call(f"{send}?access_token=other", "POST", message, **json_type)[0] in REFUSED
        assert call(send, "POST", message, **json_type)[0] in REFUSED


AWS = {
    "AWS_ACCESS_KEY_ID": "AKIDMOCK",
    "AWS_SECRET_ACCESS_KEY": "mock-secret",
    "AWS_REGION": "us-east-1",
}
AWS_READS = {
    "aws-ses": ("ses", "/v2/email/account"),
    "aws-s3": ("s3", "/py360-policy-documents-staging/POL-1.pdf"),
    "aws-sns": ("sns", "/?Action=GetSMSAttributes&Version=2010-03-31"),
}


def signed_get(url: str, service: str, target: str, secret: str) -> int:
    key = SigningKey("AKIDMOCK", secret, "us-east-1", service)
    host = urlsplit(url).netloc
    now = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = urlsplit(url).path + target
    headers = dict(sign(key, "GET", path, [("Host", host)], b"", now))
    return call(url + target, **{k: v for k, v in headers.items() if k != "Host"})[0]


@pytest.mark.slow
@pytest.mark.parametrize("record_id", sorted(AWS_READS))
def test_aws_sigv4(record_id: str) -> None:
    service, target = AWS_READS[record_id]
    with mock(record_id, **AWS) as url:
        assert signed_get(url, service, target, "mock-secret") == 200
        assert signed_get(url, service, target, "another-secret") == 403
        assert call(url + target)[0] == 403
        assert call(url + target, Authorization="AWS4-HMAC-SHA256 made-up")[0] == 403


@pytest.mark.slow
def test_curls_own_sigv4_is_accepted() -> None:
    curl = shutil.which("curl")
    if curl is None:
        if os.environ.get("CI"):
            pytest.fail("curl is missing")
        pytest.skip("curl is missing")
    with mock("aws-ses", **AWS) as url:

        def status(secret: str) -> str:
            return subprocess.run(
                [curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", "--aws-sigv4",
                 "aws:amz:us-east-1:ses", "-u", f"AKIDMOCK:{secret}", f"{url}/v2/email/account"],
                capture_output=True, text=True, check=True, timeout=30,
            ).stdout  # fmt: skip

        assert status("mock-secret") == "200"
        assert status("another-secret") == "403"
