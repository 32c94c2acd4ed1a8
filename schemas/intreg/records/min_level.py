"""`intreg validate --min-level LEVEL`: a finding for each record below the level CI requires."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from intreg.records.files import read_file
from intreg.records.findings import Finding
from intreg.records.levels import Level
from intreg.records.loader import load_record
from intreg.records.scorecard import score


def below_level(files: Sequence[Path], shown: Sequence[str], level: Level) -> list[Finding]:
    """A `below-min-level` finding for each record that loads but documents too little.

    Records that do not load already have their errors; they are not scored.
    """
    findings = []
    for file, path in zip(files, shown, strict=True):
        loaded = load_record(read_file(file), path, file.stem)
        if loaded.record is None:
            continue
        card = score(loaded.record.record)
        if card.level >= level:
            continue
        short = [s for s in card.missing if s.level <= level]
        findings.append(
            Finding(
                path,
                1,
                1,
                "",
                "below-min-level",
                f"documentation level is {card.level.label}, below the required "
                f"{level.label}: not documented yet: {', '.join(s.name for s in short)}",
                hint="\n".join(f"{s.name}: add {s.add}" for s in short),
            )
        )
    return findings
