"""ChatService: one user message in, one reply out. The UI is a thin layer over this.

It reads the message (bot.messages), resolves titles with the SBERT matcher (bot.titles: asking "did you mean
...?" instead of storing a guess), keeps the watch history in the repository, and recommends through the DUALRec
chain. Every user-facing failure is a reply, never an exception. Text a user typed or the LLM wrote is cleaned
(bot.messages.clean_text) and escaped before it is shown, so markup shows as text and no image is fetched.
Reads never create a user; only a write does.
"""
from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.messages import (AddWatched, Help, Recommend, Rejected, RemoveWatched, ShowHistory, StartOver, TitleList,
                          clean_text, read_message, split_titles)
from bot.prewarm import LatestOnlyWorker
from bot.titles import SureRule, resolve_titles
from db.repository import DatabaseError, NotFoundError, Repository
from recommender.catalog import Movie, MovieCatalog
from recommender.chain import ChainProgress, ChainResult, DualRecChain, Recommendation
from recommender.matching import TitleMatcher, normalize_title
from training.export_feedback import scrub_user

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
    sure: SureRule = field(default_factory=SureRule)  # when a title is stored without asking
    min_history: int = 1  # movies needed before recommending from the history
    # After a history change, prefill the LLM prompt of "what next?" in the background (bot.prewarm), once
    # the user has been quiet this long: people take seconds to type; scripts send the next turn at once.
    prewarm: bool = True
    prewarm_delay_s: float = 0.5
    # Where training.export_feedback writes its JSONL: "forget me" removes the user's lines there too.
    feedback_dir: Path | None = None


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


def as_plain_text(text: str) -> str:
    """Text a user typed or the LLM wrote, safe inside markdown: HTML escaped, and "![" kept from becoming an
    image that the browser would fetch from any host."""
    return html.escape(clean_text(text), quote=False).replace("![", "!\\[")


INTRO = "Here is what I would watch next:"
OUTRO = "Rate them with 👍 or 👎."


def recommendation_markdown(rank: int, item: Recommendation | ShownRecommendation) -> str:
    by = "the sequence model" if item.source == "lstm" else "the language model"
    return f"{rank}. {movie_markdown(item.movie)}  \n   _{as_plain_text(item.reason)}_ ({by})"


def closing_markdown(note: str) -> str:
    return (f"_{as_plain_text(note)}_\n\n" if note else "") + OUTRO


def _draft_text(step: ChainProgress) -> str:
    """The pick at once, then the LLM's words as they come (shown as a quote until they are matched)."""
    lines = [INTRO]
    if step.pick is not None:
        lines.append(recommendation_markdown(1, step.pick))
    draft = " ".join(as_plain_text(step.partial_answer).split())
    lines.append("_Asking the language model for more…_" + (f"\n\n> {draft}" if draft else ""))
    return "\n\n".join(lines)


def movie_markdown(movie: Movie) -> str:
    genres = ", ".join(movie.genres) if movie.genres else "no genre listed"
    return f"**{as_plain_text(movie.display_title)}** ({movie.year or 'year unknown'}) · {genres}"


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
        text = clean_text(text) if isinstance(text, str) else ""
        try:
            intent = read_message(text)
            if isinstance(intent, Recommend):
                yield from self._recommend(user, text, intent)
            else:
                answer = self._answer(user, intent)
                if answer.history_changed:
                    self._prewarm(self.repo.find_user(user))
                yield answer
        except DatabaseError as exc:
            yield Reply(f"Sorry, I could not save that: {exc}. Nothing you saved before was lost.")

    def _answer(self, user: str, intent) -> Reply:
        if isinstance(intent, Rejected):
            return Reply(intent.reason)
        if isinstance(intent, Help):
            return Reply(HELP_TEXT)
        user_id = self.repo.find_user(user)  # None: never seen, so nothing to show, clear or remove
        if isinstance(intent, ShowHistory):
            return Reply(self._history_text(user_id))
        if isinstance(intent, StartOver):
            removed = self.repo.clear_history(user_id) if user_id is not None else 0
            return Reply(f"Done: I forgot the {removed} movie(s) in your history. Tell me what you have watched.",
                         history_changed=bool(removed))
        if isinstance(intent, AddWatched):
            return self._add(user, intent.titles)
        if isinstance(intent, RemoveWatched):
            return self._remove(user_id, intent.titles)
        raise AssertionError(intent)

    def _add(self, user: str, titles: TitleList) -> Reply:
        resolved = resolve_titles(titles, self.matcher, self.config.sure)
        found = list(dict.fromkeys(resolved.movies))
        added: set[int] = set()
        if found:
            added = set(self.repo.add_watched(self.repo.user_id(user), [m.movie_id for m in found], source="chat"))
        lines = []
        if added:
            lines.append("Added to your history: " + "; ".join(movie_markdown(m) for m in found if m.movie_id in added) + ".")
        already = [m for m in found if m.movie_id not in added]
        if already:
            lines.append("Already in your history: " + "; ".join(movie_markdown(m) for m in already) + ".")
        choices: tuple[Movie, ...] = ()
        for unsure in resolved.unsure:
            if unsure.choices:
                listed = " or ".join(movie_markdown(m) for m in unsure.choices)
                lines.append(f"I am not sure which movie “{as_plain_text(unsure.text)}” is. Did you mean {listed}? "
                             "Say \"add\" with the full title.")
                choices += unsure.choices
            else:
                lines.append(f"I don't know “{as_plain_text(unsure.text)}”: it is not among the {len(self.catalog):,} movies I "
                             "know (the most-rated of MovieLens). Check the spelling, or try another.")
        if titles.skipped:
            lines.append(f"I read the first {len(titles.titles)} titles of your list; send the other "
                         f"{titles.skipped} in another message.")
        if added:
            lines.append("Ask \"what should I watch next?\" when you are ready.")
        return Reply("\n\n".join(lines), choices=choices, history_changed=bool(added))

    def _remove(self, user_id: int | None, titles: TitleList) -> Reply:
        """Remove only a movie the words surely name, or one in the history whose title they spell exactly:
        "remove Aliens" must never remove Alien. A near miss is offered, not removed."""
        history = self.repo.history(user_id) if user_id is not None else []
        in_history = {m: self.catalog.by_id(m) for m in history if m in self.catalog}
        resolved = resolve_titles(titles, self.matcher, self.config.sure)
        lines, changed = [], False
        for movie in resolved.movies:
            if movie.movie_id in in_history and self.repo.remove_watched(user_id, movie.movie_id):
                changed = True
                lines.append(f"Removed {movie_markdown(movie)} from your history.")
            else:
                lines.append(f"{movie_markdown(movie)} is not in your history.")
        for unsure in resolved.unsure:
            spelled = normalize_title(unsure.text)
            exact = [m for m in in_history.values() if spelled in {normalize_title(m.display_title), normalize_title(m.label)}]
            if exact and self.repo.remove_watched(user_id, exact[0].movie_id):
                changed = True
                lines.append(f"Removed {movie_markdown(exact[0])} from your history.")
                continue
            near = [m for m in unsure.choices if m.movie_id in in_history]
            if near:
                lines.append(f"“{as_plain_text(unsure.text)}” is not in your history; did you mean {movie_markdown(near[0])}? "
                             f"Say \"remove {as_plain_text(near[0].label)}\" to remove it.")
            else:
                lines.append(f"“{as_plain_text(unsure.text)}” is not in your history.")
        return Reply("\n\n".join(lines), history_changed=changed)

    def _recommend(self, user: str, text: str, intent: Recommend) -> Iterator[Reply]:
        user_id = self.repo.find_user(user)
        history = self.repo.history(user_id) if user_id is not None else []
        constraints = intent.constraints
        anchor = None
        if constraints.like:
            movies = resolve_titles(split_titles(constraints.like), self.matcher, self.config.sure).movies
            if not movies:
                yield Reply(f"I don't know “{as_plain_text(constraints.like)}”. Which movie did you mean?")
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
            self.repo.user_id(user) if user_id is None else user_id, [{"movie_id": r.movie.movie_id, "source": r.source, "score": r.score, "reason": r.reason}
                      for r in result.recommendations],
            request=text, prompt=result.prompt, mode=self.chain.config.mode,
            model_version=model_version or "lstm", adapter_version=adapter, note=result.note)
        shown = tuple(ShownRecommendation(s.recommended_id, s.rank, r.movie, r.source, r.score, r.reason)
                      for s, r in zip(stored, result.recommendations))
        lines = [INTRO] + [recommendation_markdown(item.rank, item) for item in shown] + [closing_markdown(result.note)]
        yield Reply("\n\n".join(lines), recommendations=shown, note=result.note)

    # -- the side panel and data rights ----------------------------------------------------------------
    def history(self, user: str) -> list[Movie]:
        return self._history_movies(self.repo.find_user(user))

    def _history_movies(self, user_id: int | None) -> list[Movie]:
        if user_id is None:
            return []
        return [self.catalog.by_id(m) for m in self.repo.history(user_id) if m in self.catalog]

    def _history_text(self, user_id: int | None) -> str:
        movies = self._history_movies(user_id)
        if not movies:
            return "Your history is empty. Tell me a movie you watched."
        return "Your history, in the order you told me:\n\n" + "\n".join(
            f"{i}. {movie_markdown(m)}" for i, m in enumerate(movies, start=1))

    def remove(self, user: str, movie_id: int) -> bool:
        user_id = self.repo.find_user(user)
        removed = user_id is not None and self.repo.remove_watched(user_id, movie_id)
        if removed:
            self._prewarm(user_id)
        return removed

    # -- prefill ahead -----------------------------------------------------------------------------------
    def prewarm(self, user: str) -> None:
        """Get the user's likely next request ready in the background (e.g. when a returning user opens the app)."""
        self._prewarm(self.repo.user_id(user))

    def _prewarm(self, user_id: int | None) -> None:
        if self._prewarmer is not None and user_id is not None:
            self._prewarmer.submit(user_id)

    def _prewarm_history(self, user_id: int) -> None:
        history = self.repo.history(user_id)
        if len(history) >= self.config.min_history:
            self.chain.prewarm(history)

    def wait_for_prewarm(self, timeout: float | None = None) -> bool:
        return self._prewarmer.wait_idle(timeout) if self._prewarmer is not None else True

    def rate(self, user: str, recommended_id: int, value: int, comment: str = "") -> str:
        user_id = self.repo.find_user(user)
        try:
            if user_id is None:
                raise NotFoundError("unknown user")
            self.repo.set_feedback(user_id, recommended_id, value, clean_text(comment))
        except NotFoundError:
            return "That recommendation is not yours to rate."
        except DatabaseError as exc:
            return f"Sorry, your rating was not saved: {exc}."
        return "Thanks, noted 👍" if value > 0 else "Thanks, noted 👎"

    def export(self, user: str) -> dict:
        """Everything stored about the user: the history with when and how each movie was stated, every request
        with the prompt sent to the LLM, the movies shown and the ratings, with their times (UTC)."""
        user_id = self.repo.find_user(user)
        record = self.repo.user_record(user_id) if user_id is not None else {}
        title = lambda movie_id: self.catalog.by_id(movie_id).label if movie_id in self.catalog else ""  # noqa: E731
        for event in record.get("history", []):
            event["title"] = title(event["movie_id"])
        for turn in record.get("turns", []):
            for movie in turn["movies"]:
                movie["title"] = title(movie["movie_id"])
        return {"user": user, **record}

    def forget(self, user: str) -> str:
        """Delete everything held about the user: every row, their lines in exported feedback files, and the
        database's own copies (SQLite's write-ahead log). Creates nothing, even for an unknown user."""
        try:
            user_id = self.repo.find_user(user)
            if user_id is None:
                return "There was nothing stored about you."
            if self.config.feedback_dir is not None:
                scrub_user(self.config.feedback_dir, user_id)
            self.repo.forget_user(user_id)
        except DatabaseError as exc:
            return f"Sorry, nothing was deleted: {exc}. Please try again."
        except OSError as exc:
            return f"Sorry, not everything was deleted ({exc.strerror}). Please try again."
        return "Everything about you is deleted: history, recommendations and ratings."
