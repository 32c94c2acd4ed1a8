"""Contract tests: schemathesis over a record's stub against the mock or a provider
(`intreg contract`).."""
