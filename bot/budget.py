"""What one message may cost: a fixed budget of title look-ups and matcher work that every reading path spends.

A message is read many ways (bot.understanding cuts it into clauses, bot.messages reads each, bot.titles matches
its pieces and looks for titles inside the ones that are not titles), and each way searches the catalogue's
names or asks the matcher. Counting each path alone let their sum grow with the message's shape: 2,000
characters of real title words with commas and parentheses cost 2-8 s of CPU. Here one `WorkBudget` per message
is spent by all of them: `MeteredIndex` charges every name search before it runs (a search past the budget
finds nothing), and bot.titles asks the matcher only what is left of the queries and their characters (SBERT
and rapidfuzz cost grows with the characters asked, not with the number of queries).
"""
from __future__ import annotations

from dataclasses import dataclass

from recommender.titles import Span, TitleIndex


@dataclass(frozen=True)
class WorkLimits:
    """One message's work: at most what a list of 80 titles costs (README, "Work per message";
    benchmarks/matching.py --bound)."""
    lookups: int = 12_000  # exact name look-ups: a 2,000-character message searched about three times over
    queries: int = 128  # matcher queries (SBERT + rapidfuzz): 3-6 ms each for a title-sized text
    query_chars: int = 4_000  # characters sent to the matcher, all queries together
    # a longer text is no title (ML-1M's longest is 75 characters): it is only searched for titles inside
    query_max_chars: int = 150
    # an encoder read (a clause's act, a mention's status) may be longer than a title: it is charged its length up
    # to what all-MiniLM-L6-v2 reads at most (256 word pieces, about 1,000 characters), never refused for it
    read_max_chars: int = 1_000


class WorkBudget:
    """What is left of one message's `WorkLimits`; spent by every act of the message."""

    def __init__(self, limits: WorkLimits = WorkLimits()):
        self.limits = limits
        self.lookups_left = limits.lookups
        self.queries_left = limits.queries
        self.chars_left = limits.query_chars

    def take_lookups(self, count: int) -> bool:
        """Spend `count` look-ups if that many are left; False (nothing spent) when they are not."""
        if count > self.lookups_left:
            return False
        self.lookups_left -= count
        return True

    def affordable(self, queries: list[str]) -> list[str]:
        """The queries, in order, that fit what is left; texts too long to be a title are never asked."""
        kept, queries_left, chars_left = [], self.queries_left, self.chars_left
        for query in queries:
            if len(query) > self.limits.query_max_chars:
                continue
            if queries_left < 1 or len(query) > chars_left:
                break
            kept.append(query)
            queries_left -= 1
            chars_left -= len(query)
        return kept

    def take_queries(self, queries: list[str]) -> None:
        self.queries_left -= len(queries)
        self.chars_left -= sum(len(q) for q in queries)

    def _read_cost(self, text: str) -> int:
        return min(len(text), self.limits.read_max_chars)

    def affordable_reads(self, texts: list[str]) -> list[str]:
        """The encoder reads, in order, that fit what is left: the first ones, so each still answers its span (a
        long clause is read too, where `affordable` would skip it as no title)."""
        kept, queries_left, chars_left = [], self.queries_left, self.chars_left
        for text in texts:
            if queries_left < 1 or self._read_cost(text) > chars_left:
                break
            kept.append(text)
            queries_left -= 1
            chars_left -= self._read_cost(text)
        return kept

    def take_reads(self, texts: list[str]) -> None:
        self.queries_left -= len(texts)
        self.chars_left -= sum(self._read_cost(t) for t in texts)

    def fits(self, queries: list[str]) -> bool:
        """Whether every title-sized query of `queries` can be asked."""
        asked = [q for q in queries if len(q) <= self.limits.query_max_chars]
        return len(asked) <= self.queries_left and sum(len(q) for q in asked) <= self.chars_left


class MeteredIndex:
    """A TitleIndex whose searches spend a message's budget: the readers take it wherever they take the index."""

    def __init__(self, index: TitleIndex, budget: WorkBudget):
        self.index, self.budget = index, budget
        self.catalog = index.catalog

    def lookup(self, text: str, all_tiers: bool = False) -> tuple[tuple[int, ...], int]:
        return self.index.lookup(text, all_tiers) if self.budget.take_lookups(1) else ((), -1)

    def spans(self, text: str, all_tiers: bool = False) -> tuple[Span, ...]:
        """The index's spans, when the search's look-ups are left; none otherwise (the text is read without them)."""
        if not self.budget.take_lookups(self.index.span_lookups(text)):
            return ()
        return self.index.spans(text, all_tiers)

    def unnamed(self, text: str):
        """The index's `unnamed` runs, found by the same search as `spans` (and charged like it)."""
        if not self.budget.take_lookups(self.index.span_lookups(text)):
            return ()
        return self.index.unnamed(text)

    def titles_starting(self, bare: str) -> list[int]:
        """The index's `titles_starting`, charged one look-up (one bisect range)."""
        return self.index.titles_starting(bare) if self.budget.take_lookups(1) else []

    def outside(self, text: str) -> str:
        return self.index.outside(text)

    def names_of(self, movie_id: int) -> list[str]:
        return self.index.names_of(movie_id)

    def sequel(self, text: str):
        """The index's `sequel`, charged its two name look-ups (the typed name, the series' name)."""
        return self.index.sequel(text) if self.budget.take_lookups(2) else None

    def numbers_agree(self, text: str, movie_id: int) -> bool:
        return self.index.numbers_agree(text, movie_id)


__all__ = ["MeteredIndex", "WorkBudget", "WorkLimits"]
