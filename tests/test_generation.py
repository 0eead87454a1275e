"""Local generation helpers: prompt-prefix reuse and prefill ahead, on the real SmolLM2."""
import threading
import time

import pytest
import torch
from transformers import DynamicCache

from recommender.generation import PrefixCache
from recommender.llm import LLMConfig, LocalChatModel
from tests.conftest import SPEC
from tests.synthetic import chain_movie_ids

MESSAGES = [{"role": "system", "content": "You are a movie recommender."},
            {"role": "user", "content": "Name one movie about space. Answer as: 1. Title (Year)"}]
OTHER = [MESSAGES[0], {"role": "user", "content": "Name one movie about the sea. Answer as: 1. Title (Year)"}]


def wait_until(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True


def filled_cache(length: int, layers: int = 2, value: float = 1.0) -> DynamicCache:
    tensor = torch.arange(length, dtype=torch.float32).reshape(1, 1, length, 1) + value
    cache = DynamicCache()
    for layer in range(layers):  # the public way to fill a cache, as a model's forward pass does
        cache.update(tensor.clone(), tensor.clone(), layer)
    return cache


def first_keys(cache: DynamicCache) -> torch.Tensor:
    return next(iter(cache))[0]


def test_prefix_cache_hands_out_the_longest_shared_prefix_and_copies_it():
    prefixes = PrefixCache(entries=2, min_shared=2)
    assert prefixes.take([1, 2, 3])[1] == 0  # empty
    prefixes.keep([1, 2, 3, 4, 5], filled_cache(5))
    cache, shared = prefixes.take([1, 2, 3, 9])
    assert shared == 3 and cache.get_seq_length() == 3
    assert first_keys(cache).flatten().tolist() == [1.0, 2.0, 3.0]
    first_keys(cache).mul_(0)  # a request's cache is its own: the stored entry is unchanged
    assert first_keys(prefixes.take([1, 2, 3, 9])[0]).flatten().tolist() == [1.0, 2.0, 3.0]
    assert prefixes.take([1, 2, 3, 4, 5])[1] == 4  # the last token is always left for the model to compute
    assert prefixes.take([1, 7])[1] == 0  # below min_shared


def test_prefix_cache_keeps_the_latest_entries_and_drops_covered_prefixes():
    prefixes = PrefixCache(entries=2, min_shared=1)
    prefixes.keep([1, 2], filled_cache(2))
    prefixes.keep([1, 2, 3, 4], filled_cache(4))  # covers [1, 2]
    prefixes.keep([5, 6, 7], filled_cache(3))
    assert len(prefixes._stored) == 2
    prefixes.keep([8, 9, 10], filled_cache(3))  # evicts the least recently used, [1, 2, 3, 4]
    assert prefixes.take([1, 2, 3, 4, 0])[1] == 0
    assert prefixes.take([5, 6, 7, 0])[1] == 3
    prefixes.keep([1, 2, 3], filled_cache(2))  # a cache shorter than its prompt is not stored
    assert prefixes.take([1, 2, 3, 0])[1] == 0


@pytest.mark.slow
def test_a_reused_prefix_gives_the_same_answer_and_streams_per_token(llm_home, smollm2):
    cold = LocalChatModel.from_config(LLMConfig(max_new_tokens=40, prefix_cache=0), llm_home)
    assert smollm2.prefix_cache and not cold.prefix_cache
    for messages in (MESSAGES, OTHER, MESSAGES):  # OTHER shares the system message; MESSAGES again shares all
        assert smollm2.invoke(messages).content == cold.invoke(messages).content
    prompt = smollm2.prompt_ids(OTHER)
    assert smollm2.engine.prefixes.take(prompt)[1] == len(prompt) - 1  # OTHER's prompt is cached now
    pieces = [chunk.content for chunk in smollm2.stream(OTHER)]
    answer = smollm2.invoke(OTHER).content
    assert "".join(pieces) == answer
    assert len(pieces) > len(answer.split())  # tokens, not words


@pytest.mark.slow
def test_prefill_ahead_fills_the_cache_only_while_the_model_is_idle(llm_home):
    model = LocalChatModel.from_config(LLMConfig(max_new_tokens=20), llm_home)
    engine, prompt = model.engine, model.prompt_ids(MESSAGES)
    assert not model.busy
    with engine.model_lock:  # a request is generating: no prefill
        assert model.busy and model.prefill(MESSAGES) == 0
    with engine.model_lock:  # a request waits for the model: no prefill either
        stream = engine.stream(model.prompt_ids(OTHER))
        next_piece = threading.Thread(target=lambda: next(stream, None))
        next_piece.start()
        assert wait_until(lambda: engine._pending) and model.busy and model.prefill(MESSAGES) == 0
    next_piece.join(timeout=60)
    stream.close()
    assert engine.wait_idle(timeout=60)
    shared = engine.prefixes.take(prompt)[1]  # the system message, from OTHER's request
    runs_on: list[str] = []
    hook = model.model.register_forward_pre_hook(lambda *_: runs_on.append(threading.current_thread().name))
    try:
        assert model.prefill(MESSAGES) == len(prompt) - shared > 0
    finally:
        hook.remove()
    assert runs_on == ["llm-engine"]  # on the worker: no thread but it runs the model (recommender.torch_threads)
    assert engine.prefixes.take(prompt)[1] == len(prompt) - 1
    assert model.prefill(MESSAGES) == 0  # cached already
    assert not model.busy


@pytest.mark.slow
def test_prefill_ahead_gives_way_to_another_request_mid_pass_and_finishes_for_its_own(llm_home):
    model = LocalChatModel.from_config(LLMConfig(max_new_tokens=5), llm_home)
    engine = model.engine
    layers = model.model.get_decoder().layers
    prompt = model.prompt_ids(MESSAGES)
    answers: list[str] = []
    arrivals: list[tuple] = []

    def request_arrives(module, args):  # a user's request reaches the engine in the middle of the pass
        if arrivals and len(answers) < len(arrivals):
            answers.append("")
            request = threading.Thread(target=lambda: answers.__setitem__(-1, "".join(engine.stream(arrivals[-1]))))
            request.start()
            assert wait_until(lambda: engine._pending)

    handle = layers[3].register_forward_pre_hook(request_arrives)
    try:
        arrivals.append(model.prompt_ids(OTHER))  # another prompt: the pass is abandoned
        assert model.prefill(MESSAGES) == 0
        assert engine.prefixes.take(prompt)[1] == 0  # nothing half-computed was kept
        assert engine.wait_idle(timeout=60) and answers[-1]  # the request got the model and its answer
        arrivals.append(prompt)  # the prompt being prefilled: the request waits for the pass, then reuses it
        shared = engine.prefixes.take(prompt)[1]  # the system message, from OTHER's prompt
        assert model.prefill(MESSAGES) == len(prompt) - shared > 0
        assert engine.wait_idle(timeout=60) and answers[-1]
    finally:
        handle.remove()
    assert engine.prefixes.take(prompt)[1] == len(prompt) - 1
    assert all(not layer._forward_pre_hooks for layer in layers)  # the abort hooks are gone


@pytest.mark.slow
def test_the_chat_prefills_the_next_request_after_a_history_change(make_service, smollm2, prepared):
    service = make_service(llm=smollm2, mode="grounded")
    names = [prepared.catalog.by_id(m).display_title for m in chain_movie_ids(SPEC)[1][:3]]
    assert service.reply("u1", f"I watched {names[0]}, {names[1]} and {names[2]}").history_changed
    assert service.wait_for_prewarm(timeout=60)
    history = service.repo.history(service.repo.user_id("u1"))
    state = service.chain._with_messages(service.chain._with_ranking({"history": history}))
    prompt = smollm2.prompt_ids(state["messages"])
    assert smollm2.engine.prefixes.take(prompt)[1] == len(prompt) - 1  # "what next?" finds its prompt computed
    reply = service.reply("u1", "what should I watch next?")
    assert len(reply.recommendations) == 3
