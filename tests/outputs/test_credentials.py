"""Which record credentials fill the security scheme, and how they are sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from intreg.outputs.credentials import plan_auth
from intreg.outputs.security import scheme_of
from intreg.outputs.wire_auth import Carrier, default_placement
from intreg.records.auth import Auth, AuthLocation, AuthMethod
from intreg.records.errors import IntregError
from intreg.records.loader import load_record
from intreg.records.model import Integration
from intreg.records.project import Project
from intreg.records.registry import load_registry
from intreg.records.sent_credentials import sends_basic
from intreg.records.yaml_reader import read_yaml
from tests.helpers import case_text
from tests.mock.test_mock import MINIMAL_AUTH, record_from

REPO = Path(__file__).parent.parent.parent
MINIMAL_CREDENTIALS = """\
    - env_var: EXAMPLE_SECRET_KEY
      description: Secret API key.
      secret: true
      scope: backend
"""
BASIC_CREDENTIALS = """\
    - env_var: EXAMPLE_KEY_ID
      description: Key id.
      secret: false
      scope: backend
    - env_var: EXAMPLE_KEY_SECRET
      description: Key secret.
      secret: true
      scope: backend
"""


def minimal_with(auth: str = MINIMAL_AUTH, credentials: str = MINIMAL_CREDENTIALS):
    text = (
        case_text("minimal").replace(MINIMAL_AUTH, auth).replace(MINIMAL_CREDENTIALS, credentials)
    )
    return record_from(text, "minimal")


def test_bearer_api_key_plan() -> None:
    plan = plan_auth(minimal_with())
    assert plan is not None
    assert (plan.default.scheme, plan.default.carrier, plan.env_vars) == (
        "apiKey",
        Carrier.BEARER,
        ("EXAMPLE_SECRET_KEY",),
    )
    assert plan.describe() == "Authorization: Bearer $EXAMPLE_SECRET_KEY"
    assert plan.dummy_values() == ("mock-example-secret-key",)
    assert plan.schemathesis_auth({"EXAMPLE_SECRET_KEY": "s3cret"}) == {
        "apiKey": {"bearer": "s3cret"}
    }


def test_basic_plan_pairs_the_secret_with_the_credential_before_it() -> None:
    plan = plan_auth(minimal_with("  method: basic\n", BASIC_CREDENTIALS))
    assert plan is not None
    assert plan.env_vars == ("EXAMPLE_KEY_ID", "EXAMPLE_KEY_SECRET")
    assert plan.describe() == "Authorization: Basic $EXAMPLE_KEY_ID:$EXAMPLE_KEY_SECRET"
    values = {"EXAMPLE_KEY_ID": "u", "EXAMPLE_KEY_SECRET": "p"}
    assert plan.schemathesis_auth(values) == {"basicAuth": {"username": "u", "password": "p"}}


def test_query_key_plan() -> None:
    plan = plan_auth(minimal_with("  method: api_key\n  location: query\n  name: key\n"))
    assert plan is not None
    assert plan.describe() == "query key=$EXAMPLE_SECRET_KEY"
    assert plan.schemathesis_auth({"EXAMPLE_SECRET_KEY": "k"}) == {"apiKey": {"api_key": "k"}}


def test_webhook_secrets_and_frontend_values_are_never_the_credential() -> None:
    plan = plan_auth(record_from(case_text("full"), "full"))
    assert plan is not None
    assert (plan.default.carrier, plan.env_vars) == (Carrier.BEARER, ("EXAMPLE_CLIENT_SECRET",))


def test_env_values_name_every_unset_variable() -> None:
    plan = plan_auth(minimal_with("  method: basic\n", BASIC_CREDENTIALS))
    assert plan is not None
    assert plan.env_values({"EXAMPLE_KEY_ID": "u", "EXAMPLE_KEY_SECRET": "p"}) == ("u", "p")
    with pytest.raises(IntregError) as caught:
        plan.env_values({"EXAMPLE_KEY_ID": "u"})
    assert str(caught.value) == "set EXAMPLE_KEY_SECRET (the credentials the calls send)"


def test_validate_refuses_basic_auth_without_a_pair() -> None:
    text = case_text("minimal").replace(MINIMAL_AUTH, "  method: basic\n")
    result = load_record(text.encode(), "minimal.yaml", "minimal")
    assert [(f.line, f.field, f.code, f.message) for f in result.findings] == [
        (
            14,
            "auth.credentials",
            "auth-incomplete",
            "HTTP Basic auth needs a user name followed by a secret whose name says TOKEN, "
            "SECRET or PASSWORD",
        )
    ]


def test_validate_refuses_a_token_auth_whose_only_secret_signs_webhooks() -> None:
    text = case_text("full").replace(
        "      description: OAuth client secret.\n      secret: true\n",
        "      description: OAuth client secret.\n      secret: false\n",
    )
    result = load_record(text.encode(), "full.yaml", "full")
    assert [(f.field, f.code, f.message) for f in result.findings] == [
        (
            "auth.credentials",
            "auth-incomplete",
            "oauth2 auth needs a backend secret to send, other than a webhook secret",
        )
    ]


def test_a_record_built_in_code_without_a_pair_is_an_error_to_plan() -> None:
    text = case_text("minimal").replace(MINIMAL_AUTH, "  method: basic\n")
    document, _ = read_yaml(text.encode(), "minimal.yaml")
    assert document is not None
    record = Integration.model_validate(document.data)  # the model alone: no rules
    with pytest.raises(IntregError) as caught:
        plan_auth(record)
    assert str(caught.value) == (
        "minimal: auth.credentials names no backend secret for the basic credential"
    )


@pytest.mark.parametrize("method", list(AuthMethod))
@pytest.mark.parametrize("location", [None, AuthLocation.HEADER, AuthLocation.QUERY])
@pytest.mark.parametrize("name", [None, "Authorization", "X-Key"])
@pytest.mark.parametrize("scheme", [None, "Bearer", "Basic"])
def test_validate_and_the_plan_agree_on_which_calls_send_basic(method, location, name, scheme):
    auth = Auth(method=method, location=location, name=name, scheme=scheme)
    record = minimal_with().model_copy(update={"auth": auth})
    placement = default_placement(record)
    plan_scheme = scheme_of(auth, placement) if placement is not None else {}
    assert sends_basic(auth) == (plan_scheme.get("scheme") == "basic")


SHIPPED = {r.record.id: r.record for r in load_registry(Project(REPO).record_files(), REPO).records}


@pytest.mark.parametrize(
    ("record_id", "expected"),
    [
        ("stripe", "Authorization: Bearer $STRIPE_SECRET_KEY"),
        ("twilio", "Authorization: Basic $TWILIO_API_KEY_SID:$TWILIO_API_KEY_SECRET"),
        ("x-api", "Authorization: Bearer $X_BEARER_TOKEN"),
        ("telegram", "path {token}=$TELEGRAM_BOT_TOKEN"),
        ("mailchimp", "body field key=$MAILCHIMP_TRANSACTIONAL_API_KEY"),
        ("paypal", "Authorization: Bearer $PAYPAL_ACCESS_TOKEN"),
        ("salesforce", "Authorization: Bearer $SALESFORCE_ACCESS_TOKEN"),
        ("wechat", "query access_token=$WECHAT_ACCESS_TOKEN"),
        (
            "aws-ses",
            "Authorization: AWS SigV4 (us-east-1/ses) signed with $AWS_ACCESS_KEY_ID and "
            "$AWS_SECRET_ACCESS_KEY",
        ),
    ],
)
def test_shipped_records_pick_the_credential_a_person_would(record_id: str, expected: str) -> None:
    if record_id not in SHIPPED:
        pytest.skip(f"registry/{record_id}.yaml is not shipped any more")
    plan = plan_auth(SHIPPED[record_id])
    assert plan is not None and plan.describe() == expected
