"""The wire form of a request's values: OpenAPI's parameter styles, in one place.

Samples on the site, the OpenAPI stubs, the mock's request parsing and the contract harness all
put values on the wire (or read them back) through this package, so they agree byte for byte.
"""
