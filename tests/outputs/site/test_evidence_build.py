"""Evidence end to end: a real `intreg contract` run against the mock writes its report,
`intreg generate` reads it, and `mkdocs build --strict` shows its figures on the integration
page and the monitoring page."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html import unescape

import pytest

from intreg.outputs.builders import build_command
from tests.helpers import REPO, case_text

pytestmark = pytest.mark.slow


def visible_text(html: str) -> str:
    """The page's text with tags removed and whitespace collapsed, as a reader sees it."""
    without_tags = re.sub(r"<[^>]+>", " ", html)
    return " ".join(unescape(without_tags).split())


def test_a_real_run_against_the_mock_is_the_evidence_on_the_built_site(
    make_registry, run_cli, monkeypatch
) -> None:
    monkeypatch.delenv("INTREG_FULL_BASE_URL", raising=False)
    root = make_registry({"full": case_text("full"), "minimal": case_text("minimal")})
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    report_path = root / "reports" / "contract" / "full.json"
    run = run_cli(
        "contract", "full", "--report", "reports/contract/full.json", "--latency", "report",
        cwd=root,
    )  # fmt: skip
    assert run.exit_code == 0, run.stdout
    report = json.loads(report_path.read_text(encoding="utf-8"))
    (operation,) = report["operations"]
    assert operation["requests"] > 0 and operation["p95_ms"] is not None

    generated = run_cli("generate", "--today", "2026-11-24", cwd=root)
    assert generated.exit_code == 0, generated.stdout
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run(
        build_command("mkdocs", root / "mkdocs.yml"), cwd=root, env=env, capture_output=True,
        text=True,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    assert "WARNING" not in build.stderr, build.stderr

    when = report["when"].replace("T", " ").replace("Z", " UTC")
    p95 = f"{operation['p95_ms']:,} ms"
    target = f"{operation['target_p95_ms']:,} ms"
    verdict = "above" if operation["p95_ms"] > operation["target_p95_ms"] else "within"
    page = visible_text((root / "site/integrations/full/index.html").read_text("utf-8"))
    assert f"Last contract run: passed: 1 of 1 operation, {when}, against the mock" in page
    row = (
        f"POST /v2/messages passed {operation['requests']} {operation['p50_ms']:,} ms "
        f"{p95}, {verdict} {target} {operation['max_ms']:,} ms "
        f"{len(operation['checks'])} passed"
    )
    assert row in page, page[page.index("Last contract run When") :][:800]
    assert "Latency targets: reported, not enforced in this run" in page
    assert "status_code_conformance POST /v2/messages —" in page

    monitoring = visible_text((root / "site/monitoring/index.html").read_text("utf-8"))
    assert (
        f"Example Messaging active at least 99.9% 1,000 ms under 0.5% under 75% SmsFailureRate "
        f"passed, {when} {p95} ({verdict} {target}) on POST /v2/messages"
    ) in monitoring
    assert "Example Payments — not stated not stated not stated not stated none no run" in (
        monitoring
    )
