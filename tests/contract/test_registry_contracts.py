"""The contract suite: every shipped record's stub against its API.

With no INTREG_<ID>_BASE_URL set, each record is tested against a local mock built from its
stub; with one set, against that URL, using the credentials the record names. Run a single
integration with `pytest tests/contract -k stripe` or `intreg contract stripe`.

Latency is measured and reported against each record's targets but not enforced
(`--latency report`): against the mock on a shared CI machine, the time says more about the
machine than the API. tests/contract/test_latency.py enforces targets with a deliberately
slow server instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intreg.contract.run import RunOptions, contract
from intreg.records.project import Project

REPO = Path(__file__).resolve().parents[2]
RECORD_IDS = [path.stem for path in Project(REPO).record_files()]


@pytest.mark.slow
@pytest.mark.parametrize("record_id", RECORD_IDS)
def test_record_keeps_its_contract(record_id: str) -> None:
    options = RunOptions(enforce_latency=False)
    outcome = contract(Project(REPO), record_id, None, None, REPO, os.environ, options=options)
    assert outcome.exit_code == 0, f"{outcome.summary}\n{outcome.report}"
    assert outcome.report.startswith("PASS ")
