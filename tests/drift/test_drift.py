"""`intreg drift` on real provider specs and on modified copies of them."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from intreg.drift.version import version_key
from intreg.specs.loader import load_spec
from tests.spec_corpus import corpus_spec, fill_draft

STRIPE_OPS = ("PostPaymentIntents", "GetPaymentIntentsIntent", "PostRefunds")
TWILIO_OPS = ("CreateMessage", "FetchMessage")


@pytest.fixture(scope="module")
def stripe_document() -> dict:
    return load_spec(corpus_spec("stripe/spec3.yaml")).document


def _imported(run_cli, root: Path, spec: Path, record_id: str, ops: tuple[str, ...]) -> str:
    args = ["import", "openapi", str(spec), "--id", record_id]
    for op in ops:
        args += ["--operation", op]
    assert run_cli(*args, cwd=root).exit_code == 0
    record = root / "registry" / f"{record_id}.yaml"
    record.write_text(fill_draft(record.read_text("utf-8")), encoding="utf-8")
    return record.read_text("utf-8")


def _line(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def _copy(tmp_path: Path, document: dict, name: str) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.slow
def test_drift_stripe_operation_removed_and_parameter_required(
    make_registry, run_cli, tmp_path, stripe_document
) -> None:
    root = make_registry({})
    text = _imported(run_cli, root, corpus_spec("stripe/spec3.yaml"), "stripe-draft", STRIPE_OPS)
    assert run_cli("validate", "registry/stripe-draft.yaml", cwd=root).exit_code == 0
    same = run_cli(
        "drift",
        "stripe-draft",
        "--upstream",
        str(_copy(tmp_path, stripe_document, "a.json")),
        cwd=root,
    )
    assert (same.exit_code, same.stdout) == (0, "")
    assert same.stderr == "registry/stripe-draft.yaml: no drift against Stripe API 2023-08-16\n"

    changed = copy.deepcopy(stripe_document)
    del changed["paths"]["/v1/refunds"]["post"]
    intent = changed["paths"]["/v1/payment_intents/{intent}"]["get"]
    client_secret = next(p for p in intent["parameters"] if p["name"] == "client_secret")
    client_secret["required"] = True
    upstream = _copy(tmp_path, changed, "b.json")
    result = run_cli("drift", "stripe-draft", "--upstream", str(upstream), cwd=root)
    secret_line = _line(text, "  - name: client_secret")
    refunds_line = _line(text, "  path: /v1/refunds")
    assert result.exit_code == 1
    assert result.stdout == (
        f"registry/stripe-draft.yaml:{secret_line}:5: error: endpoints[1].parameters[0]: "
        "query parameter `client_secret` is now required upstream [parameter-now-required]\n"
        "  hint: send it on every call, then set `required: true`\n"
        f"registry/stripe-draft.yaml:{refunds_line}:9: error: endpoints[2].path: "
        "POST /v1/refunds is not in the upstream spec (Stripe API 2023-08-16) "
        "[endpoint-removed-upstream]\n"
        "  hint: check the provider's changelog: move to its replacement, or remove the endpoint\n"
    )
    assert result.stderr == (
        "registry/stripe-draft.yaml: drift: 2 findings against Stripe API 2023-08-16\n"
    )


def test_drift_twilio_body_auth_and_version(make_registry, run_cli, tmp_path) -> None:
    root = make_registry({})
    spec = corpus_spec("twilio/twilio_api_v2010.yaml")
    text = _imported(run_cli, root, spec, "twilio-draft", TWILIO_OPS)
    document = copy.deepcopy(load_spec(spec).document)
    document["info"]["version"] = "1.1.0"
    document["components"]["securitySchemes"]["accountSid_authToken"] = {
        "type": "http",
        "scheme": "bearer",
    }
    path = document["paths"]["/2010-04-01/Accounts/{AccountSid}/Messages.json"]["post"]
    schema = path["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    schema["required"] = ["To", "ContentSid"]
    upstream = _copy(tmp_path, document, "twilio.json")
    result = run_cli(
        "drift", "twilio-draft", "--upstream", str(upstream), "--format", "json", cwd=root
    )
    assert result.exit_code == 1
    rows = [
        (f["line"], f["path"], f["code"], f["severity"], f["message"])
        for f in json.loads(result.stdout)
    ]
    assert rows == [
        (
            _line(text, "  method: basic"),
            "auth.method",
            "auth-changed-upstream",
            "error",
            "upstream, POST /2010-04-01/Accounts/{AccountSid}/Messages.json (and 1 more endpoints) "
            "no longer accepts basic; it accepts accountSid_authToken: api_key in header "
            "`Authorization` (Bearer)",
        ),
        (
            _line(text, "  version: 1.0.0"),
            "api.version",
            "version-newer-upstream",
            "warning",
            "the upstream spec is at version 1.1.0; the record uses 1.0.0",
        ),
        (
            _line(text, "  request:") + 1,  # a mapping's position is its first key's
            "endpoints[0].request",
            "required-body-field-added",
            "error",
            "upstream now requires the body field `ContentSid` for POST "
            "/2010-04-01/Accounts/{AccountSid}/Messages.json",
        ),
    ]
    assert result.stderr == ""


def test_drift_record_that_does_not_load_exits_1(make_registry, run_cli) -> None:
    root = make_registry({})
    spec = corpus_spec("sendgrid/tsg_mail_v3.yaml")
    assert (
        run_cli(
            "import", "openapi", str(spec), "--id", "sg", "--operation", "SendMail", cwd=root
        ).exit_code
        == 0
    )
    result = run_cli("drift", "sg", "--upstream", str(spec), cwd=root)
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "registry/sg.yaml:9:9: error: provider.name: still a placeholder"
    )
    assert result.stderr == "registry/sg.yaml does not load: fix it first (`intreg validate`)\n"


def test_drift_unknown_record_exits_2(make_registry, run_cli) -> None:
    root = make_registry({})
    spec = corpus_spec("sendgrid/tsg_mail_v3.yaml")
    result = run_cli("drift", "nope", "--upstream", str(spec), cwd=root)
    assert (result.exit_code, result.stderr) == (
        2,
        "intreg: error: registry/nope.yaml: no such record\n",
    )


def test_drift_missing_spec_exits_2(make_registry, run_cli, minimal_text, tmp_path) -> None:
    root = make_registry({"minimal": minimal_text})
    missing = tmp_path / "missing.yaml"
    result = run_cli("drift", "minimal", "--upstream", str(missing), cwd=root)
    assert (result.exit_code, result.stderr) == (
        2,
        f"intreg: error: {missing.as_posix()}: cannot read: No such file or directory\n",
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("2024-06-20", ("date", (2024, 6, 20))),
        ("2026-09-30.endive", ("date", (2026, 9, 30))),
        ("v23.0", ("2 numbers", (23, 0))),
        ("2.3.0", ("3 numbers", (2, 3, 0))),
        ("beta", None),
    ],
)
def test_version_key(text, key) -> None:
    assert version_key(text) == key


@pytest.mark.slow
def test_drift_compares_body_fields_with_the_spec(
    make_registry, run_cli, tmp_path, stripe_document
) -> None:
    """The shipped Stripe record against its spec, then against one where a PaymentIntent may
    have a new status, the create body requires `description`, and a refund's `id` is no longer
    required (issue 17)."""
    shipped = (Path(__file__).parent.parent.parent / "registry/stripe.yaml").read_text("utf-8")
    root = make_registry({"stripe": shipped})
    same = _copy(tmp_path, stripe_document, "a.json")
    assert run_cli("drift", "stripe", "--upstream", str(same), cwd=root).exit_code == 0

    changed = copy.deepcopy(stripe_document)
    schemas = changed["components"]["schemas"]
    schemas["payment_intent"]["properties"]["status"]["enum"].append("teleported")
    schemas["refund"]["required"].remove("id")
    form = changed["paths"]["/v1/payment_intents"]["post"]["requestBody"]["content"]
    form["application/x-www-form-urlencoded"]["schema"]["required"].append("description")
    result = run_cli(
        "drift", "stripe", "--upstream", str(_copy(tmp_path, changed, "b.json")), cwd=root
    )
    assert result.exit_code == 1
    found = [
        (line.split(": ")[2], line.rsplit("[", 1)[1].rstrip("]"))
        for line in result.stdout.splitlines()
        if not line.startswith("  hint:")
    ]
    assert found == [
        ("endpoints[0].request.fields", "field-now-required"),
        ("endpoints[0].responses.200.fields.status", "enum-value-added-upstream"),
        ("endpoints[1].responses.200.fields.status", "enum-value-added-upstream"),
        ("endpoints[2].responses.200.fields.id", "field-no-longer-required"),
    ]
    assert "`status` may now be `teleported` upstream, which the record does not list" in (
        result.stdout
    )


@pytest.mark.slow
def test_drift_reports_a_list_parameter_sent_in_another_style(
    make_registry, run_cli, tmp_path, stripe_document
) -> None:
    root = make_registry({})
    _imported(run_cli, root, corpus_spec("stripe/spec3.yaml"), "stripe-draft", STRIPE_OPS)
    changed = copy.deepcopy(stripe_document)
    intent = changed["paths"]["/v1/payment_intents/{intent}"]["get"]
    expand = next(p for p in intent["parameters"] if p["name"] == "expand")
    expand["style"], expand["explode"] = "form", False  # expand=a,b instead of expand[]=a
    upstream = _copy(tmp_path, changed, "styled.json")
    result = run_cli("drift", "stripe-draft", "--upstream", str(upstream), cwd=root)
    assert result.exit_code == 1
    assert (
        "error: endpoints[1].parameters[1].style: query parameter `expand` is sent as style "
        "form, explode false upstream; the record says style deepObject, explode true "
        "[parameter-changed-upstream]\n"
        "  hint: send it as the spec says, then update `style` and `explode`\n"
    ) in result.stdout
