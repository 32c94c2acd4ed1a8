"""Scheduled checks over records (reviews, deprecations, rate limits); each returns findings."""
