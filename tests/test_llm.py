"""LLM backends: the real SmolLM2 through LangChain, and the TGI client over real HTTP."""
import shutil
import socket
from pathlib import Path

import pytest

from recommender.llm import LLMConfig, LLMError, build_chat_model, converted_gguf_dir, model_version
from tests.tgi_standin import BASE_MODEL, StandInTGI

pytestmark = pytest.mark.slow

MESSAGES = [{"role": "system", "content": "You are a movie recommender."},
            {"role": "user", "content": "Name one movie about space. Answer as: 1. Title (Year)"}]


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"  # nothing listens once the socket closes


def test_gguf_is_converted_once_and_cached(smollm2, llm_home):
    cached = list((llm_home / "models").glob("SmolLM2-135M-Instruct.Q4_1-*"))
    assert len(cached) == 1 and (cached[0] / "model.safetensors").exists()
    from recommender.llm import smollm2_gguf_path

    assert converted_gguf_dir(smollm2_gguf_path(), llm_home / "models") == cached[0]  # no second conversion


def test_local_model_answers_batches_and_streams(smollm2):
    answer = smollm2.invoke(MESSAGES).content
    assert isinstance(answer, str) and answer.strip()
    batch = smollm2.batch([MESSAGES, MESSAGES])
    assert [m.content for m in batch] == [answer, answer]  # greedy: batching (left padding) changes nothing
    streamed = "".join(chunk.content for chunk in smollm2.stream(MESSAGES))
    assert streamed.strip() == answer.strip()


def test_int8_weights_still_answer_on_the_cpu(llm_home):
    from recommender.llm import LocalChatModel

    int8 = LocalChatModel.from_config(LLMConfig(max_new_tokens=20, quantize="int8"), llm_home)
    import torch

    modules = list(int8.model.modules())
    assert not any(type(m) is torch.nn.Linear for m in modules)  # every float Linear was replaced
    assert any("quantized.dynamic" in type(m).__module__ for m in modules)
    assert int8.version.endswith("-int8") and int8.invoke(MESSAGES).content.strip()
    with pytest.raises(LLMError, match="int8"):
        from recommender.llm import quantize_for_cpu

        quantize_for_cpu(int8.model, "int3")


def test_render_uses_the_chat_template(smollm2):
    text = smollm2.render(MESSAGES)
    assert text.startswith("<|im_start|>system\nYou are a movie recommender.")
    assert text.endswith("<|im_start|>assistant\n")


def endpoint(url, **settings):
    return build_chat_model(LLMConfig(backend="tgi", endpoint_url=url, retries=0, **settings), Path("."))


def test_the_endpoint_names_the_adapter_and_gets_the_local_generation_settings(smollm2):
    with StandInTGI(lambda messages: smollm2.invoke(messages).content) as server:
        model = endpoint(server.url, adapter="dualrec")
        answer = model.invoke(MESSAGES).content
        streamed = "".join(c.content for c in model.stream(MESSAGES))
    assert answer == smollm2.invoke(MESSAGES).content and streamed == answer
    body = server.requests[0]
    assert body["model"] == "dualrec" and body["messages"] == MESSAGES  # the LoRA adapter, chosen per request
    assert body["max_tokens"] == LLMConfig.max_new_tokens
    assert body["frequency_penalty"] == pytest.approx(LLMConfig.repetition_penalty - 1)
    assert body["temperature"] == LLMConfig.temperature
    assert model_version(model) == f"endpoint:{BASE_MODEL}+dualrec"


def test_without_an_adapter_the_served_model_is_named_never_dummy():
    with StandInTGI(lambda messages: "1. Alien (1979)") as server:
        model = endpoint(server.url)
        model.invoke(MESSAGES)
    assert server.requests[0]["model"] == BASE_MODEL and model_version(model) == f"endpoint:{BASE_MODEL}"


def test_an_adapter_the_server_does_not_list_stops_the_llm_stage_with_the_ones_it_lists():
    with StandInTGI(lambda messages: "") as server:
        with pytest.raises(LLMError, match="'dualrecc'.*it lists: .*dualrec"):
            endpoint(server.url, adapter="dualrecc")
    assert server.requests == []  # refused at startup, before any chat request


def test_on_tgi_an_adapter_cannot_be_checked_and_the_record_says_so():
    with StandInTGI(lambda messages: "1. Alien (1979)", flavour="tgi") as server:
        model = endpoint(server.url, adapter="dualrecc")
        model.invoke(MESSAGES)
    assert server.routed == [BASE_MODEL]  # TGI's silent fallback to the base model ...
    assert "unchecked" in model_version(model)  # ... is not recorded as the adapter having answered


def test_the_endpoint_gets_only_its_own_key_and_no_ambient_credential(monkeypatch):
    """A listener that records headers: the ambient HF_TOKEN (set on every Space) and OpenAI's environment must
    never reach the LLM endpoint; a key configured for it does, and only over https or to this machine."""
    monkeypatch.setenv("HF_TOKEN", "hf_ambient_secret_do_not_send")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-ambient-openai")
    monkeypatch.setenv("OPENAI_ORG_ID", "org-ambient")
    with StandInTGI(lambda messages: "1. Alien (1979)") as server:
        endpoint(server.url).invoke(MESSAGES)
        unkeyed = len(server.headers)
        keyed = endpoint(server.url, api_key="sk-local-1")
        "".join(c.content for c in keyed.stream(MESSAGES))
    sent = [value for headers in server.headers for value in headers.values()]
    assert not any("ambient" in value for value in sent)
    assert all("authorization" not in headers for headers in server.headers[:unkeyed])
    assert server.headers[-1]["authorization"] == "Bearer sk-local-1"
    assert "sk-local-1" not in repr(LLMConfig(api_key="sk-local-1"))
    # 203.0.113.0/24 is reserved for documentation: refused before any connection is tried
    with pytest.raises(LLMError, match="plain HTTP"):
        endpoint("http://203.0.113.7:8080", api_key="k")
    with pytest.raises(LLMError, match="http"):
        endpoint("file:///etc/passwd")


def test_the_endpoint_client_retries_server_errors():
    with StandInTGI(lambda messages: "1. Alien (1979)", fail_first=2) as server:
        model = build_chat_model(LLMConfig(backend="tgi", endpoint_url=server.url, retries=2), Path("."))
        assert model.invoke(MESSAGES).content == "1. Alien (1979)"
    assert len(server.requests) == 3


def test_a_server_that_is_down_at_startup_is_a_clear_error():
    with pytest.raises(LLMError, match="did not list its models"):
        endpoint(closed_port_url(), timeout_s=2)


def test_unknown_backend_and_missing_adapter_are_clear(tmp_path):
    with pytest.raises(LLMError, match="unknown LLM backend 'gpt'"):
        build_chat_model(LLMConfig(backend="gpt"), tmp_path)
    assert build_chat_model(LLMConfig(backend="none"), tmp_path) is None
    with pytest.raises(LLMError, match="not a PEFT adapter"):
        from recommender.llm import load_local_model

        load_local_model(LLMConfig(model=str(tmp_path / "nowhere"), adapter=str(tmp_path)), tmp_path)


def test_a_stream_read_to_the_end_returns_and_frees_the_model(smollm2):
    pieces = [chunk.content for chunk in smollm2.stream(MESSAGES)]  # read to its natural end
    assert "".join(pieces).strip()
    assert smollm2.engine.wait_idle(timeout=5)


def test_a_damaged_converted_model_is_converted_again(smollm2, llm_home, tmp_path):
    """A torn copy of SmolLM2 (a full disk, a killed save) must not stop the app: it is converted again."""
    from recommender.llm import load_local_model

    [cached] = list((llm_home / "models").glob("SmolLM2-135M-Instruct.Q4_1-*"))
    home = tmp_path / "home"
    shutil.copytree(cached, home / "models" / cached.name)
    weights = home / "models" / cached.name / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])  # torn
    model, tokenizer = load_local_model(LLMConfig(), home)
    assert weights.stat().st_size > 1_000_000 and model.config.vocab_size == len(tokenizer.get_vocab())
