"""The DUALRec chain end to end: a tiny LSTM trained on synthetic data, real SBERT, real SmolLM2."""
import numpy as np
import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from pathlib import Path

from recommender.constraints import Constraints
from recommender.chain import LLM, LLM_UNAVAILABLE, LSTM, ChainConfig, DualRecChain
from recommender.llm import LLMConfig, build_chat_model
from tests.tgi_standin import StandInTGI
from recommender.prompts import GROUNDED
from tests.synthetic import chain_movie_ids
from tests.conftest import SPEC

HISTORY = chain_movie_ids(SPEC)[0][:6]  # the first six movies of a planted chain


def check_result(result, history, count=3):
    ids = [r.movie.movie_id for r in result.recommendations]
    assert len(ids) == count and len(set(ids)) == count  # three, no repeats
    assert not set(ids) & set(history)  # nothing already watched
    assert result.recommendations[0].source == LSTM  # the paper's order: the LSTM's pick first
    for rec in result.recommendations:
        assert rec.source in (LLM, LSTM) and rec.reason and isinstance(rec.score, float)


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["free", GROUNDED])
def test_chain_with_the_real_smollm2(synthetic_predictor, synthetic_matcher, smollm2, mode):
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, smollm2, ChainConfig(mode=mode))
    result = chain.invoke({"history": HISTORY})
    check_result(result, HISTORY)
    assert result.answer  # SmolLM2 really answered
    assert result.recommendations[0].movie.movie_id == synthetic_predictor.top_k(HISTORY, 1)[0].movie.movie_id
    assert result.llm_version.startswith("SmolLM2")
    assert 0 <= result.usable <= result.matched <= result.mentions


def test_llm_titles_are_grounded_reranked_and_deduplicated(synthetic_predictor, synthetic_matcher, prepared):
    # A scripted LLM (LangChain's fake chat model) makes the parsing-to-ranking path deterministic.
    catalog = prepared.catalog
    pick = synthetic_predictor.top_k(HISTORY, 1)[0].movie
    others = [m for m in catalog.movies if m.movie_id not in HISTORY and m.movie_id != pick.movie_id]
    watched = catalog.by_id(HISTORY[0])
    answer = (f"Here you go:\n1. {others[0].label} | Drama\n2. {watched.label}\n3. {others[0].display_title.lower()}\n"
              f"4. {pick.label}\n5. The Totally Invented Movie (2031)\n6. {others[1].label}")
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, FakeListChatModel(responses=[answer]),
                         ChainConfig(count=3))
    result = chain.invoke({"history": HISTORY})
    check_result(result, HISTORY)
    assert result.mentions == 5 and result.matched >= 4 and result.usable == 2  # the lower-case repeat is parsed once
    llm_ids = [r.movie.movie_id for r in result.recommendations if r.source == LLM]
    assert sorted(llm_ids) == sorted([others[0].movie_id, others[1].movie_id])
    similarity = dict(synthetic_matcher.rerank(llm_ids, pick.movie_id))
    assert similarity[llm_ids[0]] >= similarity[llm_ids[1]]  # re-ranked by likeness to the LSTM's pick


def test_unusable_answers_are_topped_up_from_the_lstm(synthetic_predictor, synthetic_matcher):
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, FakeListChatModel(responses=["I am not sure, sorry."]))
    result = chain.invoke({"history": HISTORY})
    check_result(result, HISTORY)
    assert [r.source for r in result.recommendations] == [LSTM, LSTM, LSTM]
    assert [r.movie.movie_id for r in result.recommendations] == \
        [s.movie.movie_id for s in synthetic_predictor.top_k(HISTORY, 3)]


def test_grounded_mode_only_accepts_candidates(synthetic_predictor, synthetic_matcher, prepared):
    ranking = synthetic_predictor.top_k(HISTORY, 60)
    candidates = [s.movie.movie_id for s in ranking[:20]]
    # far below the 20 candidates the prompt lists, and with no near-twin title among them
    outside = next(s.movie for s in reversed(ranking) if synthetic_matcher.match(s.movie.label, among=candidates) is None)
    inside = ranking[5].movie
    answer = f"1. {outside.label} | fits your taste\n2. {inside.label} | same franchise"
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, FakeListChatModel(responses=[answer]),
                         ChainConfig(mode=GROUNDED))
    result = chain.invoke({"history": HISTORY})
    llm = [r for r in result.recommendations if r.source == LLM]
    assert [r.movie.movie_id for r in llm] == [inside.movie_id]
    assert llm[0].reason == "same franchise"  # the LLM's own explanation is kept


def failing_endpoint(fault: str, status: int = 503):
    """A real ChatOpenAI against the fault-injecting stand-in (no real server fails on demand)."""
    server = StandInTGI(lambda messages: "1. River Last 3 (1963)\n2. Night Wild 4 (1964)", fault=fault,
                        fail_status=status)
    server.__enter__()
    model = build_chat_model(LLMConfig(backend="tgi", endpoint_url=server.url, retries=0, timeout_s=5), Path("."))
    return server, model


class BrokenModel(FakeListChatModel):
    """A chat model that raises something no project code knows about, at its first token."""

    def _stream(self, *args, **kwargs):
        raise KeyError("choices")
        yield  # pragma: no cover - a generator

    def _call(self, *args, **kwargs):
        raise KeyError("choices")


FAULTS = [("status", 503), ("status", 429), ("status", 500), ("die", 0), ("invalid_json", 0), ("binary", 0),
          ("empty", 0), ("never", 0), ("trickle", 0), ("refused", 0), ("broken model", 0)]


@pytest.mark.parametrize("fault, status", FAULTS, ids=[f"{f}-{s}" if s else f for f, s in FAULTS])
def test_any_llm_failure_gives_the_lstm_answer_and_a_plain_note(synthetic_predictor, synthetic_matcher, fault, status):
    server = None
    if fault == "broken model":
        model = BrokenModel(responses=["x"])
    else:
        server, model = failing_endpoint("status" if fault == "refused" else fault, status or 503)
        if fault == "refused":  # it was up at startup, and is gone now
            server.__exit__(None, None, None)
    config = ChainConfig(first_token_s=2.0, answer_s=4.0)
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, model, config)
    try:
        for result in (chain.invoke({"history": HISTORY}), list(chain.stream({"history": HISTORY}))[-1].result):
            check_result(result, HISTORY)
            assert all(r.source == LSTM for r in result.recommendations)
            assert result.note == LLM_UNAVAILABLE  # plain words: no URL, no exception text
    finally:
        if server is not None and fault != "refused":
            server.__exit__(None, None, None)


def test_no_llm_and_empty_history(synthetic_predictor, synthetic_matcher):
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, None)
    result = chain.invoke({"history": []})
    check_result(result, [])
    assert result.answer == "" and result.note == ""
    assert len(chain.batch([{"history": HISTORY}, {"history": []}])) == 2


def test_the_lstm_is_a_langchain_tool(synthetic_predictor, synthetic_matcher):
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, None)
    ranked = chain.lstm_tool.invoke({"history_movie_ids": HISTORY, "k": 5})
    assert [r["movie_id"] for r in ranked] == [s.movie.movie_id for s in synthetic_predictor.top_k(HISTORY, 5)]
    assert chain.lstm_tool.name == "lstm_next_movies"


def test_constraints_and_an_anchor_shape_the_list(synthetic_predictor, synthetic_matcher, prepared):
    from recommender.constraints import Constraints

    catalog = prepared.catalog
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, None)
    genre = catalog.by_id(HISTORY[-1]).genres[0]
    result = chain.invoke({"history": HISTORY, "constraints": Constraints(excluded_genres=(genre,))})
    assert result.recommendations and all(genre not in r.movie.genres for r in result.recommendations)
    wanted = chain.invoke({"history": HISTORY, "constraints": Constraints(genres=(genre,), max_year=1999)})
    assert all(genre in r.movie.genres and r.movie.year <= 1999 for r in wanted.recommendations)
    anchor = chain_movie_ids(SPEC)[3][4]  # "something like" a movie of another chain
    liked = chain.invoke({"history": HISTORY, "anchor": anchor})
    assert anchor not in [r.movie.movie_id for r in liked.recommendations]
    # the LSTM's first pick after the anchor among the movies that share at least half of the anchor's genres
    wanted_genres = set(catalog.by_id(anchor).genres)
    alike = [r.movie.movie_id for r in synthetic_predictor.top_k(HISTORY + [anchor], len(catalog))
             if r.movie.movie_id != anchor and 2 * len(set(r.movie.genres) & wanted_genres) >= len(wanted_genres)]
    assert liked.recommendations[0].movie.movie_id == alike[0]
    nothing = chain.invoke({"history": HISTORY, "constraints": Constraints(min_year=2100)})
    assert nothing.recommendations == [] and "fewer constraints" in nothing.note and "from 2100 on" in nothing.note


def test_stream_shows_the_pick_first_then_the_llm_words_then_the_same_result_as_invoke(
        synthetic_predictor, synthetic_matcher, prepared):
    other = [m for m in prepared.catalog.movies if m.movie_id not in HISTORY][5]
    answer = f"1. {other.label} | Drama"
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, FakeListChatModel(responses=[answer]))  # scripted
    steps = list(chain.stream({"history": HISTORY}))
    assert steps[0].pick is not None and steps[0].partial_answer == "" and steps[0].result is None
    drafts = [s.partial_answer for s in steps[1:-1]]
    assert len(drafts) > 1 and drafts[-1] == answer and all(answer.startswith(d) for d in drafts)  # grows
    final = steps[-1].result
    assert final is not None and final.answer == answer
    assert final.recommendations == chain.invoke({"history": HISTORY}).recommendations


def test_stop_after_reads_only_the_first_titles_in_stream_and_batch_alike(
        synthetic_predictor, synthetic_matcher, prepared):
    from recommender.chain import cut_after_titles

    assert cut_after_titles("A (1999), rambling (about 2001) B (2000) more", 2) == "A (1999), rambling (about 2001) B (2000)"
    assert cut_after_titles("A (1999) and more", 2) == "A (1999) and more" and cut_after_titles("x (1999) y", 0) == "x (1999) y"
    others = [m for m in prepared.catalog.movies if m.movie_id not in HISTORY][3:6]
    answer = f"{others[0].label}, which is a classic.\n{others[1].label} too\n{others[2].label}"
    scripted = FakeListChatModel(responses=[answer] * 2)  # scripted LLM
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, scripted, ChainConfig(stop_after=2))
    steps = list(chain.stream({"history": HISTORY}))
    streamed = steps[-1].result
    assert len(steps[-2].partial_answer) < len(answer)  # stopped reading before the end
    assert streamed.mentions == 2 and others[2].display_title not in streamed.answer
    batched = chain.invoke({"history": HISTORY})
    assert batched.answer == streamed.answer and batched.recommendations == streamed.recommendations


@pytest.mark.slow
def test_closing_a_local_stream_early_cancels_the_generation(smollm2):
    messages = [{"role": "user", "content": "List ten famous movies with their years, one per line."}]
    stream = smollm2.stream(messages)
    next(stream)
    stream.close()  # the reader has enough
    assert smollm2.engine.wait_idle(timeout=5)  # the request left the engine and the model is free
    assert smollm2.invoke(messages).content  # and the model still answers


def test_one_runnable_streams_steps_and_passes_config_and_callbacks_to_the_llm(
        synthetic_predictor, synthetic_matcher, prepared):
    from langchain_core.callbacks import BaseCallbackHandler

    class Recorder(BaseCallbackHandler):
        def __init__(self):
            self.chains, self.models, self.tokens = {}, [], 0

        def on_chain_start(self, serialized, inputs, *, run_id, parent_run_id=None, **kwargs):
            self.chains[run_id] = kwargs.get("name")

        def on_chat_model_start(self, serialized, messages, *, run_id, parent_run_id=None, tags=None, **kwargs):
            self.models.append((parent_run_id, tags))

        def on_llm_new_token(self, token, **kwargs):
            self.tokens += 1

    titles = [prepared.catalog.by_id(m).label for m in chain_movie_ids(SPEC)[2][:2]]
    llm = FakeListChatModel(responses=["\n".join(f"{i}. {t}" for i, t in enumerate(titles, 1))])
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, llm)
    recorder = Recorder()
    steps = list(chain.runnable.stream({"history": HISTORY}, {"callbacks": [recorder], "tags": ["probe"]}))
    assert steps[0].pick is not None and steps[0].result is None  # the LSTM's pick first, at once
    assert len(steps) > 2 and steps[-1].result is not None  # then the LLM's steps, then the result
    assert any(step.resolved for step in steps[1:-1])  # a movie card while the LLM still writes
    [(parent, tags)] = recorder.models
    assert recorder.chains.get(parent) == "dualrec" and "probe" in tags  # the LLM call is the chain's child
    assert recorder.tokens > 0
    assert chain.runnable.invoke({"history": HISTORY}).result.recommendations == steps[-1].result.recommendations


def test_something_like_a_movie_puts_movies_of_its_kinds_first(synthetic_predictor, synthetic_matcher, prepared):
    """Issue 20 (dev4): "something like Die Hard" gave Rain Man (a drama) second; "like Alien but not horror" gave
    Taxi Driver. Movies sharing half of the anchor's genres (less those ruled out) lead, in the LSTM's order."""
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, None)

    def partitioned(anchor, movies):
        shares = [2 * len(set(m.genres) & set(anchor.genres)) >= len(anchor.genres) for m in movies]
        return shares[0] and shares == sorted(shares, reverse=True)

    # an anchor whose plain LSTM order puts a movie of other kinds before one of its own
    anchor = next(a for a in prepared.catalog.movies[:200] if not partitioned(a, [
        s.movie for s in synthetic_predictor.top_k(HISTORY + [a.movie_id], 4) if s.movie.movie_id != a.movie_id][:3]))
    ranked = chain.invoke({"history": HISTORY, "anchor": anchor.movie_id}).recommendations
    assert ranked and partitioned(anchor, [r.movie for r in ranked])


def _ranking_as_before(chain, inputs):
    """The ranking step as it was written for a 1,000-movie catalogue (before issue 21's ML-32M): the whole catalogue
    as ScoredMovie objects, filtered and partitioned one movie at a time. The reference for the vectorised step."""
    catalog, constraints = chain.catalog, inputs.get("constraints") or Constraints()
    history, anchor = [int(m) for m in inputs.get("history", [])], inputs.get("anchor")
    liked = [m for m in inputs.get("liked", ()) if m in catalog and m not in history and m != anchor]
    disliked = set(inputs.get("disliked", ()))
    context = [m for m in history if m != anchor and m not in disliked] + liked + ([anchor] if anchor in catalog else [])
    exclude = set(inputs.get("exclude", ()))
    again = set(inputs.get("shown_before", ())) - exclude
    depth = chain.config.ranking_depth if constraints.empty and not exclude and not again else len(catalog)
    ranking = [r for r in chain.predictor.top_k(context, depth) if r.movie.movie_id not in exclude
               and r.movie.movie_id != anchor and constraints.allows(r.movie.genres, r.movie.year)]
    disliked_ids = [m for m in inputs.get("disliked", ()) if m in catalog]
    if disliked_ids and ranking:
        ids = [r.movie.movie_id for r in ranking]
        close = np.max(np.stack([chain.matcher.similarity(ids, d) for d in disliked_ids]), axis=0) >= 0.85
        ranking = [r for r, c in zip(ranking, close) if not c] + [r for r, c in zip(ranking, close) if c]
    if anchor in catalog and not constraints.genres:
        wanted = set(catalog.by_id(anchor).genres) - set(constraints.excluded_genres)
        if wanted:
            near = [2 * len(set(r.movie.genres) & wanted) >= len(wanted) for r in ranking]
            ranking = [r for r, n in zip(ranking, near) if n] + [r for r, n in zip(ranking, near) if not n]
    ranking = [r for r in ranking if r.movie.movie_id not in again] + [r for r in ranking if r.movie.movie_id in again]
    return [(r.movie.movie_id, r.score) for r in ranking[: chain.config.ranking_depth]]


def ranking_requests(catalog, matcher, predictor):
    """Requests of every kind the ranking step reads: constraints, an anchor, exclusions, likes and dislikes."""
    ids = [m.movie_id for m in catalog.movies]
    genres = sorted({g for m in catalog.movies for g in m.genres})
    years = sorted(m.year for m in catalog.movies if m.year)
    middle = years[len(years) // 2]
    close = matcher.profile_embeddings @ matcher.profile_embeddings.T >= 0.85
    disliked = ids[int(np.argmax(close.sum(axis=1)))]  # the movie with the most close neighbours to move back
    assert close.sum(axis=1).max() >= 3
    like_a_disliked = next(m for m, c in zip(ids, close[ids.index(disliked)]) if c and m != disliked)
    pick = predictor.top_k(HISTORY, 1)[0].movie.movie_id
    like_the_pick = max((m for m in ids if m != pick and m not in HISTORY),
                        key=lambda m: float(matcher.similarity([m], pick)[0]))  # disliked: the pick moves back
    return [
        {"history": HISTORY},
        {"history": []},
        {"history": HISTORY, "constraints": Constraints(genres=(genres[0],))},
        {"history": HISTORY, "constraints": Constraints(genres=(genres[0], genres[1]), all_genres=True)},
        {"history": HISTORY, "constraints": Constraints(genres=("No Such Genre",))},
        {"history": HISTORY, "constraints": Constraints(excluded_genres=(genres[2],), min_year=middle - 5)},
        {"history": HISTORY, "constraints": Constraints(max_year=middle)},
        {"history": HISTORY, "anchor": ids[7], "constraints": Constraints(like="x")},
        {"history": HISTORY, "anchor": ids[7], "constraints": Constraints(like="x", excluded_genres=catalog.by_id(ids[7]).genres)},
        {"history": HISTORY, "anchor": 999_999_999, "constraints": Constraints(like="x")},
        {"history": HISTORY, "exclude": set(ids[:40]) | {999_999_999}},
        {"history": HISTORY, "shown_before": ids[:30], "exclude": set(ids[25:35])},
        {"history": HISTORY, "liked": ids[50:53], "disliked": [HISTORY[1], ids[0]]},
        {"history": HISTORY, "disliked": [disliked]},
        {"history": HISTORY, "disliked": [like_the_pick]},
        {"history": HISTORY, "disliked": [like_the_pick], "constraints": Constraints(max_year=middle + 10)},
        {"history": HISTORY, "disliked": [disliked, ids[0]], "shown_before": [like_a_disliked, *ids[60:70]],
         "anchor": ids[3]},
        {"history": HISTORY, "disliked": [disliked], "constraints": Constraints(genres=(genres[0],), max_year=middle),
         "anchor": ids[3]},
    ]


@pytest.mark.parametrize("chunk", [64, 1])
def test_the_vectorised_ranking_gives_the_same_lists_as_before(synthetic_predictor, synthetic_matcher, prepared,
                                                               monkeypatch, chunk):
    """Issue 21: the ranking step filters and partitions the whole catalogue with numpy masks (ML-32M: 87,585
    movies), not one ScoredMovie at a time, and measures likeness to a disliked movie only as far as the list needs
    (`chunk` movies at a time); on the synthetic catalogue every kind of request ranks as before."""
    monkeypatch.setattr("recommender.chain.LIKENESS_CHUNK", chunk)
    for depth in (50, 5, 1):
        chain = DualRecChain(synthetic_predictor, synthetic_matcher, None, ChainConfig(ranking_depth=depth))
        for inputs in ranking_requests(prepared.catalog, synthetic_matcher, synthetic_predictor):
            ranked = [(r.movie.movie_id, r.score) for r in chain._with_ranking(inputs)["ranking"]]
            assert ranked == _ranking_as_before(chain, inputs), inputs


def test_standing_reads_the_rank_among_new_movies(synthetic_predictor, synthetic_matcher, prepared):
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, None)
    full = [s.movie.movie_id for s in synthetic_predictor.top_k(HISTORY, len(prepared.catalog))]
    for movie_id in (full[0], full[17], HISTORY[0], 999_999_999):
        rank, ranked, _ = chain.standing(HISTORY, movie_id)
        assert ranked == len(full) == len(prepared.catalog) - len(HISTORY)
        assert rank == (full.index(movie_id) + 1 if movie_id in full else None)


@pytest.mark.parametrize("k", [1, 3, 50, None])
def test_ranked_gives_top_k_order_as_indices(synthetic_predictor, prepared, k):
    catalog = prepared.catalog
    allowed = np.array([i % 3 != 0 for i in range(len(catalog))])
    for history in ([], HISTORY, HISTORY[:1]):
        indices, scores = synthetic_predictor.ranked(history, k)
        expected = synthetic_predictor.top_k(history, k if k is not None else len(catalog))
        assert [catalog.movie_at(int(i)).movie_id for i in indices] == [s.movie.movie_id for s in expected]
        assert [float(s) for s in scores] == [s.score for s in expected]
        masked, _ = synthetic_predictor.ranked(history, k, allowed)
        everything = [s.movie for s in synthetic_predictor.top_k(history, len(catalog))]
        kept = [m.movie_id for m in everything if allowed[catalog.index_of(m.movie_id)]]
        assert [catalog.movie_at(int(i)).movie_id for i in masked] == kept[: len(kept) if k is None else k]
