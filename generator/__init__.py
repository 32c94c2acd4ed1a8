"""Derived outputs from the records (generator.outputs lists them), and the `intreg` command line.

Kept free of imports, so that starting the command line loads only the command it runs.
"""
