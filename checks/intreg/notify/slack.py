"""Post a message to a Slack-compatible incoming webhook (a JSON POST of {"text": ...})."""

from __future__ import annotations

import http.client
import json
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import Message
from typing import Any

from intreg.notify.deadline import Deadline
from intreg.notify.retry import DeliveryError

HIDDEN_URL = "the webhook URL (not shown: it is a secret)"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET that "succeeds" without delivering anything."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: object,
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> None:
        return None


class _DeadlineHandler(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
    """Opens http and https connections whose sockets `deadline` watches."""

    def __init__(self, deadline: Deadline) -> None:
        urllib.request.HTTPHandler.__init__(self)
        urllib.request.HTTPSHandler.__init__(self)
        self.deadline = deadline
        self.tls = ssl.create_default_context()

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._watched(http.client.HTTPConnection), req)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._watched(http.client.HTTPSConnection), req, context=self.tls)

    def _watched(
        self, kind: type[http.client.HTTPConnection]
    ) -> Callable[..., http.client.HTTPConnection]:
        def connection(host: str, /, **kwargs: Any) -> http.client.HTTPConnection:
            opened = kind(host, **kwargs)
            opened._create_connection = self.deadline.connect  # type: ignore[attr-defined]
            return opened

        return connection


def deadline_opener(deadline: Deadline) -> urllib.request.OpenerDirector:
    """An opener whose connections `deadline` watches, and which follows no redirect."""
    return urllib.request.build_opener(_NoRedirect, _DeadlineHandler(deadline))


def escape_slack(text: str) -> str:
    """`text` with &, < and > escaped, as Slack's message formatting requires."""
    # https://api.slack.com/reference/surfaces/formatting#escaping
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def post_slack(url: str, text: str, timeout: float) -> None:
    """POST `text` to the webhook at `url`; DeliveryError unless it answers 2xx within
    `timeout` seconds in all. No message ever shows the URL: it is the webhook's secret."""
    body = json.dumps({"text": escape_slack(text)}, ensure_ascii=False).encode("utf-8")
    try:
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
    except ValueError as exc:
        raise DeliveryError(f"{HIDDEN_URL} is not a valid URL", retryable=False) from exc
    with Deadline(timeout) as deadline:
        try:
            _post(deadline_opener(deadline), request, timeout)
        except DeliveryError as exc:
            if deadline.expired:
                raise DeliveryError(f"no answer within {timeout:g} s") from exc
            raise


def _post(
    opener: urllib.request.OpenerDirector, request: urllib.request.Request, timeout: float
) -> None:
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        exc.close()
        # 429 and 5xx are worth another try; other statuses mean the request or URL is wrong.
        retryable = exc.code == 429 or exc.code >= 500
        raise DeliveryError(f"HTTP {exc.code} {exc.reason}", retryable) from exc
    except urllib.error.URLError as exc:
        raise DeliveryError(f"cannot connect: {connection_reason(exc.reason)}") from exc
    except TimeoutError as exc:
        raise DeliveryError(f"no answer within {timeout:g} s") from exc
    except (http.client.InvalidURL, ValueError) as exc:  # spaces or control characters in it
        raise DeliveryError(f"{HIDDEN_URL} is not a valid URL", retryable=False) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise DeliveryError(f"connection failed: {type(exc).__name__}") from exc


def connection_reason(reason: object) -> str:
    """The cause of a URLError, without the URL (an unknown scheme or host names it)."""
    if isinstance(reason, OSError):
        return str(reason)  # "[Errno 111] Connection refused": the OS's words, no URL
    return type(reason).__name__ if isinstance(reason, BaseException) else "unknown reason"
