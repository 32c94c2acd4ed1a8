"""Providers' published OpenAPI specs: loading, $ref resolution, operations and security.

Input parsing shared by `intreg import openapi` (generator) and the drift check (checks), so
neither has to import the other.
"""
