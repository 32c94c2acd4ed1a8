"""`intreg import openapi` on real provider specs: listing, drafting, placeholders only."""

from __future__ import annotations

import json

import pytest
import yaml

from intreg.importer.examples import TEXT_TODO
from tests.spec_corpus import corpus_spec

STRIPE_OPS = ("PostPaymentIntents", "GetPaymentIntentsIntent", "PostRefunds")
TWILIO_OPS = ("CreateMessage", "GET /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json")


def _import(run_cli, root, spec, record_id, *ops, extra=()):
    args = ["import", "openapi", str(spec), "--id", record_id]
    for op in ops:
        args += ["--operation", op]
    return run_cli(*args, *extra, cwd=root)


def _validate_codes(run_cli, root, record_id):
    result = run_cli("validate", f"registry/{record_id}.yaml", "--format", "json", cwd=root)
    return result.exit_code, [f["code"] for f in json.loads(result.stdout)]


@pytest.mark.slow
def test_import_three_stripe_operations(make_registry, run_cli) -> None:
    root = make_registry({})
    spec = corpus_spec("stripe/spec3.yaml")
    result = _import(run_cli, root, spec, "stripe-draft", *STRIPE_OPS)
    assert (result.exit_code, result.stdout) == (
        0,
        "created registry/stripe-draft.yaml (3 endpoints from Stripe API)\n",
    )
    assert result.stderr == "fill in every TODO value; `intreg validate` lists those left\n"
    text = (root / "registry" / "stripe-draft.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:3] == [
        "# yaml-language-server: $schema=../schemas/integration.schema.json",
        f"# Drafted by `intreg import openapi` from {spec.as_posix()}",
        "# (Stripe API 2023-08-16, OpenAPI 3.0.0).",
    ]
    record = yaml.safe_load(text)
    assert record["api"] == {
        "base_url": "https://api.stripe.com",
        "version": "2023-08-16",
        "request_format": "form",
        "response_format": "json",
    }
    assert record["auth"]["method"] == "basic"  # the first of Stripe's two schemes
    assert [c["env_var"] for c in record["auth"]["credentials"]] == [
        "STRIPE_DRAFT_USERNAME",
        "STRIPE_DRAFT_PASSWORD",
    ]
    create, fetch, refund = record["endpoints"]
    assert (create["method"], create["path"], create["operation_id"]) == (
        "POST",
        "/v1/payment_intents",
        "PostPaymentIntents",
    )
    required = {"required": True}
    assert create["request"]["fields"] == {"amount": required, "currency": required}
    # No example in the spec: a placeholder, never the type name (issue 17).
    assert create["request"]["example"] == {"amount": 1, "currency": TEXT_TODO}
    assert create["responses"]["200"]["fields"]["status"]["enum"][0] == "canceled"
    assert create["responses"]["200"]["fields"]["status"]["required"] is True
    assert sorted(create["responses"]) == ["200", "default"]
    assert fetch["parameters"][-1] == {
        "name": "intent",
        "location": "path",
        "required": True,
        "type": "string",
        "example": TEXT_TODO,
    }
    assert "request" not in fetch  # Stripe's empty optional form body on a GET
    # The wire format comes along: expand[]=... and metadata[key]=... (issue 17, item 2).
    expand = next(p for p in fetch["parameters"] if p["name"] == "expand")
    assert (expand["type"], expand["style"], expand["explode"]) == ("array", "deepObject", True)
    assert all("style" not in p for p in fetch["parameters"] if p["name"] != "expand")
    assert create["request"]["style"] == "deepObject"
    assert refund["path"] == "/v1/refunds"
    codes = _validate_codes(run_cli, root, "stripe-draft")
    assert codes == (1, ["placeholder"] * 33)


def test_import_two_twilio_operations(make_registry, run_cli) -> None:
    root = make_registry({})
    spec = corpus_spec("twilio/twilio_api_v2010.yaml")
    source = "https://github.com/twilio/twilio-oai/blob/main/spec/yaml/twilio_api_v2010.yaml"
    result = _import(run_cli, root, spec, "twilio-draft", *TWILIO_OPS, extra=("--source", source))
    assert result.exit_code == 0
    record = yaml.safe_load((root / "registry" / "twilio-draft.yaml").read_text("utf-8"))
    assert record["auth"]["method"] == "basic"
    assert record["auth"]["source"] == source
    assert record["sources"] == [{"title": "OpenAPI spec: Twilio - Api", "url": source}]
    create, fetch = record["endpoints"]
    assert create["request"]["fields"]["To"] == {"required": True, "format": "phone-number"}
    assert create["responses"]["201"]["example"]["sid"] == "SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    assert [(p["name"], p["required"]) for p in fetch["parameters"]] == [
        ("AccountSid", True),
        ("Sid", True),
    ]
    assert all(e["source"] == source for e in record["endpoints"])
    assert _validate_codes(run_cli, root, "twilio-draft") == (1, ["placeholder"] * 20)


def test_import_without_operations_lists_them_by_tag(make_registry, run_cli) -> None:
    root = make_registry({})
    spec = corpus_spec("sendgrid/tsg_mail_v3.yaml")
    result = run_cli("import", "openapi", str(spec), "--id", "sendgrid", cwd=root)
    assert (result.exit_code, result.stdout) == (
        0,
        "Twilio SendGrid Mail API 1.0.0: 3 operations\n"
        "\n"
        "Mail Send\n"
        "  SendMail  POST /v3/mail/send  - Send Email with Twilio SendGrid.\n"
        "\n"
        "Mail Batch\n"
        "  CreateMailBatch  POST /v3/mail/batch  - Create a batch ID.\n"
        "  GetMailBatch  GET /v3/mail/batch/{batch_id}  - Validate a batch ID.\n"
        "\n"
        'Import some with: --operation OPERATION_ID (or --operation "METHOD /path")\n',
    )
    assert not (root / "registry" / "sendgrid.yaml").exists()


def test_import_openapi_3_1_with_bearer_auth(make_registry, run_cli) -> None:
    root = make_registry({})
    spec = corpus_spec("sendgrid/tsg_mail_v3.yaml")
    assert _import(run_cli, root, spec, "sendgrid", "SendMail").exit_code == 0
    record = yaml.safe_load((root / "registry" / "sendgrid.yaml").read_text("utf-8"))
    auth = {k: v for k, v in record["auth"].items() if k not in ("description", "credentials")}
    assert auth == {
        "method": "api_key",
        "location": "header",
        "name": "Authorization",
        "scheme": "Bearer",
    }
    assert record["auth"]["credentials"][0]["env_var"] == "SENDGRID_API_KEY"
    assert record["api"]["base_url"] == "https://api.sendgrid.com"
    assert _validate_codes(run_cli, root, "sendgrid")[1] == ["placeholder"] * 16


def test_import_converts_swagger_2(make_registry, run_cli) -> None:
    root = make_registry({})
    spec = corpus_spec("slack/slack_web_openapi_v2.json")
    assert _import(run_cli, root, spec, "slack", "chat_postMessage").exit_code == 0
    text = (root / "registry" / "slack.yaml").read_text("utf-8")
    assert "# (Slack Web API 1.7.0, OpenAPI 3.0.0, converted from Swagger 2.0)." in text
    record = yaml.safe_load(text)
    assert record["api"]["base_url"] == "https://slack.com/api"
    assert record["provider"]["docs_url"] == "https://api.slack.com/web"
    (endpoint,) = record["endpoints"]
    assert endpoint["source"] == "https://api.slack.com/methods/chat.postMessage"
    assert endpoint["request"]["fields"]["channel"] == {"required": True}
    assert record["auth"]["method"] == "oauth2"
    assert record["auth"]["scopes"] == {
        "chat:write:user": "Author messages as a user",
        "chat:write:bot": "Author messages as a bot",
    }
    assert set(_validate_codes(run_cli, root, "slack")[1]) == {"placeholder"}


def test_import_oauth2_token_url_made_absolute(make_registry, run_cli) -> None:
    root = make_registry({})
    spec = corpus_spec("paypal/checkout_orders_v2.json")
    assert _import(run_cli, root, spec, "paypal", "orders.create").exit_code == 0
    record = yaml.safe_load((root / "registry" / "paypal.yaml").read_text("utf-8"))
    assert record["api"]["base_url"] == "https://api-m.paypal.com"
    assert record["api"]["sandbox_url"] == "https://api-m.sandbox.paypal.com"
    assert record["auth"]["token_url"] == "https://api-m.paypal.com/v1/oauth2/token"
    assert record["endpoints"][0]["operation_id"] == "orders_create"
    assert set(_validate_codes(run_cli, root, "paypal")[1]) == {"placeholder"}


def test_import_refuses_to_overwrite_without_force(make_registry, run_cli, minimal_text) -> None:
    root = make_registry({"sendgrid": minimal_text})
    spec = corpus_spec("sendgrid/tsg_mail_v3.yaml")
    result = _import(run_cli, root, spec, "sendgrid", "SendMail")
    assert (result.exit_code, result.stderr) == (
        2,
        "intreg: error: sendgrid.yaml: already exists in registry/; pass --force to overwrite it\n",
    )
    assert (root / "registry" / "sendgrid.yaml").read_text("utf-8") == minimal_text
    assert _import(run_cli, root, spec, "sendgrid", "SendMail", extra=("--force",)).exit_code == 0


def test_import_unknown_operation_suggests_close_ones(make_registry, run_cli) -> None:
    root = make_registry({})
    spec = corpus_spec("sendgrid/tsg_mail_v3.yaml")
    result = _import(run_cli, root, spec, "sendgrid", "SendMails")
    assert (result.exit_code, result.stderr) == (
        2,
        "intreg: error: no operation `SendMails` in the spec; did you mean SendMail? "
        "(run without --operation to list them)\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--source", "ftp://x"],
            "Error: Invalid value for '--source': 'ftp://x' is not an http(s):// address",
        ),
        (["--id", "Not A Slug"], "intreg: error: `Not A Slug` is not a valid id"),
    ],
)
def test_import_rejects_bad_options(make_registry, run_cli, args, message) -> None:
    root = make_registry({})
    spec = corpus_spec("sendgrid/tsg_mail_v3.yaml")
    base = ["import", "openapi", str(spec), "--id", "sendgrid", "--operation", "SendMail"]
    result = run_cli(*base, *args, cwd=root)
    assert result.exit_code == 2
    assert message in result.stderr


def test_import_reports_unreadable_spec(make_registry, run_cli, tmp_path) -> None:
    root = make_registry({})
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.0\npaths: [\n", encoding="utf-8")
    result = run_cli("import", "openapi", str(bad), "--id", "x", cwd=root)
    assert (result.exit_code, result.stderr) == (
        2,
        f"intreg: error: {bad.as_posix()}:3:1: invalid YAML: did not find expected node content\n",
    )


def test_import_is_deterministic(make_registry, run_cli) -> None:
    root = make_registry({})
    spec = corpus_spec("openai/openapi.yaml")
    ops = ("createChatCompletion", "GET /models/{model}")
    assert _import(run_cli, root, spec, "openai", *ops).exit_code == 0
    first = (root / "registry" / "openai.yaml").read_bytes()
    assert _import(run_cli, root, spec, "openai", *ops, extra=("--force",)).exit_code == 0
    assert (root / "registry" / "openai.yaml").read_bytes() == first
    record = yaml.safe_load(first)
    assert record["api"]["base_url"] == "https://api.openai.com/v1"
    assert [e["path"] for e in record["endpoints"]] == ["/chat/completions", "/models/{model}"]
    assert set(_validate_codes(run_cli, root, "openai")[1]) == {"placeholder"}
