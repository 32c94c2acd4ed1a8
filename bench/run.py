"""Benchmark runner: wall time and peak memory of whole processes, median of several runs.

    python bench/run.py [--sizes 300,1000,10000] [--runs 3] [--work DIR] [--parts ...]

Each measurement starts a fresh process; its peak resident memory comes from os.wait4, so it
is that process's own figure. Peers run in the same session on the same records, and the table
gives intreg/peer ratios, since a shared 2-core machine is noisy. Prints a Markdown table with
each figure beside the one the previous run saved (WORK/figures.json).

To measure another commit's intreg with the same tools, run this script with its tree first on
PYTHONPATH (its schemas/, generator/ and checks/ folders, from `git archive`).
"""

from __future__ import annotations

import argparse
import json
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
import preview as preview_latency
import synth

BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "openapi"


@dataclass(frozen=True)
class Figure:
    name: str
    seconds: float
    peak_mib: float | None
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


def touch_one(root: Path, field: str = "purpose") -> Callable[[], None]:
    """A `before` hook that changes one record's `field` (a top-level text), so each run sees
    one changed file whose own outputs (stub, page) change too; its name is also on the pages
    over all records (catalogue, reviews, navigation...), its purpose is not."""
    record = root / "registry" / "synthetic-00000.yaml"
    original = record.read_text()
    changed = original.replace(f"\n{field}: ", f"\n{field}: Changed ", 1)
    assert changed != original

    def change() -> None:
        record.write_text(original if record.read_text() == changed else changed)

    return change


def site(add: Callable[..., None], root: Path, count: int, builders: Sequence[str]) -> None:
    """The site build with each builder: cold, nothing changed, one record changed."""
    generate = f"{BIN / 'intreg'} generate --today 2026-11-24"
    add(f"site {count}: plain mkdocs build of the pages (peer)", [BIN / "mkdocs", "build"], root)
    for builder, cold_flag in (("mkdocs", ""), ("zensical", " --clean")):
        if builder not in builders:
            continue
        build = f"{BIN / builder} build"

        def clear() -> None:
            shutil.rmtree(root / "site", ignore_errors=True)
            shutil.rmtree(root / ".cache", ignore_errors=True)  # Zensical's cache

        add(
            f"site {count}, {builder}: generate + build (cold)",
            ["sh", "-c", f"{generate} && {build}{cold_flag}"],
            root,
            before=clear,
        )
        add(
            f"site {count}, {builder}: generate + build (nothing changed)",
            ["sh", "-c", f"{generate} && {build}"],
            root,
        )
        add(
            f"site {count}, {builder}: generate + build (one record changed)",
            ["sh", "-c", f"{generate} && {build}"],
            root,
            before=touch_one(root),
        )


def preview(
    figures: list[Figure], root: Path, count: int, builders: Sequence[str], saves: int, work: Path
) -> None:
    """Edit-to-preview latency in `intreg serve` with each builder (bench/preview.py)."""
    for builder in builders:
        log = work / f"serve-{builder}-{count}.log"
        try:
            startup, median, worst, memory = preview_latency.edit_to_preview(
                root, builder, saves, log
            )
        except RuntimeError as error:  # a builder that cannot serve these pages: say why
            print(f"preview {count}, {builder}: failed: {error} (see {log})", file=sys.stderr)
            continue
        first = f"preview {count}, {builder}: start to first page served"
        figures.append(Figure(first, startup, None, 1))
        name = f"preview {count}, {builder}: save to page shown (median of the saves)"
        figures.append(Figure(name, median, memory, saves))
        print(f"{first}: {startup:.2f} s", file=sys.stderr, flush=True)
        print(
            f"{name}: {median:.2f} s, slowest {worst:.2f} s, intreg serve peak {memory:.0f} MiB",
            file=sys.stderr,
            flush=True,
        )


Add = Callable[..., None]
PARTS = ("validate", "generate", "reviews", "site", "import", "preview")
TODAY = ("--today", "2026-11-24")


def clear(*folders: Path) -> Callable[[], None]:
    """A `before` hook that removes `folders` (a cache, an output folder) for a cold run."""

    def remove() -> None:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)

    return remove


def validate(add: Add, root: Path, count: int) -> None:
    intreg, cache = BIN / "intreg", root / ".intreg-cache"
    add(f"validate {count} (cold: no cache)", [intreg, "validate"], root, before=clear(cache))
    add(f"validate {count} (warm: nothing changed)", [intreg, "validate"], root)
    add(
        f"validate {count} (warm: one record changed)",
        [intreg, "validate"],
        root,
        before=touch_one(root),
    )
    if shutil.which("check-jsonschema", path=str(BIN)):
        files = sorted(str(p) for p in (root / "registry").glob("*.yaml"))
        schema = REPO / "schemas/integration.schema.json"
        add(
            f"check-jsonschema {count} (peer)",
            [BIN / "check-jsonschema", "--schemafile", schema, *files],
            root,
        )


def generate(add: Add, root: Path, count: int) -> None:
    command = [BIN / "intreg", "generate", *TODAY]
    cold = clear(root / "build", root / ".intreg-cache")
    add(f"generate {count} (cold)", command, root, before=cold)
    add(f"generate {count} (nothing changed)", command, root)
    add(f"generate {count} (one record changed)", command, root, before=touch_one(root))
    add(
        f"generate {count} (one record's name changed)",
        command,
        root,
        before=touch_one(root, "name"),
    )


def reviews(add: Add, root: Path, count: int) -> None:
    command = [BIN / "intreg", "reviews", *TODAY, "--format", "json"]
    add(f"reviews {count} (cold: no cache)", command, root, before=clear(root / ".intreg-cache"))
    add(f"reviews {count} (warm: nothing changed)", command, root)
    add(f"reviews {count} (warm, default text report)", command[:-2], root)


def import_stripe(add: Add, work: Path) -> None:
    stripe = CORPUS / "stripe" / "spec3.yaml"
    if stripe.exists():
        add(
            "import openapi Stripe (4.2 MB)",
            [
                BIN / "intreg",
                "import",
                "openapi",
                stripe,
                "--id",
                "stripe-draft",
                "--force",
                "--operation",
                "PostPaymentIntents",
            ],
            make_registry(work, 1),
        )


def run(
    sizes: list[int],
    runs: int,
    work: Path,
    parts: Sequence[str],
    builders: Sequence[str],
    saves: int = 5,
) -> list[Figure]:
    figures: list[Figure] = []

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

    per_size = {"validate": validate, "generate": generate, "reviews": reviews}
    for count in sizes:
        root = make_registry(work, count)
        for part in parts:
            if part in per_size:
                per_size[part](add, root, count)
            elif part == "site" and count == max(s for s in sizes if s <= 1000):
                site(add, root, count, builders)
            elif part == "preview" and count <= 1000:
                preview(figures, root, count, builders, saves, work)
    if "import" in parts:
        import_stripe(add, work)
    return figures


def table(figures: list[Figure], previous: dict[str, float]) -> str:
    """The figures as Markdown, each beside the previous run's figure of the same name."""
    rows = [
        "| Measurement | Previous | Median wall time | Change | Peak memory | Runs |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for f in figures:
        before = previous.get(f.name)
        old = "" if before is None else f"{before:.2f} s"
        change = "" if not before else f"{f.seconds / before:.2f}x"
        peak = "" if f.peak_mib is None else f"{f.peak_mib:.0f} MiB"
        rows.append(f"| {f.name} | {old} | {f.seconds:.2f} s | {change} | {peak} | {f.runs} |")
    return "\n".join(rows) + "\n"


def read_figures(path: Path) -> dict[str, float]:
    """The figures a previous run saved, by name (none when there is no such file)."""
    try:
        return {str(k): float(v) for k, v in json.loads(path.read_text("utf-8")).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def save_figures(path: Path, figures: list[Figure], previous: dict[str, float]) -> None:
    """Keep this run's figures (and earlier ones not measured now) for the next comparison."""
    kept = {**previous, **{f.name: f.seconds for f in figures}}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(kept, indent=2, sort_keys=True) + "\n", "utf-8")


def compile_intreg() -> None:
    """Write intreg's bytecode first, as installing a wheel does: where PYTHONDONTWRITEBYTECODE
    is set (as on the machines these figures come from), each measured process would otherwise
    compile intreg's modules again, 0.09 s of every run."""
    from intreg.outputs.manifest import PACKAGES  # the folders of the intreg being measured

    command = [sys.executable, "-m", "compileall", "-q", *map(str, PACKAGES)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--parts", default=",".join(PARTS), help="comma-separated: " + ", ".join(PARTS)
    )
    parser.add_argument("--builders", default="mkdocs,zensical", help="site builders to time")
    parser.add_argument("--saves", type=int, default=5, help="saves timed by the preview part")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench")
    parser.add_argument(
        "--figures", type=Path, help="where figures are kept between runs (WORK/figures.json)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    parts, builders = args.parts.split(","), args.builders.split(",")
    saved = args.figures or args.work / "figures.json"
    previous = read_figures(saved)
    compile_intreg()
    figures = run(sizes, args.runs, args.work, parts, builders, args.saves)
    save_figures(saved, figures, previous)
    print(table(figures, previous))


if __name__ == "__main__":
    main()
