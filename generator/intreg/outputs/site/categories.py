"""How each category is named on the site: one table, so headings and facts agree."""

from __future__ import annotations

from intreg.records.model import Category

# Every category, in the order the catalogue and the navigation show them.
NAMES: dict[Category, str] = {
    Category.PAYMENTS: "Payments",
    Category.EMAIL: "Email",
    Category.SMS: "SMS",
    Category.MESSAGING: "Messaging",
    Category.CRM: "CRM",
    Category.STORAGE: "Storage",
    Category.ANALYTICS: "Analytics",
    Category.SEO: "SEO",
    Category.AI: "AI",
    Category.SOCIAL: "Social",
    Category.LOCATION: "Location",
    Category.SEARCH: "Search",
    Category.OTHER: "Other",
}
UNCATEGORISED = "Uncategorised"


def category_name(category: Category | None) -> str:
    """The display name of `category` ("SMS", not "Sms")."""
    return UNCATEGORISED if category is None else NAMES[category]
