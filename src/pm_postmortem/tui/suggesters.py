"""Completion for text fields that hold a list written with commas (e.g. affected segments)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.suggester import Suggester


def complete_last_item(value: str, offers: Sequence[str]) -> str | None:
    """``value`` with its last comma-separated item completed to the first offer it starts
    (ignoring case) and that the value does not hold yet; None when there is none."""
    head, comma, last = value.rpartition(",")
    typed = last.lstrip()
    if not typed:
        return None
    taken = {item.strip().lower() for item in head.split(",")} if comma else set()
    for offer in offers:
        if offer.lower().startswith(typed.lower()) and offer.lower() not in taken and len(offer) > len(typed):
            return value[: len(value) - len(typed)] + offer
    return None


class ListItemSuggester(Suggester):
    """Suggests the rest of the item being typed from ``offers``; → (at the end) takes it."""

    def __init__(self, offers: Sequence[str]) -> None:
        super().__init__(use_cache=True, case_sensitive=True)  # the case is compared by the rule
        self.offers = tuple(offers)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_last_item(value, self.offers)
