"""Benchmark runner: wall time and peak memory of whole processes, median of several runs.

    python bench/run.py [--sizes 1000,10000] [--runs 3] [--work DIR]

Each measurement starts a fresh process; its peak resident memory comes from os.wait4, so it
is that process's own figure. Peers run in the same session on the same records, and the table
gives intreg/peer ratios, since a shared 2-core machine is noisy. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synth

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "openapi"


@dataclass(frozen=True)
class Figure:
    name: str
    seconds: float
    peak_mib: float
    runs: int


def measure(
    command: Sequence[str | Path], cwd: Path, runs: int, before: Callable[[], None] = lambda: None
) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MiB) over `runs` fresh processes."""
    times, peaks = [], []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(runs):
        before()
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(c) for c in command],
            cwd=cwd,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        process.returncode = os.waitstatus_to_exitcode(status)
    return statistics.median(times), max(peaks)


def make_registry(work: Path, count: int) -> Path:
    root = work / f"registry-{count}"
    if not (root / "registry" / f"synthetic-{count - 1:05d}.yaml").exists():
        shutil.rmtree(root, ignore_errors=True)
        (root / "registry").mkdir(parents=True)
        (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text())
        for index in range(count):
            path = root / "registry" / f"synthetic-{index:05d}.yaml"
            path.write_bytes(synth.render(index))
    return root


def touch_one(root: Path) -> Callable[[], None]:
    """A `before` hook that changes one record, so each run sees one changed file."""
    record = root / "registry" / "synthetic-00000.yaml"
    original = record.read_text()

    def change() -> None:
        text = record.read_text()
        marker = "# bench: changed\n"
        record.write_text(original if text.startswith(marker) else marker + original)

    return change


def run(sizes: list[int], runs: int, work: Path) -> list[Figure]:
    intreg, figures = BIN / "intreg", []

    def add(
        name: str,
        command: Sequence[str | Path],
        cwd: Path,
        n: int = runs,
        before: Callable[[], None] = lambda: None,
    ) -> None:
        seconds, peak = measure(command, cwd, n, before)
        figures.append(Figure(name, seconds, peak, n))
        print(f"{name}: {seconds:.2f} s, {peak:.0f} MiB", file=sys.stderr, flush=True)

    for count in sizes:
        root = make_registry(work, count)
        add(f"validate {count} (first run)", [intreg, "validate"], root, n=1)
        add(f"validate {count} (again)", [intreg, "validate"], root)
        if shutil.which("check-jsonschema", path=str(BIN)):
            files = sorted(str(p) for p in (root / "registry").glob("*.yaml"))
            add(
                f"check-jsonschema {count} (peer)",
                [
                    BIN / "check-jsonschema",
                    "--schemafile",
                    REPO / "schemas/integration.schema.json",
                    *files,
                ],
                root,
                n=1,
            )
        shutil.rmtree(root / "build", ignore_errors=True)
        add(f"generate {count} (cold)", [intreg, "generate", "--today", "2026-11-24"], root, n=1)
        add(
            f"generate {count} (nothing changed)",
            [intreg, "generate", "--today", "2026-11-24"],
            root,
        )
        add(
            f"generate {count} (one record changed)",
            [intreg, "generate", "--today", "2026-11-24"],
            root,
            before=touch_one(root),
        )
        add(
            f"reviews {count}",
            [intreg, "reviews", "--today", "2026-11-24", "--format", "json"],
            root,
        )
        if count <= 1000:
            add(
                f"site {count}: generate + mkdocs build",
                ["sh", "-c", f"{intreg} generate --today 2026-11-24 && {BIN}/mkdocs build"],
                root,
            )
            add(f"site {count}: plain mkdocs build (peer)", [BIN / "mkdocs", "build"], root)
            add(f"site {count}: zensical build", [BIN / "zensical", "build"], root)
    stripe = CORPUS / "stripe" / "spec3.yaml"
    if stripe.exists():
        project = make_registry(work, 1)
        add(
            "import openapi Stripe (4.2 MB)",
            [
                intreg,
                "import",
                "openapi",
                stripe,
                "--id",
                "stripe-draft",
                "--force",
                "--operation",
                "PostPaymentIntents",
            ],
            project,
        )
    return figures


def table(figures: list[Figure]) -> str:
    rows = ["| Measurement | Median wall time | Peak memory | Runs |", "|---|---:|---:|---:|"]
    rows += [f"| {f.name} | {f.seconds:.2f} s | {f.peak_mib:.0f} MiB | {f.runs} |" for f in figures]
    return "\n".join(rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench")
    args = parser.parse_args()
    figures = run([int(s) for s in args.sizes.split(",")], args.runs, args.work)
    print(table(figures))


if __name__ == "__main__":
    main()
