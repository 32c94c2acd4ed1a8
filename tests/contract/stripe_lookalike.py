"""A Stripe look-alike on 127.0.0.1 for contract tests: the three operations of
registry/stripe.yaml answered as Stripe documents them, or with one deliberate defect.

The correct look-alike follows Stripe's API reference and spec (2023-08-16), not intreg's
stub: a secret key as Bearer token, form bodies, `amount` and `currency` required, a refund
`reason` from its enum, Stripe's error object on a refusal, a Request-Id header on every answer.
"""

from __future__ import annotations

import json
import re
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

SECRET = "sk_test_lookalike0123456789"
INTENT = re.compile(r"^/v1/payment_intents/([^/]+)$")
_INTEGER = re.compile(r"^-?\d+$")
_REASONS = ("duplicate", "fraudulent", "requested_by_customer")
_BOOLEANS = ("true", "false")

# Each defect, and what a provider that has it does wrong.
DEFECTS: dict[str, str] = {
    "drop-id": "create answers a PaymentIntent without `id`",
    "drop-status": "create answers a PaymentIntent without `status`",
    "empty-object": "create answers `{}`",
    "error-body-200": "create answers Stripe's error object with 200",
    "unknown-status": "create answers a `status` outside the enum",
    "unknown-object": "create answers `object: charge`",
    "unknown-capture-method": "create answers a `capture_method` outside the enum",
    "null-id": "create answers `id: null`",
    "amount-as-text": "create answers `amount` as text",
    "created-as-date": "create answers `created` as an ISO date",
    "livemode-as-text": "create answers `livemode` as text",
    "metadata-as-text": "create answers `metadata` as text",
    "payment-method-types-as-text": "create answers `payment_method_types` as text",
    "drop-request-id": "create answers without the Request-Id header",
    "wrong-content-type": "create answers JSON labelled text/plain",
    "invalid-json": "create answers a body that is not JSON",
    "created-201": "create answers 201, a status the record does not document",
    "server-error": "create answers 500",
    "accepts-missing-amount": "create accepts a body without `amount`",
    "accepts-any-key": "every operation accepts a request without a valid key",
    "retrieve-drop-status": "retrieve answers a PaymentIntent without `status`",
    "retrieve-empty-object": "retrieve answers `{}`",
    "retrieve-error-shape": "retrieve's 404 is not Stripe's error object",
    "refund-drop-id": "refund answers a Refund without `id`",
    "refund-amount-as-text": "refund answers `amount` as text",
    "refund-unknown-reason": "refund answers a `reason` outside the enum",
    "refund-accepts-any-reason": "refund accepts a `reason` outside the enum",
    "refund-error-body-200": "refund answers Stripe's error object with 200",
}


def intent(amount: int = 2000, currency: str = "usd") -> dict[str, Any]:
    return {
        "id": "pi_3MtwBwLkdIwHu7ix28a3tqPa",
        "object": "payment_intent",
        "amount": amount,
        "amount_received": 0,
        "automatic_payment_methods": {"enabled": True},
        "capture_method": "automatic",
        "confirmation_method": "automatic",
        "created": 1680800504,
        "currency": currency,
        "latest_charge": None,
        "livemode": False,
        "metadata": {},
        "payment_method": None,
        "payment_method_types": ["card", "link"],
        "status": "requires_payment_method",
    }


def refund(amount: int = 1000) -> dict[str, Any]:
    return {
        "id": "re_1Nispe2eZvKYlo2Cd31jOCgZ",
        "object": "refund",
        "amount": amount,
        "balance_transaction": "txn_1Nispe2eZvKYlo2CYezqFhEx",
        "charge": "ch_1NirD82eZvKYlo2CIvbtLWuY",
        "created": 1692942318,
        "currency": "usd",
        "metadata": {},
        "payment_intent": "pi_1GszsK2eZvKYlo2CfhZyoZLp",
        "reason": None,
        "receipt_number": None,
        "status": "succeeded",
    }


def stripe_error(message: str, param: str | None = None, code: str | None = None) -> Any:
    error = {"type": "invalid_request_error", "message": message}
    if param is not None:
        error["param"] = param
    if code is not None:
        error["code"] = code
    return {"error": error}


def handler_for(defect: str | None) -> type[BaseHTTPRequestHandler]:
    """A handler class answering as Stripe does, but for `defect` (None: no defect)."""
    assert defect is None or defect in DEFECTS, defect
    return type("StripeLookalike", (_Handler,), {"defect": defect})


class _Handler(BaseHTTPRequestHandler):
    defect: str | None = None
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path
        if not self._authorised():
            self._send(401, stripe_error("Invalid API Key provided."))
        elif method == "POST" and path == "/v1/payment_intents":
            self._create_intent(_form(body))
        elif method == "GET" and INTENT.match(path):
            self._retrieve_intent(INTENT.match(path).group(1))  # type: ignore[union-attr]
        elif method == "POST" and path == "/v1/refunds":
            # The record documents that a body is required, and nothing more about which
            # fields (the 2023 spec marks none): a request with no body at all is refused.
            if self.headers.get("Content-Type") is None:
                self._send(400, stripe_error("A refund needs a form body."))
            else:
                self._create_refund(_form(body))
        else:
            self._send(404, stripe_error(f"Unrecognized request URL ({method}: {path})."))

    def _authorised(self) -> bool:
        if self.defect == "accepts-any-key":
            return True
        return self.headers.get("Authorization", "") == f"Bearer {SECRET}"

    def _create_intent(self, form: dict[str, list[str]]) -> None:
        problem = _intent_problem(form, lenient=self.defect == "accepts-missing-amount")
        if problem is not None:
            self._send(400, stripe_error(*problem))
            return
        amount = int(form["amount"][0]) if "amount" in form else 2000
        answer = intent(amount, form["currency"][0])
        self._answer_intent(answer, self.defect)

    def _answer_intent(self, answer: dict[str, Any], defect: str | None) -> None:
        status, headers = 200, {}
        changes: dict[str, Any] = {
            "unknown-status": {"status": "teleported"},
            "unknown-object": {"object": "charge"},
            "unknown-capture-method": {"capture_method": "whenever"},
            "null-id": {"id": None},
            "amount-as-text": {"amount": str(answer["amount"])},
            "created-as-date": {"created": "2023-04-06T17:01:44Z"},
            "livemode-as-text": {"livemode": "false"},
            "metadata-as-text": {"metadata": "{}"},
            "payment-method-types-as-text": {"payment_method_types": "card,link"},
        }
        answer.update(changes.get(defect or "", {}))
        for name in ("id", "status"):
            if defect == f"drop-{name}":
                del answer[name]
        if defect == "empty-object":
            answer = {}
        if defect == "error-body-200":
            answer = stripe_error("No such payment_intent", "intent", "resource_missing")
        if defect == "created-201":
            status = 201
        if defect == "server-error":
            status, answer = 500, {"error": {"type": "api_error", "message": "boom"}}
        if defect == "drop-request-id":
            headers["Request-Id"] = None
        if defect == "wrong-content-type":
            headers["Content-Type"] = "text/plain"
        if defect == "invalid-json":
            self._send(200, None, raw=b"{'id': 'pi_1'", headers=headers)
            return
        self._send(status, answer, headers=headers)

    def _retrieve_intent(self, intent_id: str) -> None:
        if not intent_id.startswith("pi_"):
            if self.defect == "retrieve-error-shape":
                self._send(404, {"message": "not found"})
            else:
                message = f"No such payment_intent: '{intent_id}'"
                self._send(404, stripe_error(message, "intent", "resource_missing"))
            return
        answer = intent()
        if self.defect == "retrieve-drop-status":
            del answer["status"]
        if self.defect == "retrieve-empty-object":
            answer = {}
        self._send(200, answer)

    def _create_refund(self, form: dict[str, list[str]]) -> None:
        problem = _refund_problem(form, lenient=self.defect == "refund-accepts-any-reason")
        if problem is not None:
            self._send(400, stripe_error(*problem))
            return
        answer = refund(int(form["amount"][0]) if "amount" in form else 1000)
        if self.defect == "refund-drop-id":
            del answer["id"]
        if self.defect == "refund-amount-as-text":
            answer["amount"] = str(answer["amount"])
        if self.defect == "refund-unknown-reason":
            answer["reason"] = "bored"
        if self.defect == "refund-error-body-200":
            answer = stripe_error("No such payment_intent", "payment_intent", "resource_missing")
        self._send(200, answer)

    def _send(
        self,
        status: int,
        value: Any,
        raw: bytes | None = None,
        headers: dict[str, str | None] | None = None,
    ) -> None:
        body = raw if raw is not None else json.dumps(value).encode()
        sent: dict[str, str | None] = {
            "Content-Type": "application/json",
            "Request-Id": "req_lookalike0001",
            "Content-Length": str(len(body)),
            **(headers or {}),
        }
        self.send_response(status)
        for name, text in sent.items():
            if text is not None:
                self.send_header(name, text)
        self.end_headers()
        self.wfile.write(body)


def _form(body: bytes) -> dict[str, list[str]]:
    return parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)


def _intent_problem(form: dict[str, list[str]], lenient: bool) -> tuple[str, ...] | None:
    """Stripe's refusal of a create-PaymentIntent body, as (message, param, code), or None."""
    if "amount" not in form and not lenient:
        return ("Missing required param: amount.", "amount", "parameter_missing")
    if "amount" in form and not all(_INTEGER.match(v) for v in form["amount"]):
        return (f"Invalid integer: {form['amount'][0]}", "amount", "parameter_invalid_integer")
    if "currency" not in form:
        return ("Missing required param: currency.", "currency", "parameter_missing")
    enabled = form.get("automatic_payment_methods[enabled]")
    nested = [k for k in form if k.startswith("automatic_payment_methods")]
    if nested and (enabled is None or enabled[0] not in _BOOLEANS):
        param = "automatic_payment_methods[enabled]"
        return ("Missing required param: automatic_payment_methods[enabled].", param)
    return None


def _refund_problem(form: dict[str, list[str]], lenient: bool) -> tuple[str, ...] | None:
    if "amount" in form and not all(_INTEGER.match(v) for v in form["amount"]):
        return (f"Invalid integer: {form['amount'][0]}", "amount", "parameter_invalid_integer")
    reason = form.get("reason")
    if reason is not None and not lenient and reason[0] not in _REASONS:
        return (f"Invalid reason: must be one of {', '.join(_REASONS)}", "reason")
    return None
