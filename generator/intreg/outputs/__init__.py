"""Derived outputs from the records: OpenAPI stubs, .env templates, the docs site, Backstage.

`intreg generate`, `intreg serve` and `intreg export` run them.
"""
