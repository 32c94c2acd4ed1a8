"""Scheduled checks over records (reviews, sunsets, rotations, rate limits)
and the reminders they produce."""
