"""The AWS Signature Version 4 signer a Python or JavaScript sample carries, as text.

Readers without an AWS SDK at hand can run the sample as it is: the function follows AWS's
documented algorithm (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html),
the one the mock checks (intreg.mock.sigv4), signing host and the x-amz-* headers. The text is
fixed: a sample passes it only literals (Region, service) and the key pair's variables.
"""

from __future__ import annotations

PYTHON_IMPORTS = (
    "import datetime",
    "import hashlib",
    "import hmac",
    "import os",
    "from urllib.parse import parse_qsl, quote, urlsplit",
)

PYTHON_SIGNER = '''def sign_aws_v4(request, region, service, key_id, secret):
    """Sign a prepared request with AWS Signature Version 4, as the AWS SDKs do."""
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    body = request.body or b""
    body_hash = hashlib.sha256(body.encode() if isinstance(body, str) else body).hexdigest()
    request.headers["X-Amz-Date"] = amz_date
    if service == "s3":
        request.headers["x-amz-content-sha256"] = body_hash
    url = urlsplit(request.url)
    signed = {k.lower(): v for k, v in request.headers.items() if k.lower().startswith("x-amz-")}
    signed["host"] = url.netloc
    names = sorted(signed)
    path = url.path or "/"
    pairs = sorted(
        (quote(k, safe="-_.~"), quote(v, safe="-_.~"))
        for k, v in parse_qsl(url.query, keep_blank_values=True)
    )
    canonical = "\\n".join([
        request.method,
        path if service == "s3" else quote(path, safe="/~"),
        "&".join(f"{k}={v}" for k, v in pairs),
        "".join(f"{n}:{' '.join(signed[n].split())}\\n" for n in names),
        ";".join(names),
        body_hash,
    ])
    scope = f"{day}/{region}/{service}/aws4_request"
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    to_sign = "\\n".join(["AWS4-HMAC-SHA256", amz_date, scope, digest])
    key = ("AWS4" + secret).encode()
    for part in (day, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    request.headers["Authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={key_id}/{scope}, "
        f"SignedHeaders={';'.join(names)}, Signature={signature}"
    )'''

JAVASCRIPT_SIGNER = """import { createHash, createHmac } from "node:crypto";

// Sign a request with AWS Signature Version 4, as the AWS SDKs do; returns its headers.
function signAwsV4(method, url, headers, body, region, service, keyId, secret) {
  const hex = (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase();
  const rfc3986 = (text) => encodeURIComponent(text).replace(/[!'()*]/g, hex);
  const sha256 = (data) => createHash("sha256").update(data).digest("hex");
  const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\\.\\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const bodyHash = sha256(body ?? "");
  const out = { ...headers, "X-Amz-Date": amzDate };
  if (service === "s3") out["x-amz-content-sha256"] = bodyHash;
  const signed = { host: url.host };
  for (const [name, value] of Object.entries(out)) {
    if (name.toLowerCase().startsWith("x-amz-")) signed[name.toLowerCase()] = value;
  }
  const names = Object.keys(signed).sort();
  const path = url.pathname || "/";
  const uri = service === "s3" ? path : path.split("/").map(rfc3986).join("/");
  const query = [...url.searchParams]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([a, b], [c, d]) => (a < c ? -1 : a > c ? 1 : b < d ? -1 : b > d ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const lines = names.map((n) => `${n}:${String(signed[n]).trim().split(/\\s+/).join(" ")}\\n`);
  const canonical = [method, uri, query, lines.join(""), names.join(";"), bodyHash].join("\\n");
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\\n");
  let key = "AWS4" + secret;
  for (const part of [day, region, service, "aws4_request"]) {
    key = createHmac("sha256", key).update(part).digest();
  }
  const signature = createHmac("sha256", key).update(toSign).digest("hex");
  out.Authorization =
    `AWS4-HMAC-SHA256 Credential=${keyId}/${scope}, ` +
    `SignedHeaders=${names.join(";")}, Signature=${signature}`;
  return out;
}
"""
