"""LLM backends: the real SmolLM2 through LangChain, and the TGI client over real HTTP."""
import socket

import pytest

from recommender.llm import EndpointChatModel, LLMConfig, LLMError, LLMUnavailableError, build_chat_model, converted_gguf_dir
from tests.tgi_standin import StandInTGI

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


def test_tgi_client_over_http_chooses_the_adapter(smollm2):
    def generate(messages):
        return smollm2.invoke(messages).content

    with StandInTGI(generate) as server:
        model = EndpointChatModel.from_config(LLMConfig(backend="tgi", endpoint_url=server.url, adapter="dualrec"))
        answer = model.invoke(MESSAGES).content
        streamed = "".join(c.content for c in model.stream(MESSAGES))
    assert answer == smollm2.invoke(MESSAGES).content
    assert streamed == answer
    assert server.requests[0]["model"] == "dualrec"  # the LoRA adapter, chosen per request
    assert server.requests[0]["messages"] == MESSAGES


def test_the_endpoint_gets_only_its_own_key_and_never_hf_token(monkeypatch):
    """A listener that records headers: the ambient HF_TOKEN (set on every Space) must never reach the LLM
    endpoint; a key configured for it does, and only over https or to this machine."""
    monkeypatch.setenv("HF_TOKEN", "hf_ambient_secret_do_not_send")
    with StandInTGI(lambda messages: "1. Alien (1979)") as server:
        EndpointChatModel.from_config(LLMConfig(backend="tgi", endpoint_url=server.url)).invoke(MESSAGES)
        keyed = EndpointChatModel.from_config(LLMConfig(backend="tgi", endpoint_url=server.url, api_key="sk-local-1"))
        "".join(c.content for c in keyed.stream(MESSAGES))
    assert all("hf_ambient" not in value for headers in server.headers for value in headers.values())
    assert "sk-local-1" not in server.headers[0].get("authorization", "")
    assert server.headers[1]["authorization"] == "Bearer sk-local-1"
    assert "sk-local-1" not in repr(keyed) and "sk-local-1" not in repr(LLMConfig(api_key="sk-local-1"))
    # 203.0.113.0/24 is reserved for documentation: refused before any connection is tried
    with pytest.raises(LLMError, match="plain HTTP"):
        EndpointChatModel.from_config(LLMConfig(backend="tgi", endpoint_url="http://203.0.113.7:8080", api_key="k"))
    assert EndpointChatModel.from_config(LLMConfig(backend="tgi", endpoint_url="https://203.0.113.7", api_key="k"))
    assert EndpointChatModel.from_config(LLMConfig(backend="tgi", endpoint_url="http://203.0.113.7:8080"))  # no key
    with pytest.raises(LLMError, match="http"):
        EndpointChatModel.from_config(LLMConfig(backend="tgi", endpoint_url="file:///etc/passwd"))


def test_tgi_client_retries_server_errors():
    with StandInTGI(lambda messages: "1. Alien (1979)", fail_first=2) as server:
        model = EndpointChatModel(endpoint_url=server.url, retries=2, retry_backoff_s=0.01)
        assert model.invoke(MESSAGES).content == "1. Alien (1979)"
    assert len(server.requests) == 3


def test_tgi_client_does_not_retry_a_bad_request():
    with StandInTGI(lambda messages: "", fail_first=5, fail_status=422) as server:
        model = EndpointChatModel(endpoint_url=server.url, retries=3, retry_backoff_s=0.01)
        with pytest.raises(LLMError, match=server.url):
            model.invoke(MESSAGES)
    assert len(server.requests) == 1


def test_endpoint_down_names_the_url_after_bounded_retries():
    url = closed_port_url()
    model = EndpointChatModel(endpoint_url=url, retries=1, retry_backoff_s=0.01, timeout_s=2)
    with pytest.raises(LLMUnavailableError, match=f"{url} did not answer after 2 tries"):
        model.invoke(MESSAGES)


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
    assert smollm2._lock.acquire(timeout=5)
    smollm2._lock.release()
