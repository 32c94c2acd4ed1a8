"""Notification channels for reminders: email over SMTP, Slack-compatible webhooks, with retries."""
