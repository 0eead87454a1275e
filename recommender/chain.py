"""The DUALRec chain as a LangChain runnable: LSTM tool -> prompt -> LLM -> parse -> match -> re-rank.

    result = chain.invoke({"history": [movie ids, oldest first]})
    result = chain.invoke({"history": [...], "constraints": Constraints(genres=("Comedy",)), "anchor": movie_id})
    result = chain.invoke({"history": [...], "exclude": {ids never to show}, "liked": [ids], "disliked": [ids]})
    result = chain.invoke({"history": [...], "shown_before": [ids shown earlier: only when nothing else fits]})

1. The LSTM is a LangChain tool, called deterministically (small models cannot choose tools reliably). Its
   top-1 is the first recommendation, as in the paper.
2. free mode (the paper): the last 5 movies and the pick go to the LLM, which names 3 more movies. SBERT
   grounds each title in the catalogue and they are re-ranked by likeness to the pick.
   grounded mode (beyond the paper, as in LlamaRec): the prompt lists the LSTM's top-N, the LLM chooses and
   explains, and only those candidates can match, so nothing is hallucinated.
3. Watched movies and repeats are dropped; when fewer than `count` usable titles remain the list is topped
   up from the LSTM's ranking. If the LLM fails, the answer is the LSTM's own list with a note.
Nothing here sees a held-out movie: the ranking depends on the history alone.
"""
from __future__ import annotations

import contextvars
import functools
import json
import logging
import queue
import re
import threading
import time

import numpy as np
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableConfig
from langchain_core.tools import StructuredTool

from bot import render
from bot.render import LLM_UNAVAILABLE
from recommender.catalog import NO_YEAR, Movie
from recommender.constraints import Constraints
from recommender.errors import DualRecError
from recommender.config import ChainConfig  # defined with the other settings (torch-free), importable from here
from recommender.llm import model_version
from recommender.matching import TitleMatcher
from recommender.parsing import parse_recommendations
from recommender.predictor import NextMoviePredictor, ScoredMovie
from recommender.prompts import GROUNDED, MODES, free_messages, grounded_messages

log = logging.getLogger(__name__)
LLM = "llm"
LSTM = "lstm"


class LLMDeadline(DualRecError):
    """The LLM did not start or finish its answer within the chain's deadlines, broke it off, or said nothing."""


def stream_within(llm: BaseChatModel, messages: list, first_token_s: float, answer_s: float,
                  config: RunnableConfig | None = None) -> Iterator[str]:
    """The chat model's text pieces, read in a worker thread so the deadlines hold even while the model (or its
    server) sends nothing; any exception it raises is raised here. Closing this generator closes the model's
    stream, which cancels a local generation."""
    pieces: queue.Queue = queue.Queue()
    stop = threading.Event()

    def pump() -> None:
        try:
            stream = llm.stream(messages, config)
            reports, finished = False, False
            try:
                for chunk in stream:
                    metadata = getattr(chunk, "response_metadata", None) or {}
                    reports |= "model_provider" in metadata  # a provider that says how an answer ended
                    finished |= bool(metadata.get("finish_reason"))
                    pieces.put(("text", chunk.content if isinstance(chunk.content, str) else str(chunk.content)))
                    if stop.is_set():
                        return
            finally:
                stream.close()
            # a server that dies mid-answer just ends the stream: only the missing finish reason tells
            pieces.put(("error", LLMDeadline("the answer broke off")) if reports and not finished else ("end", None))
        except BaseException as exc:  # noqa: BLE001 - handed to the reader, which decides
            pieces.put(("error", exc))

    # with the caller's context: a ZeroGPU call finds the visitor's Gradio request there (recommender.llm.zerogpu)
    threading.Thread(target=contextvars.copy_context().run, args=(pump,), name="llm-stream", daemon=True).start()
    started, first = time.monotonic(), True
    try:
        while True:
            deadline = started + (first_token_s if first else answer_s)
            try:
                kind, value = pieces.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise LLMDeadline("no first token in time" if first else "the answer took too long") from None
            if kind == "error":
                raise value
            if kind == "end":
                if first:
                    raise LLMDeadline("the answer was empty")
                return
            if value:
                first = False
                yield value
    finally:
        stop.set()


@dataclass(frozen=True)
class Recommendation:
    movie: Movie
    source: str  # "lstm" or "llm"
    score: float  # lstm: the model's probability; llm: likeness to the pick (free) or LSTM probability (grounded)
    reason: str


@dataclass(frozen=True)
class ChainResult:
    recommendations: list[Recommendation]
    answer: str = ""  # the LLM's raw text ("" without an LLM)
    mentions: int = 0  # titles parsed from the answer
    matched: int = 0  # of those, found in the catalogue
    usable: int = 0  # of those, new to the user and not a repeat: what the LLM added
    note: str = ""  # shown to the user, e.g. when the LLM was down
    llm_version: str = ""
    prompt: str = ""  # the chat messages sent to the LLM, as JSON ("" without an LLM call)


@dataclass(frozen=True)
class ChainProgress:
    """One step of `DualRecChain.stream`: the LSTM's pick at once, then the LLM's text so far, then the result."""

    pick: Recommendation | None
    partial_answer: str = ""
    result: ChainResult | None = None
    # the LLM's movies resolved so far: matched in the catalogue, new to the user, allowed by the request
    resolved: tuple[Recommendation, ...] = ()

    def __add__(self, later: "ChainProgress") -> "ChainProgress":
        """Steps add up to the latest: how LangChain folds a stream into the run's output."""
        return later


_YEAR = re.compile(r"\((?:18|19|20)\d\d\)")
# movies whose likeness to a disliked movie is measured at a time (_head); a large catalogue's matcher encodes
# their profiles when first asked
LIKENESS_CHUNK = 64


def cut_after_titles(answer: str, titles: int) -> str:
    """The answer up to the end of its `titles`-th "(year)"; all of it when `titles` is 0 or not reached.
    Applied to whole answers too, so a batch reads exactly what a stream that stopped early read."""
    if titles <= 0:
        return answer
    found = list(_YEAR.finditer(answer))
    return answer[: found[titles - 1].end()] if len(found) >= titles else answer


def _shared_genres_reason(movie: Movie, anchor: Movie) -> str:
    return render.llm_fallback_reason([g for g in movie.kinds if g in anchor.kinds][:2], anchor.display_title)


class DualRecChain:
    """Holds the three stages; `runnable` is the LangChain composition (invoke / batch / stream)."""

    def __init__(self, predictor: NextMoviePredictor, matcher: TitleMatcher, llm: BaseChatModel | None,
                 config: ChainConfig = ChainConfig()):
        if config.mode not in MODES:
            raise DualRecError(f"unknown chain mode {config.mode!r}; choose one of {', '.join(MODES)}")
        self.predictor = predictor
        self.matcher = matcher
        self.llm = llm
        self.config = config
        self.catalog = predictor.catalog
        self.lstm_tool = StructuredTool.from_function(
            func=self._lstm_ranking, name="lstm_next_movies",
            description="Rank the catalogue movies a user is most likely to watch next, from their watch history "
                        "(MovieLens ids, oldest first). Returns [{movie_id, title, score}] best first.")
        self.runnable: Runnable = DualRecRunnable(self)

    def with_mode(self, mode: str) -> "DualRecChain":
        return DualRecChain(self.predictor, self.matcher, self.llm, replace(self.config, mode=mode))

    def invoke(self, inputs: dict, config: RunnableConfig | None = None) -> ChainResult:
        return self.runnable.invoke(inputs, config).result

    def batch(self, inputs: list[dict], config: RunnableConfig | None = None) -> list[ChainResult]:
        return [progress.result for progress in self.runnable.batch(inputs, config)]

    def stream(self, inputs: dict, config: RunnableConfig | None = None) -> Iterator[ChainProgress]:
        """The runnable's stream: the pick at once, then each LLM step with the movies resolved so far, then the
        result (the last step's `result`)."""
        return self.runnable.stream(inputs, config)

    def _steps(self, inputs: dict, config: RunnableConfig | None = None) -> Iterator[ChainProgress]:
        """Every step of one request, as it happens; `config` (callbacks, tags) reaches the LLM call."""
        state = self._with_messages(self._with_ranking(inputs))
        pick = self._pick(state) if state["ranking"] else None
        if pick is not None:
            yield ChainProgress(pick)
        if state["messages"] is not None:
            pieces: list[str] = []
            titles_seen, resolved = 0, ()
            stream = stream_within(self.llm, state["messages"], self.config.first_token_s, self.config.answer_s,
                                   config)
            try:
                for piece in stream:
                    pieces.append(piece)
                    text = "".join(pieces)
                    titles = len(_YEAR.findall(text))
                    if titles > titles_seen:  # a title is complete: match it now, so its card can show at once
                        titles_seen = titles
                        resolved = tuple(self._draft_cards(state, pick, text))
                    yield ChainProgress(pick, text, resolved=resolved)
                    if self.config.stop_after and titles >= self.config.stop_after:
                        break  # closing the stream cancels the generation
                state["answer"] = "".join(pieces)
            except Exception as exc:  # noqa: BLE001 - any chat model, any failure: the LSTM answers
                log.warning("LLM failed while streaming, answering from the LSTM: %s: %s", type(exc).__name__, exc)
                state["error"] = type(exc).__name__
            finally:
                stream.close()
        yield ChainProgress(pick, state.get("answer", ""), self._finish(state))

    def prewarm(self, history: list[int]) -> int:
        """Prefills the LLM prompt of a plain "what next?" for this history while the LLM is idle, so that request
        starts answering at once. Returns the prompt tokens computed: 0 when the LLM cannot (no LLM, an endpoint,
        busy) or the prompt is cached already."""
        prefill = getattr(self.llm, "prefill", None)
        if prefill is None or getattr(self.llm, "busy", False):  # skip the LSTM's work too
            return 0
        state = self._with_messages(self._with_ranking({"history": history}))
        return prefill(state["messages"]) if state["messages"] else 0

    def standing(self, history: list[int], movie_id: int, liked: list[int] = (), disliked: list[int] = (),
                 most: int = 2) -> tuple[int | None, int, list[int]]:
        """Where the sequence model puts a movie it was not asked about, for "why X?": (its rank among the movies
        new to the user, 1 = the pick, None when it is not among them; how many are ranked; the history movies
        that raise its score most). Read from the same context as a request (`_with_ranking`)."""
        context = [m for m in history if m not in set(disliked)] + [m for m in liked if m not in history]
        ranking, _ = self.predictor.ranked(context)  # catalogue indices, best first
        where = np.flatnonzero(ranking == self.catalog.index_of(movie_id)) if movie_id in self.catalog else []
        rank = int(where[0]) + 1 if len(where) else None
        drivers = [m for m, _ in self.predictor.influence(context, [movie_id]).get(movie_id, [])[:most]]
        return rank, len(ranking), drivers

    # -- steps ---------------------------------------------------------------------------------------
    def _lstm_ranking(self, history_movie_ids: list[int], k: int = 50) -> list[dict]:
        return [{"movie_id": s.movie.movie_id, "title": s.movie.label, "score": s.score}
                for s in self.predictor.top_k(history_movie_ids, k)]

    def _with_ranking(self, inputs: dict) -> dict:
        """The LSTM's ranking for the history, filtered by the request's constraints and exclusions.

        Liked recommendations join the context as positive signals, disliked movies leave it; the "like" anchor is
        read last, whether or not it is in the history, so the ranking follows it. Movies very like a disliked one
        move to the back."""
        history = [int(m) for m in inputs.get("history", [])]
        constraints = inputs.get("constraints") or Constraints()
        anchor = inputs.get("anchor")
        liked = [m for m in inputs.get("liked", ()) if m in self.catalog and m not in history and m != anchor]
        disliked = set(inputs.get("disliked", ()))  # a watched movie the user disliked steers nothing
        context = [m for m in history if m != anchor and m not in disliked] + liked
        if anchor in self.catalog:
            context.append(anchor)
        exclude = set(inputs.get("exclude", ()))
        again = set(inputs.get("shown_before", ())) - exclude
        # A plain request keeps the LSTM's top ranking_depth; a constrained one ranks the whole catalogue, filtered
        # by masks over it (the request's genres and years, the exclusions), in numpy: ML-32M holds 87,585 movies.
        plain = constraints.empty and not exclude and not again
        allowed = None if plain else self._allowed_mask(constraints, exclude | ({anchor} if anchor is not None else set()))
        if plain:  # top_k: a few objects, and the call benchmarks.speed times as the LSTM stage
            top = self.predictor.top_k(context, self.config.ranking_depth)
            pool = np.array([self.catalog.index_of(r.movie.movie_id) for r in top], dtype=np.int64)
            scores = np.array([r.score for r in top], dtype=np.float64)
        else:
            pool, scores = self.predictor.ranked(context, None, allowed)
        # The order is that of three stable partitions of the LSTM's ranking, innermost first: movies very like a
        # disliked one behind the rest (_head), movies far from the "like" anchor behind those near it
        # (_near_the_anchor), movies shown earlier behind all others (they come back only when nothing else fits).
        groups = np.zeros(len(pool), dtype=np.int64)
        if again:
            groups += 2 * np.isin(pool, self.catalog.indices_of(again))
        if anchor in self.catalog and not constraints.genres:
            groups += ~self._near_the_anchor(pool, self.catalog.by_id(anchor), constraints)
        disliked_ids = [m for m in inputs.get("disliked", ()) if m in self.catalog]
        chosen = self._head(pool, groups, disliked_ids, self.config.ranking_depth)
        ranking = [ScoredMovie(self.catalog.movie_at(int(pool[i])), float(scores[i])) for i in chosen]
        return {**inputs, "history": history, "context": context, "constraints": constraints, "ranking": ranking}

    def _head(self, pool: np.ndarray, groups: np.ndarray, disliked: list[int], depth: int) -> list[int]:
        """Positions in `pool` of the first `depth` movies, by group, then not like a disliked movie before like
        one, then the LSTM's order. Likeness to the disliked movies is computed only as far as it decides the
        first `depth`: per group, until that many unlike movies are found."""
        chosen: list[int] = []
        for group in np.unique(groups):
            if len(chosen) >= depth:
                break
            members = np.flatnonzero(groups == group)  # positions, in the LSTM's order
            if not disliked:
                chosen.extend(members[: depth - len(chosen)].tolist())
                continue
            wanted, unlike, like, start = depth - len(chosen), [], [], 0
            while start < len(members) and len(unlike) < wanted:
                part = members[start: start + max(wanted, LIKENESS_CHUNK)]
                close = self._like_disliked(pool[part], disliked)
                unlike.extend(part[~close].tolist())
                like.extend(part[close].tolist())
                start += len(part)
            chosen.extend(unlike[:wanted] if len(unlike) >= wanted else (unlike + like)[:wanted])
        return chosen

    def _like_disliked(self, indices: np.ndarray, disliked: list[int], alike: float = 0.85) -> np.ndarray:
        """Whether each movie is a close neighbour of a disliked movie (title and genres, by SBERT)."""
        ids = [self.catalog.movie_at(int(i)).movie_id for i in indices]
        closeness = np.max(np.stack([self.matcher.similarity(ids, d) for d in disliked]), axis=0)
        return closeness >= alike

    @functools.cached_property
    def _genre_table(self) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """(genre -> column, [N, genres] membership, [N] years with NO_YEAR): the catalogue as masks."""
        columns = {genre: column for column, genre in enumerate(self.catalog.genres)}
        return columns, self.catalog.genre_matrix()[:-1].astype(bool), self.catalog.years  # [:-1]: not the padding

    def _genre_mask(self, genres, every: bool = False) -> np.ndarray:
        """Movies with any (`every`: all) of `genres`; a genre the catalogue lacks is held by none."""
        columns, member, _ = self._genre_table
        if every:
            mask = np.ones(len(self.catalog), dtype=bool)
            for genre in genres:
                mask &= member[:, columns[genre]] if genre in columns else False
            return mask
        found = [columns[g] for g in genres if g in columns]
        return member[:, found].any(axis=1) if found else np.zeros(len(self.catalog), dtype=bool)

    def _allowed_mask(self, constraints: Constraints, exclude: set[int]) -> np.ndarray:
        """[N] what `_allowed` says of every catalogue movie (Constraints.allows), less the `exclude` ids."""
        _, _, years = self._genre_table
        mask = np.ones(len(self.catalog), dtype=bool)
        if constraints.genres:
            mask &= self._genre_mask(constraints.genres)
        if constraints.all_genres:
            mask &= self._genre_mask(constraints.genres, every=True)
        if constraints.excluded_genres:
            mask &= ~self._genre_mask(constraints.excluded_genres)
        dated = years != NO_YEAR  # a movie without a year passes a year range, as in Constraints.allows
        if constraints.min_year is not None:
            mask &= ~dated | (years >= constraints.min_year)
        if constraints.max_year is not None:
            mask &= ~dated | (years <= constraints.max_year)
        mask[self.catalog.indices_of(exclude)] = False
        return mask

    def _near_the_anchor(self, pool: np.ndarray, anchor: Movie, constraints: Constraints) -> np.ndarray:
        """"Something like Die Hard" (no genre asked): whether each movie shares at least half of the anchor's
        genres (less those ruled out: "like Alien but not horror"); all are near when none is left."""
        wanted = set(anchor.kinds) - set(constraints.excluded_genres)
        if not wanted:
            return np.ones(len(pool), dtype=bool)
        columns, member, _ = self._genre_table
        shared = member[pool][:, [columns[g] for g in wanted if g in columns]].sum(axis=1)
        return 2 * shared >= len(wanted)

    def _allowed(self, movie_id: int, constraints: Constraints) -> bool:
        movie = self.catalog.by_id(movie_id)
        return constraints.allows(movie.genres, movie.year)

    def _with_messages(self, state: dict) -> dict:
        if self.llm is None or not state["ranking"] or not state["context"]:
            return {**state, "messages": None}  # nothing watched: the prompt would have nothing to go on
        prompt = self.config.prompt
        recent = [self.catalog.by_id(m) for m in state["context"] if m in self.catalog][-prompt.recent:]
        pick = self.catalog.by_id(state["ranking"][0].movie.movie_id)
        if self.config.mode == GROUNDED:
            candidates = [self.catalog.by_id(r.movie.movie_id) for r in state["ranking"][1 : prompt.candidates + 1]]
            messages = grounded_messages(recent, pick, candidates, prompt.count)
        else:
            messages = free_messages(recent, pick, prompt.count)
        return {**state, "messages": messages}

    def _pick(self, state: dict) -> Recommendation:
        """The LSTM's top-1, first in every list (the paper's order)."""
        top = state["ranking"][0]
        return Recommendation(self.catalog.by_id(top.movie.movie_id), LSTM, float(top.score),
                              self._lstm_reason(state, top.movie.movie_id))

    def _drivers(self, state: dict, movie_id: int, most: int = 2) -> list[int]:
        """The history movies that most raised this movie's score (leave-one-out on the LSTM), for its reason.
        Computed once per request for the whole ranking's head, and kept in the state."""
        cache = state.setdefault("influence", {})
        if movie_id not in cache:
            head = [r.movie.movie_id for r in state["ranking"][: self.config.count + 2]]
            cache.update(self.predictor.influence(state["context"], list(dict.fromkeys(head + [movie_id]))))
        return [m for m, _ in cache.get(movie_id, [])[:most]]

    def _lstm_reason(self, state: dict, movie_id: int) -> str:
        """What led the sequence model to this movie, in plain words, true to what it was given: the history
        movies whose removal would lower its score the most, the "like" anchor, a movie the user liked."""
        context = state["context"]
        anchor = state.get("anchor")
        title = lambda m: self.catalog.by_id(m).display_title  # noqa: E731
        if not context:
            return render.lstm_reason(None, None, state["constraints"])
        if anchor is not None and context == [anchor]:
            return render.lstm_reason(None, title(anchor), state["constraints"], anchor_only=True)
        liked = set(state.get("liked") or ())
        drivers = [(title(m), m in liked) for m in self._drivers(state, movie_id)]
        return render.lstm_reason(drivers, title(anchor) if anchor is not None else None, state["constraints"])

    def _llm_picks(self, state: dict, pick: Movie, answer: str) -> tuple[list, list, list[tuple[Movie, str]]]:
        """(mentions, matches, usable (movie, reason)): the answer's titles matched in the catalogue, without the
        watched, the excluded (rated down, already shown), those shown earlier in the conversation (the top-up
        brings them back when nothing else fits), the pick, repeats and what the request rules out."""
        mentions = parse_recommendations(answer, limit=10) if answer else []
        ranking = state["ranking"]
        among = [r.movie.movie_id for r in ranking[1 : self.config.prompt.candidates + 1]] if self.config.mode == GROUNDED else None
        matches = self.matcher.match_many([m.title for m in mentions], [m.year for m in mentions], among) if mentions else []
        seen = (set(state["context"]) | set(state.get("exclude") or ()) | set(state.get("shown_before") or ())
                | {pick.movie_id})
        usable: list[tuple[Movie, str]] = []
        for mention, match in zip(mentions, matches):
            if (match is not None and match.movie.movie_id not in seen
                    and self._allowed(match.movie.movie_id, state["constraints"])):
                seen.add(match.movie.movie_id)
                usable.append((match.movie, mention.reason))
        return mentions, matches, usable

    def _draft_cards(self, state: dict, pick: Recommendation | None, text: str) -> list[Recommendation]:
        if pick is None:
            return []
        _, _, usable = self._llm_picks(state, pick.movie, text)
        return [Recommendation(m, LLM, 0.0, reason or _shared_genres_reason(m, pick.movie))
                for m, reason in usable[: self.config.count - 1]]

    def _finish(self, state: dict) -> ChainResult:
        ranking = state["ranking"]
        if not ranking:
            return ChainResult([], note=render.nothing_fits(state["constraints"]))
        count = self.config.count
        chosen = [self._pick(state)]
        pick = chosen[0].movie
        answer = cut_after_titles(state.get("answer") or "", self.config.stop_after)
        mentions, matches, usable = self._llm_picks(state, pick, answer)
        lstm_score = {r.movie.movie_id: float(r.score) for r in ranking}
        if self.config.mode == GROUNDED:
            added = [Recommendation(m, LLM, lstm_score.get(m.movie_id, 0.0), reason or _shared_genres_reason(m, pick))
                     for m, reason in usable]
        else:
            reasons = {m.movie_id: reason for m, reason in usable}
            reranked = self.matcher.rerank([m.movie_id for m, _ in usable], pick.movie_id)
            added = [Recommendation(self.catalog.by_id(mid), LLM, score,
                                    reasons[mid] or _shared_genres_reason(self.catalog.by_id(mid), pick))
                     for mid, score in reranked]
        chosen.extend(added[: count - 1])
        shown = {r.movie.movie_id for r in chosen}
        for row in ranking[1:]:
            if len(chosen) >= count:
                break
            if row.movie.movie_id not in shown:
                shown.add(row.movie.movie_id)
                chosen.append(Recommendation(self.catalog.by_id(row.movie.movie_id), LSTM, float(row.score),
                                             self._lstm_reason(state, row.movie.movie_id)))
        note = LLM_UNAVAILABLE if state.get("error") else ""  # the details are in the log, not on the page
        version = model_version(self.llm)
        prompt = json.dumps(state["messages"], ensure_ascii=False) if state.get("messages") else ""
        return ChainResult(chosen, answer, len(mentions), sum(m is not None for m in matches), len(usable), note,
                           version, prompt)


class DualRecRunnable(Runnable[dict, ChainProgress]):
    """The whole chain as one LangChain runnable. `stream` yields ChainProgress steps (the LSTM's pick at once,
    then the LLM's text with the movies resolved so far, then the result); `invoke` returns the last step;
    `batch` ranks every input, asks the LLM for all of them in one batched call, and finishes each. Config and
    callbacks pass through to the LLM call, which runs as a child of this chain's run."""

    name = "dualrec"

    def __init__(self, chain: DualRecChain):
        self.chain = chain

    def invoke(self, input: dict, config: RunnableConfig | None = None, **kwargs: Any) -> ChainProgress:
        return self._call_with_config(self._last_step, input, config, run_type="chain")

    def _last_step(self, inputs: dict, config: RunnableConfig) -> ChainProgress:
        last = None
        for last in self.chain._steps(inputs, config):
            pass
        return last

    def stream(self, input: dict, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[ChainProgress]:
        yield from self._transform_stream_with_config(iter([input]), self._transform, config, run_type="chain")

    def _transform(self, inputs: Iterator[dict], config: RunnableConfig) -> Iterator[ChainProgress]:
        for one in inputs:
            yield from self.chain._steps(one, config)

    def batch(self, inputs: list[dict], config: RunnableConfig | list[RunnableConfig] | None = None, *,
              return_exceptions: bool = False, **kwargs: Any) -> list[ChainProgress]:
        if not inputs:
            return []
        return self._batch_with_config(self._batch, inputs, config, return_exceptions=return_exceptions,
                                       run_type="chain")

    def _batch(self, inputs: list[dict], config: list[RunnableConfig]) -> list[ChainProgress]:
        chain = self.chain
        states = [chain._with_messages(chain._with_ranking(one)) for one in inputs]
        states = answer_all(chain.llm, states, chain.config.answer_s, config[0] if config else None)
        return [ChainProgress(chain._pick(s) if s["ranking"] else None, s.get("answer", ""), chain._finish(s))
                for s in states]


def answer_all(llm: BaseChatModel | None, states: list[dict], answer_s: float,
               config: RunnableConfig | None = None) -> list[dict]:
    """Each state with its LLM "answer" from one batched call, or with an "error" when the call failed or missed
    the answer deadline (the batch runs in a worker thread, so the deadline holds whatever the model does)."""
    todo = [i for i, s in enumerate(states) if s.get("messages")]
    results = [dict(s) for s in states]
    if not todo or llm is None:
        return results
    outcome: dict = {}

    def call() -> None:
        try:
            outcome["answers"] = llm.batch([states[i]["messages"] for i in todo], config)
        except BaseException as exc:  # noqa: BLE001 - any chat model, any failure: the LSTM answers
            outcome["error"] = exc

    worker = threading.Thread(target=contextvars.copy_context().run, args=(call,), name="llm-batch", daemon=True)
    worker.start()
    worker.join(answer_s)
    if "answers" not in outcome:
        error = outcome.get("error") or LLMDeadline("the answer took too long")
        log.warning("LLM failed, answering from the LSTM: %s: %s", type(error).__name__, error)
        for i in todo:
            results[i]["error"] = type(error).__name__
        return results
    for i, answer in zip(todo, outcome["answers"]):
        results[i]["answer"] = answer.content if hasattr(answer, "content") else str(answer)
    return results
