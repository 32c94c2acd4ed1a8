"""Derived outputs from the records, and the `intreg` command line."""
