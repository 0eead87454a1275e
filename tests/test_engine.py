"""The local engine (recommender.llm.engine) on the real SmolLM2: concurrent answers decoded together, each the
same as generated alone; cancelled and failing requests leave without disturbing the rest."""
import threading

import pytest
import torch

from recommender.llm.engine import AnswerText, BatchingEngine, GenerationSettings

QUESTIONS = ["Name one movie about space.", "Name three comedies from the 1990s, one per line.",
             "Which film won the Oscar for best picture in 1998? Answer with its title.",
             "Write the titles of two animated movies about toys."]


def prompt_ids(llm, question: str) -> list[int]:
    return list(llm.prompt_ids([{"role": "user", "content": question}]))


def alone(llm, prompt: list[int], max_new_tokens: int) -> str:
    """What transformers' own greedy generate() answers for one prompt with the engine's settings."""
    with torch.inference_mode():
        output = llm.model.generate(torch.tensor([prompt]), max_new_tokens=max_new_tokens, do_sample=False,
                                    repetition_penalty=llm.repetition_penalty, pad_token_id=llm.tokenizer.pad_token_id)
    return llm.tokenizer.decode(output[0, len(prompt):], skip_special_tokens=True)


def engine_for(llm, **settings) -> BatchingEngine:
    """No line limit: the answers are compared with transformers' generate(), which has none."""
    return BatchingEngine(llm.model, llm.tokenizer, GenerationSettings(
        repetition_penalty=llm.repetition_penalty, **{"max_new_tokens": 24, "max_lines": 0, **settings}))


def stream_all(engine: BatchingEngine, prompts: list[list[int]]) -> list[str]:
    """Every prompt streamed from its own thread at once, as concurrent chat users do."""
    answers = [""] * len(prompts)
    start = threading.Barrier(len(prompts))

    def read(index: int) -> None:
        start.wait()
        answers[index] = "".join(engine.stream(prompts[index]))

    threads = [threading.Thread(target=read, args=(i,)) for i in range(len(prompts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return answers


@pytest.mark.slow
def test_concurrent_answers_are_decoded_together_and_each_equals_its_answer_alone(smollm2):
    prompts = [prompt_ids(smollm2, q) for q in QUESTIONS]  # different lengths: rows are left-padded
    assert len({len(p) for p in prompts}) > 1
    engine = engine_for(smollm2, prefix_cache=0)
    answers = stream_all(engine, prompts)
    assert answers == [alone(smollm2, p, 24) for p in prompts]
    assert engine.stats["widest"] > 1  # rows shared decoding steps
    assert engine.stats["steps"] < engine.stats["tokens"]
    assert engine.generate(prompts[:2]) == answers[:2]  # the batch call gives the same
    assert engine.wait_idle(timeout=5)


@pytest.mark.slow
def test_a_cancelled_request_leaves_the_batch_and_the_others_finish_unchanged(smollm2):
    prompts = [prompt_ids(smollm2, q) for q in QUESTIONS[:3]]
    engine = engine_for(smollm2, max_new_tokens=30)
    leaving = engine.stream(prompts[0])
    next(leaving)  # it is in the batch now
    others = stream_all(engine, prompts[1:])
    leaving.close()  # the reader has enough
    assert others == [alone(smollm2, p, 30) for p in prompts[1:]]
    assert engine.wait_idle(timeout=10)
    assert engine.generate(prompts[:1]) == [alone(smollm2, prompts[0], 30)]


@pytest.mark.slow
def test_a_failing_request_gets_its_error_and_the_engine_goes_on(smollm2):
    engine = engine_for(smollm2)
    vocabulary = smollm2.model.get_input_embeddings().weight.shape[0]
    with pytest.raises(IndexError):  # a token id outside the vocabulary fails its prefill
        "".join(engine.stream([1, 2, vocabulary + 5]))
    prompt = prompt_ids(smollm2, QUESTIONS[0])
    assert engine.generate([prompt]) == [alone(smollm2, prompt, 24)]
    with pytest.raises(ValueError, match="empty prompt"):
        engine.generate([[]])


def test_answer_text_hands_out_whole_characters_and_holds_back_what_may_be_a_stop_string(smollm2):
    tokenizer = smollm2.tokenizer
    text = "1. Amélie (2001) | 🎬 a café in Montmartre\n2. Alien (1979)"
    ids = tokenizer(text, add_special_tokens=False)["input_ids"]
    answer = AnswerText(tokenizer, GenerationSettings(max_new_tokens=len(ids)))
    pieces = [answer.add(token) for token in ids]
    assert "".join(piece for piece, _ in pieces) == text
    assert not any("\ufffd" in piece for piece, _ in pieces)
    assert [finished for _, finished in pieces] == [False] * (len(ids) - 1) + [True]  # the token limit
    assert len([piece for piece, _ in pieces if piece]) >= len(ids) - 4  # a piece per token, not per word

    stopped = AnswerText(tokenizer, GenerationSettings(stop=("(1979)", "\nUser")))
    handed = []
    for token in ids:
        piece, finished = stopped.add(token)
        handed.append(piece)
        if finished:
            break
    assert "".join(handed) == text[: text.index("(1979)")]  # the stop string is not part of the answer
    assert finished

    lines = AnswerText(tokenizer, GenerationSettings(max_lines=1))
    results = [lines.add(token) for token in ids[: ids.index(tokenizer("\n", add_special_tokens=False)["input_ids"][0]) + 1]]
    assert results[-1][1] and not any(finished for _, finished in results[:-1])


def test_the_engine_keeps_its_threads_when_a_chat_turn_lowers_torchs_count(smollm2):
    """The app runs each turn's own torch work on one thread (ServiceConfig.turn_threads). torch takes a thread's
    count from the latest one set anywhere when that thread first runs torch work, so a turn that sets 1 just
    before the worker's first pass (here: while it looks up its prefix cache) used to leave the worker on 1."""
    if torch.get_num_threads() < 2:
        pytest.skip("one CPU thread: nothing to lower")
    before = torch.get_num_threads()
    engine = engine_for(smollm2, max_new_tokens=4)
    seen: list[int] = []
    take = engine.prefixes.take

    def a_turn_meanwhile(prompt):
        turn = threading.Thread(target=torch.set_num_threads, args=(1,))
        turn.start()
        turn.join()
        return take(prompt)

    engine.prefixes.take = a_turn_meanwhile
    hook = smollm2.model.register_forward_pre_hook(lambda module, args: seen.append(torch.get_num_threads()))
    try:
        torch.set_num_threads(1)  # what a turn does, before the engine's worker thread starts
        engine.generate([prompt_ids(smollm2, QUESTIONS[0])])
    finally:
        hook.remove()
        torch.set_num_threads(before)
    assert engine.threads == before and seen and set(seen) == {before}
