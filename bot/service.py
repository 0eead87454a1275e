"""ChatService: one user message in, one reply out. The UI is a thin layer over this.

It reads the message (bot.messages), resolves titles with the SBERT matcher (asking "did you mean ...?"
instead of storing a guess), keeps the watch history in the repository, and recommends through the DUALRec
chain. Every user-facing failure is a reply, never an exception; text a user typed is escaped before it is
echoed, so markup shows as text.
"""
from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from bot.messages import AddWatched, Help, Recommend, Rejected, RemoveWatched, ShowHistory, StartOver, read_message
from bot.prewarm import LatestOnlyWorker
from db.repository import DatabaseError, NotFoundError, Repository
from recommender.catalog import Movie, MovieCatalog
from recommender.chain import ChainProgress, ChainResult, DualRecChain, Recommendation
from recommender.matching import TitleMatcher

log = logging.getLogger(__name__)

HELP_TEXT = (
    "Tell me what you have watched and I will suggest what to watch next.\n\n"
    "- **Add movies:** \"I watched Heat and Toy Story\", \"add The Matrix\", or paste a list, one per line.\n"
    "- **Get suggestions:** \"what should I watch next?\", \"something like Alien\", \"a comedy from the 90s\", "
    "\"no horror\".\n"
    "- **Your history:** \"show my history\", \"remove Heat\", \"start over\".\n"
    "- Rate each suggestion with 👍 or 👎: it helps the next version of the model."
)


@dataclass(frozen=True)
class ServiceConfig:
    confident: float = 0.80  # a title match at or above this is stored without asking
    margin: float = 0.04  # ... when the next-best movie scores at least this much lower
    suggest_floor: float = 0.50  # "did you mean" offers movies scoring at least this
    choices: int = 3
    min_history: int = 1  # movies needed before recommending from the history
    # After a history change, prefill the LLM prompt of "what next?" in the background (bot.prewarm), once
    # the user has been quiet this long: people take seconds to type; scripts send the next turn at once.
    prewarm: bool = True
    prewarm_delay_s: float = 0.5


@dataclass(frozen=True)
class ShownRecommendation:
    recommended_id: int
    rank: int
    movie: Movie
    source: str
    score: float
    reason: str


@dataclass(frozen=True)
class Reply:
    text: str  # markdown; user text inside it is escaped
    recommendations: tuple[ShownRecommendation, ...] = ()
    choices: tuple[Movie, ...] = ()  # "did you mean" candidates
    history_changed: bool = False
    partial: bool = False  # a streamed draft: the final Reply follows
    note: str = ""  # e.g. "the language model is unavailable": shown after the recommendations



def _quote(text: str) -> str:
    return html.escape(text, quote=False)


INTRO = "Here is what I would watch next:"
OUTRO = "Rate them with 👍 or 👎."


def recommendation_markdown(rank: int, item: Recommendation | ShownRecommendation) -> str:
    by = "the sequence model" if item.source == "lstm" else "the language model"
    return f"{rank}. {movie_markdown(item.movie)}  \n   _{_quote(item.reason)}_ ({by})"


def closing_markdown(note: str) -> str:
    return (f"_{_quote(note)}_\n\n" if note else "") + OUTRO


def _draft_text(step: ChainProgress) -> str:
    """The pick at once, then the LLM's words as they come (shown as a quote until they are matched)."""
    lines = [INTRO]
    if step.pick is not None:
        lines.append(recommendation_markdown(1, step.pick))
    draft = " ".join(_quote(step.partial_answer).split())
    lines.append("_Asking the language model for more…_" + (f"\n\n> {draft}" if draft else ""))
    return "\n\n".join(lines)


def movie_markdown(movie: Movie) -> str:
    genres = ", ".join(movie.genres) if movie.genres else "no genre listed"
    return f"**{_quote(movie.display_title)}** ({movie.year or 'year unknown'}) · {genres}"


class ChatService:
    def __init__(self, catalog: MovieCatalog, matcher: TitleMatcher, chain: DualRecChain, repo: Repository,
                 config: ServiceConfig = ServiceConfig()):
        self.catalog = catalog
        self.matcher = matcher
        self.chain = chain
        self.repo = repo
        self.config = config
        wanted = config.prewarm and hasattr(chain.llm, "prefill")  # a local model; an endpoint caches on its own
        self._prewarmer = LatestOnlyWorker(self._prewarm_history, config.prewarm_delay_s) if wanted else None

    # -- the conversation ------------------------------------------------------------------------------
    def reply(self, user: str, text: str) -> Reply:
        """The final reply to one message (the last item of `reply_stream`)."""
        final = Reply("")
        for final in self.reply_stream(user, text):
            pass
        return final

    def reply_stream(self, user: str, text: str) -> Iterator[Reply]:
        """Drafts (`partial=True`) while the LLM writes, then the final reply; one reply for everything else."""
        try:
            user_id = self.repo.user_id(user)
            intent = read_message(text)
            if isinstance(intent, Recommend):
                yield from self._recommend(user_id, text, intent)
            else:
                answer = self._answer(user_id, intent)
                if answer.history_changed:
                    self._prewarm(user_id)
                yield answer
        except DatabaseError as exc:
            yield Reply(f"Sorry, I could not save that: {exc}. Nothing you saved before was lost.")

    def _answer(self, user_id: int, intent) -> Reply:
        if isinstance(intent, Rejected):
            return Reply(intent.reason)
        if isinstance(intent, Help):
            return Reply(HELP_TEXT)
        if isinstance(intent, ShowHistory):
            return Reply(self._history_text(user_id))
        if isinstance(intent, StartOver):
            removed = self.repo.clear_history(user_id)
            return Reply(f"Done: I forgot the {removed} movie(s) in your history. Tell me what you have watched.",
                         history_changed=True)
        if isinstance(intent, AddWatched):
            return self._add(user_id, intent.titles)
        if isinstance(intent, RemoveWatched):
            return self._remove(user_id, intent.titles)
        raise AssertionError(intent)

    def resolve(self, piece: str) -> tuple[list[Movie], tuple[Movie, ...]]:
        """(movies the piece surely names, "did you mean" choices when it names none surely)."""
        candidates = self.matcher.candidates(piece, limit=self.config.choices)
        if candidates:
            best = candidates[0]
            runner_up = candidates[1].confidence if len(candidates) > 1 else -1.0
            if best.confidence >= self.config.confident and best.confidence - runner_up >= self.config.margin:
                return [best.movie], ()
        for joiner in (" and ", " & ", " + "):
            if joiner in piece.lower():
                index = piece.lower().index(joiner)
                left, right = self.resolve(piece[:index]), self.resolve(piece[index + len(joiner):])
                if left[0] and right[0]:
                    return left[0] + right[0], ()
        return [], tuple(c.movie for c in candidates if c.confidence >= self.config.suggest_floor)

    def _add(self, user_id: int, titles: tuple[str, ...]) -> Reply:
        found: list[Movie] = []
        unsure: list[tuple[str, tuple[Movie, ...]]] = []
        pieces = list(titles)
        while pieces:
            piece = pieces.pop(0)
            movies, choices = self.resolve(piece)
            if not movies and pieces:  # the list was split at a comma inside a title ("Crouching Tiger, Hidden Dragon")
                joined, _ = self.resolve(f"{piece}, {pieces[0]}")
                if joined:
                    movies, choices = joined, ()
                    pieces.pop(0)
            if movies:
                found.extend(movies)
            else:
                unsure.append((piece, choices))
        added = set(self.repo.add_watched(user_id, [m.movie_id for m in found], source="chat")) if found else set()
        lines = []
        if added:
            lines.append("Added to your history: " + "; ".join(movie_markdown(m) for m in found if m.movie_id in added) + ".")
        already = [m for m in found if m.movie_id not in added]
        if already:
            lines.append("Already in your history: " + "; ".join(movie_markdown(m) for m in already) + ".")
        choices: tuple[Movie, ...] = ()
        for piece, options in unsure:
            if options:
                listed = " or ".join(movie_markdown(m) for m in options)
                lines.append(f"I am not sure which movie “{_quote(piece)}” is. Did you mean {listed}? "
                             "Say \"add\" with the full title.")
                choices += options
            else:
                lines.append(f"I don't know “{_quote(piece)}”: it is not among the {len(self.catalog):,} movies I "
                             "know (the most-rated of MovieLens). Check the spelling, or try another.")
        if added:
            lines.append("Ask \"what should I watch next?\" when you are ready.")
        return Reply("\n\n".join(lines), choices=choices, history_changed=bool(added))

    def _remove(self, user_id: int, titles: tuple[str, ...]) -> Reply:
        history = self.repo.history(user_id)
        lines, changed = [], False
        for piece in titles:
            movies, _ = self.resolve(piece)
            in_history = [m for m in movies if m.movie_id in history]
            if not in_history:  # the history is short: match against it alone before giving up
                match = self.matcher.match(piece, among=history) if history else None
                in_history = [match.movie] if match else []
            for movie in in_history:
                changed |= self.repo.remove_watched(user_id, movie.movie_id)
                lines.append(f"Removed {movie_markdown(movie)} from your history.")
            if not in_history:
                lines.append(f"“{_quote(piece)}” is not in your history.")
        return Reply("\n\n".join(lines), history_changed=changed)

    def _recommend(self, user_id: int, text: str, intent: Recommend) -> Iterator[Reply]:
        history = self.repo.history(user_id)
        constraints = intent.constraints
        anchor = None
        if constraints.like:
            movies, _ = self.resolve(constraints.like)
            if not movies:
                yield Reply(f"I don't know “{_quote(constraints.like)}”. Which movie did you mean?")
                return
            anchor = movies[0].movie_id
        if len(history) < self.config.min_history and anchor is None:
            yield Reply("Tell me a few movies you have watched first, for example \"I watched Heat and Toy Story\". "
                        "Or ask for \"something like\" a movie you enjoyed.")
            return
        result: ChainResult | None = None
        for step in self.chain.stream({"history": history, "constraints": constraints, "anchor": anchor}):
            if step.result is None:
                yield Reply(_draft_text(step), partial=True)
            result = step.result
        assert result is not None  # the chain's stream always ends with its result
        if not result.recommendations:
            yield Reply(result.note or "I have nothing new to suggest for that request.")
            return
        model_version, _, adapter = result.llm_version.partition("+")
        stored = self.repo.record_turn(
            user_id, [{"movie_id": r.movie.movie_id, "source": r.source, "score": r.score, "reason": r.reason}
                      for r in result.recommendations],
            request=text, prompt=result.prompt, mode=self.chain.config.mode,
            model_version=model_version or "lstm", adapter_version=adapter, note=result.note)
        shown = tuple(ShownRecommendation(s.recommended_id, s.rank, r.movie, r.source, r.score, r.reason)
                      for s, r in zip(stored, result.recommendations))
        lines = [INTRO] + [recommendation_markdown(item.rank, item) for item in shown] + [closing_markdown(result.note)]
        yield Reply("\n\n".join(lines), recommendations=shown, note=result.note)

    # -- the side panel and data rights ----------------------------------------------------------------
    def history(self, user: str) -> list[Movie]:
        return self._history_movies(self.repo.user_id(user))

    def _history_movies(self, user_id: int) -> list[Movie]:
        return [self.catalog.by_id(m) for m in self.repo.history(user_id) if m in self.catalog]

    def _history_text(self, user_id: int) -> str:
        movies = self._history_movies(user_id)
        if not movies:
            return "Your history is empty. Tell me a movie you watched."
        return "Your history, in the order you told me:\n\n" + "\n".join(
            f"{i}. {movie_markdown(m)}" for i, m in enumerate(movies, start=1))

    def remove(self, user: str, movie_id: int) -> bool:
        user_id = self.repo.user_id(user)
        removed = self.repo.remove_watched(user_id, movie_id)
        if removed:
            self._prewarm(user_id)
        return removed

    # -- prefill ahead -----------------------------------------------------------------------------------
    def prewarm(self, user: str) -> None:
        """Get the user's likely next request ready in the background (e.g. when a returning user opens the app)."""
        self._prewarm(self.repo.user_id(user))

    def _prewarm(self, user_id: int) -> None:
        if self._prewarmer is not None:
            self._prewarmer.submit(user_id)

    def _prewarm_history(self, user_id: int) -> None:
        history = self.repo.history(user_id)
        if len(history) >= self.config.min_history:
            self.chain.prewarm(history)

    def wait_for_prewarm(self, timeout: float | None = None) -> bool:
        return self._prewarmer.wait_idle(timeout) if self._prewarmer is not None else True

    def rate(self, user: str, recommended_id: int, value: int, comment: str = "") -> str:
        try:
            self.repo.set_feedback(self.repo.user_id(user), recommended_id, value, comment)
        except NotFoundError:
            return "That recommendation is not yours to rate."
        except DatabaseError as exc:
            return f"Sorry, your rating was not saved: {exc}."
        return "Thanks, noted 👍" if value > 0 else "Thanks, noted 👎"

    def export(self, user: str) -> dict:
        user_id = self.repo.user_id(user)
        return {"user": user,
                "history": [{"movie_id": m.movie_id, "title": m.label} for m in self._history_movies(user_id)],
                "recommendations": [{"turn": turn, "movies": [
                    {"rank": r.rank, "movie_id": r.movie_id, "title": self.catalog.by_id(r.movie_id).label,
                     "source": r.source, "score": r.score, "reason": r.reason, "feedback": r.feedback}
                    for r in movies]} for turn, movies in self.repo.recommendations(user_id)]}

    def forget(self, user: str) -> str:
        try:
            self.repo.forget_user(self.repo.user_id(user))
        except DatabaseError as exc:
            return f"Sorry, nothing was deleted: {exc}. Please try again."
        return "Everything about you is deleted: history, recommendations and ratings."
