"""Post a message to a Slack-compatible incoming webhook (a JSON POST of {"text": ...})."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from email.message import Message

from intreg.notify.retry import DeliveryError


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


_OPENER = urllib.request.build_opener(_NoRedirect)


def escape_slack(text: str) -> str:
    """`text` with &, < and > escaped, as Slack's message formatting requires."""
    # https://api.slack.com/reference/surfaces/formatting#escaping
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def post_slack(url: str, text: str, timeout: float) -> None:
    """POST `text` to the webhook at `url`; DeliveryError unless it answers 2xx in time."""
    body = json.dumps({"text": escape_slack(text)}, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        exc.close()
        # 429 and 5xx are worth another try; other statuses mean the request or URL is wrong.
        retryable = exc.code == 429 or exc.code >= 500
        raise DeliveryError(f"HTTP {exc.code} {exc.reason}", retryable) from exc
    except urllib.error.URLError as exc:
        raise DeliveryError(f"cannot connect: {exc.reason}") from exc
    except TimeoutError as exc:
        raise DeliveryError(f"no answer within {timeout:g} s") from exc
    except OSError as exc:
        raise DeliveryError(f"connection failed: {exc}") from exc
