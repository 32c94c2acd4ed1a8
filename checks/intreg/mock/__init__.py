"""A local mock of an integration, served from its OpenAPI stub (`intreg mock`)."""
