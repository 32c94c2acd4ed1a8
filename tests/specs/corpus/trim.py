"""Trim the provider specs in ../shared/corpus/openapi to what the tests use, into this folder.

`python tests/specs/corpus/trim.py` rewrites every copy and MANIFEST.md; `--check` exits 1 when
a committed copy is stale. Both exit 0 when ../shared is absent: this is a maintainer's tool.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from openapi_spec_validator.shortcuts import get_validator_cls

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SOURCE = REPO.parent / "shared" / "corpus" / "openapi"
MANIFEST = HERE / "MANIFEST.md"

# The operations each test uses, as `intreg import openapi --operation` takes them.
KEEP: dict[str, tuple[str, ...]] = {
    # tests/importer/test_import_openapi.py and tests/drift/test_drift.py
    "stripe/spec3.yaml": ("PostPaymentIntents", "GetPaymentIntentsIntent", "PostRefunds"),
    # the importer asks for FetchMessage by "METHOD /path", drift by its operationId
    "twilio/twilio_api_v2010.yaml": ("CreateMessage", "FetchMessage"),
    # all three: the listing test prints every operation, and "did you mean" picks among them
    "sendgrid/tsg_mail_v3.yaml": ("SendMail", "CreateMailBatch", "GetMailBatch"),
    "slack/slack_web_openapi_v2.json": ("chat_postMessage",),
    "paypal/checkout_orders_v2.json": ("orders.create",),
    "openai/openapi.yaml": ("createChatCompletion", "GET /models/{model}"),
}

# Top-level keys copied whole; `paths`, `tags` and the $ref targets are filtered instead.
METADATA = (
    "openapi",
    "swagger",
    "info",
    "jsonSchemaDialect",
    "externalDocs",
    "servers",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "security",
    "securityDefinitions",
)
SWAGGER_TARGETS = ("definitions", "parameters", "responses")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class _SpecLoader(yaml.CSafeLoader):
    """Safe YAML that keeps timestamps as text, as intreg.specs.loader reads them."""


_SpecLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    yaml.constructor.SafeConstructor.construct_yaml_str,  # type: ignore[type-var]
)


def parse(text: str, name: str) -> dict[str, Any]:
    """The spec text as a document: JSON for `.json` files, else YAML."""
    if name.endswith(".json"):
        return dict(json.loads(text))
    return dict(yaml.load(text, Loader=_SpecLoader))  # a safe loader (see _SpecLoader)


def dump(document: dict[str, Any], name: str, header: str) -> str:
    """The document in its source's format; YAML carries `header` as comments."""
    if name.endswith(".json"):
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    return "".join(f"# {line}\n" for line in header.splitlines()) + body


def trim(document: dict[str, Any], wanted: tuple[str, ...]) -> dict[str, Any]:
    """The document with only the wanted operations and what they reach by $ref."""
    paths = keep_operations(document.get("paths") or {}, wanted)
    kept: dict[str, Any] = {}
    for key, value in document.items():
        if key in METADATA:
            kept[key] = value
        elif key == "paths":
            kept[key] = paths
        elif key == "tags":
            kept[key] = used_tags(value, paths)
    parts = {**kept, **reachable(document, kept)}
    return {key: parts[key] for key in document if key in parts}


def keep_operations(paths: dict[str, Any], wanted: tuple[str, ...]) -> dict[str, Any]:
    """The path items holding a wanted operation, with only those operations."""
    found = dict.fromkeys(wanted, False)
    kept: dict[str, Any] = {}
    for path, item in paths.items():
        methods = [m for m in METHODS if m in item and _wanted(path, m, item[m], found)]
        if methods:
            kept[path] = {k: v for k, v in item.items() if k not in METHODS or k in methods}
    missing = [want for want, seen in found.items() if not seen]
    if missing:
        raise SystemExit(f"trim.py: not in the spec: {', '.join(missing)}")
    return kept


def _wanted(path: str, method: str, operation: dict[str, Any], found: dict[str, bool]) -> bool:
    names = (operation.get("operationId"), f"{method.upper()} {path}")
    hits = [name for name in names if name in found]
    for name in hits:
        found[name] = True
    return bool(hits)


def used_tags(tags: list[dict[str, Any]], paths: dict[str, Any]) -> list[dict[str, Any]]:
    """The declared tags that a kept operation carries, in the spec's order."""
    used = {
        tag
        for item in paths.values()
        for method in METHODS
        for tag in (item.get(method) or {}).get("tags") or []
    }
    return [tag for tag in tags if tag.get("name") in used]


def reachable(document: dict[str, Any], kept: dict[str, Any]) -> dict[str, Any]:
    """The components (or Swagger definitions, parameters, responses) `kept` reaches by $ref."""
    seen: set[tuple[str, str]] = set()
    schemes = (document.get("components") or {}).get("securitySchemes")  # kept whole
    pending = [*refs(kept), *refs(schemes)]
    while pending:
        target = _target(pending.pop(), document)
        if target not in seen:
            seen.add(target)
            pending += refs(_lookup(document, target))
    if "components" in document:
        return {"components": _components(document["components"], seen)}
    return {
        key: {name: value for name, value in document[key].items() if (key, name) in seen}
        for key in SWAGGER_TARGETS
        if any(found[0] == key for found in seen)
    }


def _components(components: dict[str, Any], seen: set[tuple[str, str]]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for kind, members in components.items():
        whole = kind == "securitySchemes"
        wanted = {name: v for name, v in members.items() if whole or (kind, name) in seen}
        if wanted:
            kept[kind] = wanted
    return kept


def refs(value: Any) -> Iterator[str]:
    """Every `$ref` string inside value."""
    if isinstance(value, dict):
        for key, member in value.items():
            if key == "$ref" and isinstance(member, str):
                yield member
            else:
                yield from refs(member)
    elif isinstance(value, list):
        for member in value:
            yield from refs(member)


def _target(ref: str, document: dict[str, Any]) -> tuple[str, str]:
    """The (kind, name) a local $ref points into: `components` drops its first part."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in ref.removeprefix("#/").split("/")]
    if ref.startswith("#/components/") and len(parts) >= 3:
        return parts[1], parts[2]
    if ref.startswith("#/") and parts[0] in SWAGGER_TARGETS and "components" not in document:
        return parts[0], parts[1]
    raise SystemExit(f"trim.py: cannot follow $ref {ref!r} (only local components)")


def _lookup(document: dict[str, Any], target: tuple[str, str]) -> Any:
    kind, name = target
    holder = document.get("components", document)  # Swagger 2.0 keeps them at the top
    return holder[kind][name]


def blob_id(data: bytes) -> str:
    """The git blob id of data, as `git hash-object` prints it."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def provenance() -> dict[str, dict[str, str]]:
    """The rows of ../shared's MANIFEST.md, by `<provider>/<file>`."""
    rows: dict[str, dict[str, str]] = {}
    lines = (SOURCE / "MANIFEST.md").read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith("| Provider"))
    names = _cells(header)
    for line in lines:
        cells = _cells(line)
        if len(cells) == len(names) and re.fullmatch(r"`[^`]+`", cells[1]):
            row = dict(zip(names, cells, strict=True))
            rows[f"{row['Provider (folder)']}/{row['File'].strip('`')}"] = row
    return rows


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def header_of(relative: str, row: dict[str, str]) -> str:
    """The comment a trimmed YAML copy starts with."""
    return (
        f"Trimmed copy of {row['Source repository']} {row['Path in source'].strip('`')}\n"
        f"at commit {row['Commit (date)']},\nblob {row['Git blob id']};\n"
        f"licence: {row['License of source']}.\n"
        f"Keeps only: {', '.join(KEEP[relative])}, and what they reach by $ref.\n"
        "Generated by tests/specs/corpus/trim.py (see MANIFEST.md); edit that, not this file.\n"
    )


@dataclass(frozen=True)
class Copy:
    """A trimmed copy's text, and how many openapi-spec-validator errors its source has."""

    text: str
    source_errors: int


def trimmed_copy(relative: str, row: dict[str, str]) -> Copy:
    """The trimmed copy of one source spec, after checking the source is the recorded one."""
    data = (SOURCE / relative).read_bytes()
    expected = row["Git blob id"].strip("`")
    if blob_id(data) != expected:
        raise SystemExit(f"trim.py: {relative} is not blob {expected} (see ../shared MANIFEST.md)")
    document = parse(data.decode("utf-8"), relative)
    trimmed = trim(document, KEEP[relative])
    text = dump(trimmed, relative, header_of(relative, row))
    if parse(text, relative) != trimmed:
        raise SystemExit(f"trim.py: {relative} does not read back the same after dumping")
    source_errors = spec_errors(document)
    new_errors = spec_errors(trimmed) - source_errors
    if new_errors:
        raise SystemExit(f"trim.py: trimming {relative} made it invalid: {sorted(new_errors)}")
    return Copy(text, len(source_errors))


def spec_errors(document: dict[str, Any]) -> set[str]:
    """The messages openapi-spec-validator reports for the document."""
    validator = get_validator_cls(document)(document)
    return {error.message for error in validator.iter_errors()}


def manifest(rows: dict[str, dict[str, str]], copies: dict[str, Copy]) -> str:
    """MANIFEST.md: where each copy comes from, its licence, and what it keeps."""
    lines = [
        "# Trimmed provider specs for the tests",
        "",
        "Generated by `tests/specs/corpus/trim.py` from `../shared/corpus/openapi` (see its",
        "MANIFEST.md); edit the script's `KEEP` table and re-run it, never these files.",
        "Each copy is a **modified** (trimmed) copy of the source file: it keeps the top-level",
        "metadata (`openapi`/`swagger`, `info`, `externalDocs`, servers or `host`/`basePath`/",
        "`schemes`, `consumes`/`produces`, `security`, all security schemes), the tags a kept",
        "operation uses, the operations listed below, and every component (Swagger 2.0:",
        "definition, parameter, response) they reach by `$ref`. Everything else is left out,",
        "including `webhooks` and top-level `x-` extensions. Key order is the source's.",
        "A copy never has an openapi-spec-validator error that its source lacks.",
        "",
        "| Copy | Bytes | Source repository | Path in source | Commit (date) "
        "| Git blob id of source | Licence of source | Operations kept "
        "| openapi-spec-validator on the source |",
        "|---|---:|---|---|---|---|---|---|---|",
    ]
    for relative, copy in copies.items():
        row = rows[relative]
        verdict = f"invalid ({copy.source_errors} messages)" if copy.source_errors else "valid"
        lines.append(
            f"| `{relative}` | {len(copy.text.encode('utf-8')):,} | {row['Source repository']} "
            f"| {row['Path in source']} | {row['Commit (date)']} | {row['Git blob id']} "
            f"| {row['License of source']} | {', '.join(f'`{op}`' for op in KEEP[relative])} "
            f"| {verdict} |"
        )
    return "\n".join(lines) + "\n"


def expected_files() -> dict[Path, str]:
    """Every file this script writes, with its text."""
    rows = provenance()
    copies = {relative: trimmed_copy(relative, rows[relative]) for relative in KEEP}
    files = {HERE / relative: copy.text for relative, copy in copies.items()}
    files[MANIFEST] = manifest(rows, copies)
    return files


def main(argv: list[str] | None = None) -> int:
    """Write the stale copies, or with --check only name them; 1 when --check finds any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only name the stale copies")
    check = parser.parse_args(argv).check
    if not SOURCE.is_dir():
        print(f"trim.py: {SOURCE} is absent; nothing to trim or check", file=sys.stderr)
        return 0
    expected = expected_files()
    stale = {path: text for path, text in expected.items() if _current(path) != text}
    for path, text in stale.items():
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        print(f"{path.relative_to(REPO)}: {'stale' if check else 'written'}", file=sys.stderr)
    copies = [*HERE.glob("*/*.yaml"), *HERE.glob("*/*.json")]
    strays = [path for path in copies if path not in expected]
    for path in strays:
        print(f"{path.relative_to(REPO)}: not in KEEP; delete it", file=sys.stderr)
    return 1 if strays or (check and stale) else 0


def _current(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


if __name__ == "__main__":
    sys.exit(main())
