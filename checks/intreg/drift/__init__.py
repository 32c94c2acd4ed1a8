"""Drift between a record and its provider's current OpenAPI spec (`intreg drift`)."""
