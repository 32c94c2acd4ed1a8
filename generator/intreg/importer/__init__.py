"""Draft a record from a provider's OpenAPI spec (`intreg import openapi`)."""
