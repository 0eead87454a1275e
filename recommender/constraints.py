"""What a request allows: genres wanted or excluded, a year range, and a movie to start from."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Constraints:
    genres: tuple[str, ...] = ()  # wanted: a movie must have at least one
    excluded_genres: tuple[str, ...] = ()
    min_year: int | None = None
    max_year: int | None = None
    like: str = ""  # "something like Alien": a title the service resolves
    all_genres: bool = False  # a movie must have every wanted genre: "a crime thriller", "a romantic comedy"

    def allows(self, genres: tuple[str, ...], year: int | None) -> bool:
        if self.genres and not set(genres) & set(self.genres):
            return False
        if self.all_genres and not set(self.genres) <= set(genres):
            return False
        if set(genres) & set(self.excluded_genres):
            return False
        if year is not None and self.min_year is not None and year < self.min_year:
            return False
        if year is not None and self.max_year is not None and year > self.max_year:
            return False
        return True

    @property
    def empty(self) -> bool:
        return self == Constraints()
