"""OpenAPI stubs: valid for every shipped record, right security per auth method, lint-clean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from intreg.outputs.openapi import operation_id, render_openapi
from intreg.records.endpoint import Endpoint
from intreg.records.files import find_record_files
from intreg.records.loader import load_record
from intreg.records.model import Integration
from intreg.records.project import Project
from intreg.records.registry import load_registry
from tests.helpers import case_text

REPO = Path(__file__).parent.parent.parent
SHIPPED = load_registry(Project(REPO).record_files(), REPO).records


def record_from(text: str, record_id: str = "minimal") -> Integration:
    result = load_record(text.encode(), f"{record_id}.yaml", record_id)
    assert result.ok and result.record is not None, result.findings
    return result.record.record


@pytest.mark.parametrize("loaded", SHIPPED, ids=[r.record.id for r in SHIPPED])
def test_every_shipped_stub_is_valid_openapi(loaded: Any) -> None:
    document = render_openapi(loaded.record)
    validate(yaml.safe_load(yaml.safe_dump(document)))


def lint(document: dict[str, Any]) -> list[str]:
    """The recommended rules of common OpenAPI linters that a stub must satisfy."""
    problems = []
    info = document["info"]
    for key in ("description", "contact", "version"):
        if not info.get(key):
            problems.append(f"info-{key}")
    if not document.get("servers"):
        problems.append("servers")
    tags = {t["name"] for t in document.get("tags", []) if t.get("description")}
    schemes = document.get("components", {}).get("securitySchemes", {})
    for requirement in document.get("security", []):
        problems += [f"undefined-security:{n}" for n in requirement if n not in schemes]
    seen: set[str] = set()
    for path, operations in document["paths"].items():
        for method, op in operations.items():
            where = f"{method.upper()} {path}"
            if not op.get("operationId") or op["operationId"] in seen:
                problems.append(f"operation-operationId:{where}")
            seen.add(op["operationId"])
            if not op.get("description") or not op.get("summary"):
                problems.append(f"operation-description:{where}")
            if not set(op.get("tags", [])) <= tags or not op.get("tags"):
                problems.append(f"operation-tags:{where}")
            if not any(str(s).startswith(("2", "3")) for s in op["responses"]):
                problems.append(f"operation-success-response:{where}")
            for parameter in op.get("parameters", []):
                if not parameter.get("description"):
                    problems.append(f"parameter-description:{where}:{parameter['name']}")
    return problems


@pytest.mark.parametrize("loaded", SHIPPED, ids=[r.record.id for r in SHIPPED])
def test_every_shipped_stub_passes_the_recommended_lint_rules(loaded: Any) -> None:
    assert lint(render_openapi(loaded.record)) == []


def test_full_case_stub_has_info_servers_security_and_examples() -> None:
    full = load_registry(find_record_files([REPO / "tests/cases/valid"]), REPO).records
    record = next(r.record for r in full if r.record.id == "full")
    document = render_openapi(record)
    validate(document)
    assert document["info"]["version"] == "v2"
    assert document["info"]["contact"] == {
        "name": "messaging team",
        "email": "messaging@example.com",
    }
    assert document["info"]["x-intreg-next-review"] == "2027-04-01"
    assert document["info"]["x-intreg-lifecycle"] == "active"
    assert [s["description"] for s in document["servers"]] == ["Production", "Sandbox"]
    operation = document["paths"]["/v2/messages"]["post"]
    assert operation["operationId"] == "sendMessage"
    body = operation["requestBody"]["content"]["application/json"]
    assert body["schema"]["required"] == ["to", "body"]  # the record's own schema wins
    created = operation["responses"]["201"]["content"]["application/json"]
    assert created["example"]["sent_at"] is None
    assert created["schema"]["properties"]["sent_at"] == {}  # may be null, type unknown
    assert "content" not in operation["responses"]["default"]


AUTH_CASES = {
    "bearer header": (
        "  method: api_key\n  location: header\n  name: Authorization\n  scheme: Bearer\n",
        {"type": "http", "scheme": "bearer"},
    ),
    "api key header": (
        "  method: api_key\n  location: header\n  name: X-API-Key\n",
        {"type": "apiKey", "in": "header", "name": "X-API-Key"},
    ),
    "api key query": (
        "  method: api_key\n  location: query\n  name: api_key\n",
        {"type": "apiKey", "in": "query", "name": "api_key"},
    ),
    "basic": ("  method: basic\n", {"type": "http", "scheme": "basic"}),
    "jwt": ("  method: jwt\n", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}),
    "hmac": (
        "  method: hmac\n  location: header\n  name: Authorization\n  scheme: AWS4-HMAC-SHA256\n",
        {"type": "apiKey", "in": "header", "name": "Authorization"},
    ),
    "cookie": (
        "  method: api_key\n  location: cookie\n  name: session\n",
        {"type": "apiKey", "in": "cookie", "name": "session"},
    ),
    "aws sigv4": (
        "  method: aws_sigv4\n  sigv4:\n    service: ses\n    region: eu-west-1\n"
        "    access_key_id: EXAMPLE_USER\n    secret_access_key: EXAMPLE_SECRET_KEY\n",
        {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "x-amazon-apigateway-authtype": "awsSigv4",
            "x-intreg-sigv4": {"service": "ses", "region": "eu-west-1"},
        },
    ),
    "basic with a fixed user": (
        "  method: basic\n  basic:\n    user: api\n    password_env: EXAMPLE_SECRET_KEY\n",
        {"type": "http", "scheme": "basic", "x-intreg-user": "api"},
    ),
    "basic with an empty password": (
        "  method: basic\n  basic:\n    user_env: EXAMPLE_SECRET_KEY\n",
        {"type": "http", "scheme": "basic", "x-intreg-empty-password": True},
    ),
    "oauth2 client credentials": (
        "  method: oauth2\n  token_url: https://auth.example.com/token\n"
        "  scopes:\n    read: Read things.\n",
        {
            "type": "oauth2",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "https://auth.example.com/token",
                    "scopes": {"read": "Read things."},
                }
            },
        },
    ),
    "oauth2 authorization code": (
        "  method: oauth2\n  token_url: https://auth.example.com/token\n"
        "  authorization_url: https://auth.example.com/authorize\n",
        {
            "type": "oauth2",
            "flows": {
                "authorizationCode": {
                    "authorizationUrl": "https://auth.example.com/authorize",
                    "tokenUrl": "https://auth.example.com/token",
                    "scopes": {},
                }
            },
        },
    ),
}
MINIMAL_AUTH = "  method: api_key\n  location: header\n  name: Authorization\n  scheme: Bearer\n"


@pytest.mark.parametrize(("auth", "expected"), AUTH_CASES.values(), ids=list(AUTH_CASES))
def test_each_auth_method_gives_the_right_security_scheme(auth: str, expected: dict) -> None:
    text = case_text("minimal").replace(MINIMAL_AUTH, auth)
    key = "    - env_var: EXAMPLE_SECRET_KEY\n"
    user = "    - env_var: EXAMPLE_USER\n      description: User.\n      secret: false\n"
    text = text.replace(key, user + "      scope: backend\n" + key)  # basic auth sends a pair
    document = render_openapi(record_from(text))
    validate(document)
    ((name, scheme),) = document["components"]["securitySchemes"].items()
    scheme.pop("description")
    filled = scheme.pop("x-intreg-credentials")
    assert filled and set(filled) <= {"EXAMPLE_USER", "EXAMPLE_SECRET_KEY"}
    assert scheme == expected
    scopes = ["read"] if "read:" in auth else []
    assert document["security"] == [{name: scopes}]


def test_no_auth_means_an_empty_security_list() -> None:
    text = case_text("minimal").replace(MINIMAL_AUTH, "  method: none\n")
    text = text.replace(text[text.index("  credentials:") : text.index("api:")], "")
    document = render_openapi(record_from(text))
    validate(document)
    assert document["security"] == [] and "components" not in document


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("GET", "/v1/payment_intents/{intent}", "getV1PaymentIntentsByIntent"),
        (
            "POST",
            "/2010-04-01/Accounts/{AccountSid}/Messages.json",
            "post20100401AccountsByAccountSidMessagesJson",
        ),
        ("DELETE", "/", "delete"),
    ],
)
def test_derived_operation_ids_are_stable_camel_case(method: str, path: str, expected: str) -> None:
    endpoint = Endpoint.model_validate(
        {
            "method": method,
            "path": path,
            "summary": "s",
            "source": "https://x.example",
            "responses": {"200": {"description": "ok"}},
        }
    )
    assert operation_id(endpoint) == expected


USUAL_401 = (
    "Added by intreg, not documented in the record: a request without valid credentials is "
    "refused, with 401 Unauthorized as HTTP usually answers."
)
USUAL_400 = (
    "Added by intreg, not documented in the record: a malformed request (a missing or invalid "
    "parameter or body) is refused, with 400 Bad Request as HTTP usually answers."
)


def test_usual_refusals_are_added_when_the_record_documents_none() -> None:
    document = render_openapi(record_from(case_text("minimal")))
    responses = document["paths"]["/v1/charges/{charge}"]["get"]["responses"]
    assert list(responses) == ["200", "401", "400"]
    assert responses["401"] == {"description": USUAL_401}
    assert responses["400"] == {"description": USUAL_400}


def test_documented_refusals_are_kept_and_nothing_is_added() -> None:
    full = load_registry(find_record_files([REPO / "tests/cases/valid"]), REPO).records
    record = next(r.record for r in full if r.record.id == "full")
    responses = render_openapi(record)["paths"]["/v2/messages"]["post"]["responses"]
    assert list(responses) == ["201", "4XX", "default"]


def test_a_documented_403_or_422_covers_the_refusal() -> None:
    text = case_text("minimal").replace(
        "        example: {id: ch_1, amount: 500}\n",
        "        example: {id: ch_1, amount: 500}\n"
        "      403:\n        description: Forbidden.\n"
        "      422:\n        description: Unprocessable.\n",
    )
    responses = render_openapi(record_from(text))["paths"]["/v1/charges/{charge}"]["get"]
    assert list(responses["responses"]) == ["200", "403", "422"]


def test_no_auth_and_no_input_means_no_usual_refusals() -> None:
    text = case_text("minimal").replace(MINIMAL_AUTH, "  method: none\n")
    text = text.replace(text[text.index("  credentials:") : text.index("api:")], "")
    text = text.replace("/v1/charges/{charge}", "/v1/charges").replace(
        text[text.index("    parameters:") : text.index("    responses:")], ""
    )
    responses = render_openapi(record_from(text))["paths"]["/v1/charges"]["get"]["responses"]
    assert list(responses) == ["200"]


def test_body_fields_become_required_enum_and_nullable_and_headers_are_required() -> None:
    """A record's `fields` make the stub's response schema one a provider can fail (issue 17)."""
    text = case_text("minimal").replace(
        "        example: {id: ch_1, amount: 500}\n",
        "        headers:\n          Request-Id: Id to quote to support.\n"
        "        example: {id: ch_1, amount: 500, status: pending, refunded_at: null}\n"
        "        fields:\n"
        "          id: {required: true}\n"
        "          status: {required: true, enum: [pending, succeeded]}\n"
        "          refunded_at: {type: integer, format: unix-time}\n",
    )
    response = render_openapi(record_from(text))["paths"]["/v1/charges/{charge}"]["get"][
        "responses"
    ]["200"]
    assert response["headers"]["Request-Id"]["required"] is True
    schema = response["content"]["application/json"]["schema"]
    assert schema == {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "amount": {"type": "integer"},
            "status": {"type": "string", "enum": ["pending", "succeeded"]},
            "refunded_at": {"type": ["integer", "null"], "format": "unix-time"},
        },
        "required": ["id", "status"],
    }


def test_a_path_token_is_a_path_parameter_that_says_what_fills_it() -> None:
    text = case_text("minimal").replace(
        MINIMAL_AUTH, "  method: api_key\n  location: path\n  name: token\n"
    )
    text = text.replace("path: /v1/charges/{charge}", "path: /bot{token}/charges/{charge}")
    document = render_openapi(record_from(text))
    validate(document)
    operation = document["paths"]["/bot{token}/charges/{charge}"]["get"]
    assert document["security"] == [] and "security" not in operation
    assert operation["parameters"][0] == {
        "name": "token",
        "in": "path",
        "required": True,
        "description": "Credential: the value of $EXAMPLE_SECRET_KEY, sent as this path segment. "
        "It is a secret: never log a URL that holds it.",
        "schema": {"type": "string", "minLength": 1},
        "x-intreg-credential": "EXAMPLE_SECRET_KEY",
    }


def test_a_body_key_is_a_required_body_field_and_public_endpoints_need_nothing() -> None:
    record = record_from((REPO / "registry" / "mailchimp.yaml").read_text(), "mailchimp")
    document = render_openapi(record)
    validate(document)
    operation = document["paths"]["/messages/info.json"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert "key" in schema["required"]
    assert schema["properties"]["key"]["x-intreg-credential"] == "MAILCHIMP_TRANSACTIONAL_API_KEY"
    assert document["security"] == [] and "security" not in operation
    public = record.model_copy(
        update={"endpoints": [record.endpoints[0].model_copy(update={"auth": "none"})]}
    )
    operation = render_openapi(public)["paths"]["/messages/send.json"]["post"]
    assert "x-intreg-credential" not in yaml.safe_dump(operation)


def test_a_token_endpoint_authenticates_with_the_client_not_the_bearer_token() -> None:
    record = record_from((REPO / "registry" / "paypal.yaml").read_text(), "paypal")
    document = render_openapi(record)
    validate(document)
    token = document["paths"]["/v1/oauth2/token"]["post"]
    assert token["security"] == [{"oauth2Client": []}]
    assert token["x-intreg-issues-token"] == "PAYPAL_ACCESS_TOKEN"
    client = document["components"]["securitySchemes"]["oauth2Client"]
    assert (client["type"], client["scheme"]) == ("http", "basic")
    assert client["x-intreg-credentials"] == ["PAYPAL_CLIENT_ID", "PAYPAL_CLIENT_SECRET"]
    assert document["security"] == [
        {"oauth2": ["https://uri.paypal.com/services/payments/payment"]}
    ]
    flows = document["components"]["securitySchemes"]["oauth2"]["flows"]
    assert flows["clientCredentials"]["tokenUrl"] == "https://api-m.paypal.com/v1/oauth2/token"
    assert "security" not in document["paths"]["/v2/checkout/orders"]["post"]
