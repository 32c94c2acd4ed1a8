"""Scheduled checks over records (reviews, sunsets, rotations, rate limits) and reminders."""
