"""The rules intreg checks that the published JSON Schema cannot express, by finding code.

The schema's top-level description lists them (intreg.records.export), the README repeats
them, and tests/records/test_ajv_verdicts.py requires every record intreg refuses while ajv
accepts it to carry one of these codes: everything else is in the schema (issue 16).
"""

from __future__ import annotations

RULES_BEYOND_SCHEMA: dict[str, str] = {
    # The file, before it is data.
    "not-utf8": "the file is UTF-8",
    "file-too-large": "the file is at most 1 MiB",
    "yaml-syntax": "the file is YAML that libyaml reads",
    "empty-file": "the file holds a record",
    "multiple-documents": "one YAML document per file",
    "yaml-version": "no %YAML directive but 1.2",
    "duplicate-key": "no key twice in a mapping",
    "anchor": "no anchors",
    "alias": "no aliases",
    "tag": "no tags but the core ones",
    "complex-key": "keys are text",
    "typed-key": "a plain key is written as editors read it (`0x10`, `1.0`, `null` are not)",
    "control-character": "no control or bidi characters anywhere, keys, comments and examples too",
    "id-mismatch": "id equals the file name",
    # What no schema keyword can see or compare.
    "secret-in-record": "no value that looks like a credential (detect-secrets and our shapes)",
    "placeholder": "no text starting with TODO anywhere, examples included",
    "integer-as-decimal": "whole numbers written without a decimal point (JSON cannot tell 1.0 "
    "from 1)",
    "cadence-too-long": "review and rotation cadences of at most 10 years",
    "too-deep": "examples and json_schema nest at most 64 levels",
    "auth-incomplete": "the credential a call sends: a backend secret that is not a webhook's "
    "(the other auth rules are in the schema)",
    "auth-inconsistent": "auth parts fit the method, name declared credentials, and every "
    "endpoint can carry the credential where auth says it goes",
    "duplicate-env-var": "each credential once",
    "undeclared-env-var": "webhook variables are listed in auth.credentials",
    "duplicate-endpoint": "each method and path once",
    "duplicate-operation-id": "each operation_id once",
    "duplicate-parameter": "each parameter once per location",
    "undeclared-path-parameter": "every {placeholder} in a path has a parameter",
    "unused-path-parameter": "every path parameter is a {placeholder} in the path",
    "style-not-allowed": "a parameter's or form body's style is one OpenAPI allows there",
    "sunset-before-deprecation": "sunset_on is not before deprecated_on",
    "fallback-to-self": "a fallback names another record",
    "example-not-json": "examples hold JSON values (no .inf or .nan)",
    "example-mismatch": "examples match their json_schema",
    "invalid-json-schema": "json_schema is a valid JSON Schema",
    "unsafe-pattern": "patterns in json_schema run in linear time",
    "ref-outside-record": "a $ref in json_schema points inside it",
    "unresolvable-ref": "a $ref in json_schema resolves",
    "schema-too-complex": "checking a record's examples fits a budget of steps",
    "field-not-in-example": "each entry of a body's `fields` names a field of its example",
    "example-breaks-field-rule": "examples obey their `fields` rules (enum, format, type, "
    "nullable)",
    "fields-beside-json-schema": "a body has `fields` or `json_schema`, not both",
    "type-name-example": "no example value is a bare type name (`string`, `integer`, `number`, "
    "`boolean`) unless its field's enum lists it",
    "price-unsourced": "a price (unit_price, percent_fee) has its source and as_of date",
    "fee-as-amount": "a percentage fee is percent_fee, never unit_price",
    "price-incomplete": "a unit price has its currency and unit",
    "link-target-unknown": "a response's link names an operation of the record",
    "link-feeds-nothing": "a link gives its target a parameter or a body field",
    "link-parameter-unknown": "a link's parameters are parameters of its target",
    "link-body-field-unknown": "a link's body fields are fields of its target's request example",
    "link-pointer-missing": "a link's `$response.body#/...` or `$request.body#/...` points at a "
    "field of the example",
    "link-header-undocumented": "a link's `$response.header.X` names a documented header",
    "link-expression-unknown-parameter": "a link's `$request.path|query|header.X` names a "
    "parameter of its endpoint",
    # Across records.
    "duplicate-id": "ids are unique across the registry",
    "env-var-conflict": "records share a variable only when each says `shared: true`",
    "unknown-fallback": "a fallback names a record that exists",
    "unknown-system": "once registry/systems/ holds a system record, each consumer names one",
    "unplanned-consumer": "a consumer's system plans the integration",
    "not-a-consumer": "an integration a system plans lists the system among its consumers",
    "unknown-integration": "a system's plan names integration records that exist",
    "fallback-other-system": "a fallback serves every system it is a fallback in",
    "fallback-later-phase": "a fallback ships in the same or an earlier phase of that system",
    "undeclared-mutual-fallback": "two records that fall back to each other say `mutual: true`",
    "not-mutual": "`mutual: true` only where the other record falls back to this one",
    "fallback-system-unused": "fallback.systems names systems among the record's consumers",
    # Within a system record (registry/systems/).
    "duplicate-phase": "each phase number once",
    "unknown-phase": "a plan entry's phase is one of the system's phases",
    "duplicate-plan-entry": "each integration once in a plan",
    "frontend-secret": "no frontend variable named like a secret (*_SECRET, *_TOKEN, *_KEY "
    "unless publishable)",
    "unplanned-integration": "frontend settings name integrations of the plan",
    "empty-plan-figure": "a plan figure has an amount, a fee or a unit price",
    # Warnings, which never make a record invalid.
    "yaml11-ambiguous": "a warning where a YAML 1.1 reader (PyYAML) would read a plain value "
    "otherwise (yes, no, on, 1_000, 0144, 2026-11-20 in a text field); quote it",
    "over-budget": "a warning when a system's estimated monthly cost is above its budget",
    "role-unfilled": "a warning when nobody holds the role a system's task names",
    "moved-to-system-plan": "a warning for priority or phase in a record whose systems plan it",
}


def beyond_schema_text() -> str:
    """The list as the sentences that end the schema's description."""
    rules = "; ".join(f"{text} [{code}]" for code, text in RULES_BEYOND_SCHEMA.items())
    return (
        "Records are read as YAML 1.2 (core schema), as editors read them. `intreg validate` "
        "also checks these rules beyond the schema, which JSON Schema cannot express: "
        f"{rules}."
    )
