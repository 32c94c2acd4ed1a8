"""A provider's OpenAPI spec file (YAML or JSON; 3.0, 3.1, or Swagger 2.0 converted) -> Spec."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from intreg.records.errors import IntregError
from intreg.records.files import read_file
from intreg.specs.bounds import MAX_SPEC_BYTES, check_json_data, check_yaml_nodes
from intreg.specs.refs import Resolver
from intreg.specs.swagger2 import convert_swagger2


class _SpecLoader(yaml.CSafeLoader):
    """Safe YAML via libyaml (4x faster than safe_load on a 4 MB spec, ../shared/NOTES.md).

    Timestamps stay text: `version: 2023-08-16` is a version string, and a date in an example
    would not be valid JSON.
    """


_SpecLoader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    yaml.constructor.SafeConstructor.construct_yaml_str,  # type: ignore[type-var]
)


@dataclass(frozen=True)
class Spec:
    """A parsed spec in OpenAPI 3 shape; `converted_from` is "2.0" for a converted Swagger file."""

    location: str
    document: dict[str, Any]
    openapi: str
    converted_from: str | None = None

    @property
    def resolver(self) -> Resolver:
        """Resolves the document's local `$ref`s."""
        return Resolver(self.document)

    @property
    def title(self) -> str:
        """`info.title`, or the file name when the spec has none."""
        return _text(self.info.get("title")) or Path(self.location).name

    @property
    def version(self) -> str | None:
        """`info.version` as text, or None."""
        return _text(self.info.get("version"))

    @property
    def info(self) -> dict[str, Any]:
        info = self.document.get("info")
        return info if isinstance(info, dict) else {}


def load_spec(spec: str | Path) -> Spec:
    """Read and parse the spec file `spec`; any problem is an IntregError naming it.

    Only a regular file is read (a FIFO or a device is refused unread), and at most one byte
    past MAX_SPEC_BYTES of it.
    """
    where = spec if isinstance(spec, str) else spec.as_posix()
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", where):
        raise IntregError(
            f"{where}: SPEC must be a local file: download it, and pass --source URL to record "
            "where it came from (nothing is fetched)"
        )
    data = read_file(Path(spec), MAX_SPEC_BYTES + 1)
    if len(data) > MAX_SPEC_BYTES:
        raise IntregError(f"{where}: larger than {MAX_SPEC_BYTES:,} bytes, the limit for a spec")
    return parse_spec(data, where)


def parse_spec(data: bytes, where: str) -> Spec:
    """Parse spec bytes (JSON when they start with `{`, else YAML) into a Spec."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IntregError(f"{where}: not UTF-8 (byte {exc.start})") from exc
    document = (
        _parse_json(text, where) if text.lstrip().startswith("{") else _parse_yaml(text, where)
    )
    if not isinstance(document, dict):
        raise IntregError(f"{where}: not an OpenAPI document (the top level is not a mapping)")
    return _to_spec(document, where)


def _parse_json(text: str, where: str) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IntregError(f"{where}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from exc
    except RecursionError as exc:  # the parser's own stack, some thousand levels down
        raise IntregError(f"{where}: nested too deeply to read") from exc
    check_json_data(data, where)
    return data


def _parse_yaml(text: str, where: str) -> Any:
    loader = _SpecLoader(text)  # a safe loader (see _SpecLoader)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        check_yaml_nodes(root, where)  # before anything is built from it: aliases expand there
        return loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise IntregError(f"{where}{line}: invalid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise IntregError(f"{where}: invalid YAML: {exc}") from exc
    finally:
        loader.dispose()


def _to_spec(document: dict[str, Any], where: str) -> Spec:
    openapi, swagger = _text(document.get("openapi")), _text(document.get("swagger"))
    if openapi is not None and openapi.startswith(("3.0", "3.1")):
        return Spec(where, document, openapi)
    if swagger == "2.0":
        return Spec(where, convert_swagger2(document), "3.0.0", converted_from="2.0")
    found = f"openapi: {openapi}" if openapi else f"swagger: {swagger}" if swagger else "neither"
    raise IntregError(
        f"{where}: not an OpenAPI 3.0/3.1 or Swagger 2.0 document (found {found}); "
        "convert it to OpenAPI 3 first"
    )


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)
