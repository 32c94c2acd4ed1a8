"""Code samples for an endpoint (curl, Python, JavaScript), rendered from one request model."""
