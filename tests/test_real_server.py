"""The endpoint backend against a real OpenAI-compatible server: `transformers serve`, which ships with the
installed transformers and runs on this CPU, serving SmolLM2, and SmolLM2 with a LoRA adapter merged in, from a
local Hugging Face cache (no network)."""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from recommender.chain import ChainConfig, DualRecChain
from recommender.llm import LLMConfig, build_chat_model, model_version
from tests.synthetic import chain_movie_ids
from tests.conftest import SPEC

pytestmark = pytest.mark.slow

REPO = "HuggingFaceTB/SmolLM2-135M-Instruct"
MERGED = "dualrec/smollm2-lora-merged"  # SmolLM2 with a LoRA adapter folded in, as one would serve a fine-tune
MESSAGES = [{"role": "system", "content": "You are a movie recommender."},
            {"role": "user", "content": "Name one movie about space. Answer as: 1. Title (Year)"}]


def hub_cache_with(folder: Path, cache: Path, repo: str = REPO) -> Path:
    """A Hugging Face hub cache that holds `folder` as `repo`'s main revision, as a download would leave it."""
    revision = "0" * 40
    snapshot = cache / f"models--{repo.replace('/', '--')}" / "snapshots" / revision
    snapshot.mkdir(parents=True)
    for file in folder.iterdir():
        (snapshot / file.name).symlink_to(file)
    (snapshot.parents[1] / "refs").mkdir()
    (snapshot.parents[1] / "refs" / "main").write_text(revision)
    return cache


def merged_lora_model(converted: Path, folder: Path) -> Path:
    """SmolLM2 with a LoRA adapter on q_proj and v_proj (non-zero weights, seeded) merged in and saved."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(converted, dtype=torch.float32)
    lora = LoraConfig(r=8, lora_alpha=16, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    merged = get_peft_model(model, lora).merge_and_unload()
    merged.save_pretrained(folder)
    AutoTokenizer.from_pretrained(converted).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def served(smollm2, llm_home, tmp_path_factory):
    [converted] = list((llm_home / "models").glob("SmolLM2-135M-Instruct.Q4_1-*"))
    cache = hub_cache_with(converted, tmp_path_factory.mktemp("hub"))
    hub_cache_with(merged_lora_model(converted, tmp_path_factory.mktemp("merged")), cache, MERGED)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "HF_HUB_CACHE": str(cache), "HF_HUB_OFFLINE": "1"}
    log = open(tmp_path_factory.mktemp("serve") / "serve.log", "w")
    server = subprocess.Popen([str(Path(sys.executable).parent / "transformers"), "serve", "--host", "127.0.0.1",
                               "--port", str(port), "--device", "cpu"], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail(f"transformers serve did not start: {Path(log.name).read_text()[-2000:]}")
    yield url
    server.terminate()
    server.wait(30)
    log.close()


def test_the_served_model_is_named_from_v1_models_and_answers(served):
    from recommender.llm import LLMError

    with pytest.raises(LLMError, match="serves several models.*DUALREC_LLM_ADAPTER"):  # it never guesses
        build_chat_model(LLMConfig(backend="tgi", endpoint_url=served, timeout_s=120), Path("."))
    model = build_chat_model(LLMConfig(backend="tgi", endpoint_url=served, adapter=REPO, timeout_s=120), Path("."))
    assert model.model_name == REPO and model_version(model) == f"endpoint:{REPO}"
    answer = model.invoke(MESSAGES).content
    streamed = "".join(chunk.content for chunk in model.stream(MESSAGES))
    assert answer.strip() and streamed.strip()  # the same settings: max_tokens, frequency_penalty accepted


def test_an_adapter_the_real_server_does_not_list_is_refused_with_the_list(served):
    from recommender.llm import LLMError

    with pytest.raises(LLMError, match=f"'dualrec'.*it lists: .*{REPO}"):
        build_chat_model(LLMConfig(backend="tgi", endpoint_url=served, adapter="dualrec"), Path("."))


def test_the_chain_streams_from_the_real_server(served, synthetic_predictor, synthetic_matcher):
    model = build_chat_model(LLMConfig(backend="tgi", endpoint_url=served, adapter=REPO, timeout_s=120), Path("."))
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, model,
                         ChainConfig(first_token_s=120, answer_s=240))
    history = chain_movie_ids(SPEC)[0][:6]
    steps = list(chain.stream({"history": history}))
    result = steps[-1].result
    assert result.note == "" and result.answer.strip()  # the LLM answered, nothing failed
    assert result.llm_version == f"endpoint:{REPO}" and len(result.recommendations) == 3
    assert steps[0].pick is not None and any(step.partial_answer for step in steps[1:-1])
    assert all(r.movie.movie_id not in history for r in result.recommendations)


def test_a_merged_lora_model_on_the_real_server_is_chosen_by_name_and_recorded(served, synthetic_predictor,
                                                                               synthetic_matcher):
    """Serving a fine-tune as its own model: the configured name is checked against /v1/models, sent with
    every request and stored with every turn."""
    listed = [m["id"] for m in httpx.get(f"{served}/v1/models", timeout=10).json()["data"]]
    assert MERGED in listed and REPO in listed
    model = build_chat_model(LLMConfig(backend="tgi", endpoint_url=served, adapter=MERGED, timeout_s=120), Path("."))
    assert model.model_name == MERGED and model_version(model) == f"endpoint:{MERGED}"
    chain = DualRecChain(synthetic_predictor, synthetic_matcher, model, ChainConfig(first_token_s=120, answer_s=240))
    result = chain.invoke({"history": chain_movie_ids(SPEC)[0][:6]})
    assert result.note == "" and result.answer.strip() and result.llm_version == f"endpoint:{MERGED}"
    base = build_chat_model(LLMConfig(backend="tgi", endpoint_url=served, adapter=REPO, timeout_s=120), Path("."))
    assert model.invoke(MESSAGES).content != base.invoke(MESSAGES).content  # the adapter's weights answered
