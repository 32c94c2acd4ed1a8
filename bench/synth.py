"""Deterministic synthetic records for benchmarks: realistic shape, 5-12 KB of YAML each.

    python bench/synth.py OUT_DIR N [--seed S]

Record i is the same bytes on every run (a seeded random.Random per record), so figures are
comparable across machines and commits. The providers are fictional (example.com hosts).
"""

from __future__ import annotations

import argparse
import copy
import random
from pathlib import Path
from typing import Any

import yaml

TEAMS = ["payments", "messaging", "growth", "crm", "platform", "data", "ai", "social"]
SYSTEMS = ["saypro-classified", "py360-renewal", "billing", "support-desk", "mobile-app"]
CATEGORIES = ["payments", "email", "sms", "messaging", "crm", "storage", "analytics", "ai"]
CADENCES = ["monthly", "quarterly", "annual", "P6M", "P90D"]
RESOURCES = [
    "orders",
    "payments",
    "refunds",
    "customers",
    "messages",
    "contacts",
    "invoices",
    "files",
    "events",
    "subscriptions",
    "reports",
    "templates",
    "webhooks",
    "users",
]
WORDS = [
    "account",
    "balance",
    "charge",
    "status",
    "amount",
    "currency",
    "customer",
    "email",
    "phone",
    "region",
    "batch",
    "delivery",
    "template",
    "document",
    "policy",
    "renewal",
    "listing",
    "fee",
    "campaign",
    "segment",
]


def record(index: int, seed: int = 0) -> dict[str, Any]:
    """Synthetic record number `index`, the same for the same (index, seed)."""
    rng = random.Random(f"{seed}:{index}")
    rid = f"synthetic-{index:05d}"
    prefix = f"SYN{index:05d}"
    resources = rng.sample(RESOURCES, k=rng.randint(3, 7))
    endpoints = [
        _endpoint(rng, res, verb, index)
        for res in resources
        for verb in rng.sample(["list", "get", "create"], k=rng.randint(1, 3))
    ]
    endpoints = endpoints[: rng.randint(5, 15)] if len(endpoints) >= 5 else endpoints
    while len(endpoints) < 5:
        endpoints.append(_endpoint(rng, f"extra{len(endpoints)}", "get", index))
    last = f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
    return {
        "id": rid,
        "name": f"Synthetic API {index}",
        "provider": {
            "name": f"Provider {index}",
            "website": f"https://p{index}.example.com",
            "docs_url": f"https://p{index}.example.com/docs",
        },
        "category": rng.choice(CATEGORIES),
        "purpose": " ".join(rng.choices(WORDS, k=12)).capitalize() + ".",
        "summary": " ".join(rng.choices(WORDS, k=90)).capitalize() + ".",
        "consumers": sorted(rng.sample(SYSTEMS, k=rng.randint(1, 2))),
        "priority": rng.choice(["high", "medium", "low"]),
        "phase": rng.randint(1, 3),
        "lifecycle": rng.choice(["active", "active", "planned"]),
        "owner": {"team": rng.choice(TEAMS), "contact": "owners@example.com"},
        "auth": {
            "method": "api_key",
            "location": "header",
            "name": "Authorization",
            "scheme": "Bearer",
            "credentials": [
                {
                    "env_var": f"{prefix}_SECRET_KEY",
                    "description": "Secret key.",
                    "secret": True,
                    "scope": "backend",
                    "rotation": "quarterly",
                    "last_rotated": last,
                },
                {
                    "env_var": f"{prefix}_WEBHOOK_SECRET",
                    "description": "Webhook secret.",
                    "secret": True,
                    "scope": "backend",
                },
                {
                    "env_var": f"{prefix}_PUBLIC_KEY",
                    "description": "Publishable key.",
                    "secret": False,
                    "scope": "frontend",
                },
            ],
        },
        "api": {
            "base_url": f"https://api.p{index}.example.com",
            "version": f"v{rng.randint(1, 5)}",
        },
        "endpoints": endpoints,
        "rate_limits": [
            {
                "limit": rng.choice([10, 25, 100, 1000]),
                "period": "second",
                "scope": "per account",
                "expected_peak": rng.randint(0, 9),
                "source": f"https://p{index}.example.com/docs/limits",
            }
        ],
        "errors": [
            {
                "status": 429,
                "code": "rate_limited",
                "meaning": "Too many requests.",
                "resolution": "Back off and retry.",
                "retryable": True,
            }
        ],
        "review": {"last_reviewed": last, "cadence": rng.choice(CADENCES)},
        "changes": [{"date": last, "summary": "Reviewed."}],
    }


def _endpoint(rng: random.Random, resource: str, verb: str, index: int) -> dict[str, Any]:
    item = {
        "id": f"{resource[:3]}_{rng.randrange(16**8):08x}",
        "status": rng.choice(WORDS),
        "amount": rng.randint(100, 99999),
        "created": 1700000000 + rng.randrange(10**7),
        "metadata": {w: rng.choice(WORDS) for w in rng.sample(WORDS, k=3)},
    }
    docs = f"https://p{index}.example.com/docs/{resource}"
    if verb == "get":
        return {
            "operation_id": f"get{resource.capitalize()}",
            "method": "GET",
            "path": f"/v1/{resource}/{{id}}",
            "summary": f"Fetch one of {resource}.",
            "source": docs,
            "timeout_seconds": 10,
            "idempotent": True,
            "parameters": [
                {
                    "name": "id",
                    "location": "path",
                    "required": True,
                    "description": "Its id.",
                    "example": item["id"],
                }
            ],
            "responses": {
                "200": {"description": "Found.", "example": copy.deepcopy(item)},
                "404": {"description": "Not found.", "example": {"error": {"code": "not_found"}}},
            },
        }
    if verb == "list":
        return {
            "operation_id": f"list{resource.capitalize()}",
            "method": "GET",
            "path": f"/v1/{resource}",
            "summary": f"List {resource}.",
            "source": docs,
            "parameters": [
                {
                    "name": "limit",
                    "location": "query",
                    "type": "integer",
                    "description": "Page size.",
                    "example": 10,
                }
            ],
            "responses": {
                "200": {
                    "description": "A page.",
                    "example": {"data": [copy.deepcopy(item)], "has_more": False},
                }
            },
        }
    body = copy.deepcopy({k: v for k, v in item.items() if k != "id"})
    return {
        "operation_id": f"create{resource.capitalize()}",
        "method": "POST",
        "path": f"/v1/{resource}",
        "summary": f"Create one of {resource}.",
        "source": docs,
        "idempotent": True,
        "idempotency_header": "Idempotency-Key",
        "request": {"example": body},
        "responses": {
            "201": {"description": "Created.", "example": copy.deepcopy(item)},
            "400": {
                "description": "Invalid.",
                "example": {"error": {"code": "invalid", "param": "amount"}},
            },
        },
    }


def render(index: int, seed: int = 0) -> bytes:
    """The YAML file of record `index`, with the editor modeline."""
    text = yaml.safe_dump(record(index, seed), sort_keys=False, allow_unicode=True, width=100)
    return ("# yaml-language-server: $schema=../schemas/integration.schema.json\n" + text).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    (args.out / "registry").mkdir(parents=True, exist_ok=True)
    (args.out / "mkdocs.yml").write_text("site_name: bench\n")
    for index in range(args.count):
        (args.out / "registry" / f"synthetic-{index:05d}.yaml").write_bytes(
            render(index, args.seed)
        )


if __name__ == "__main__":
    main()
