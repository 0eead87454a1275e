"""The local engine as a LangChain chat model: one model shared by all users, with a lock, batching of waiting
prompts, prefix reuse and streaming (recommender.generation holds the generation helpers)."""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Iterator, Sequence

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

from recommender.llm.config import LLMConfig, LLMError
from recommender.llm.loading import load_local_model
from recommender.prompts import render_prompt

log = logging.getLogger(__name__)


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
    stop: tuple[str, ...] = ()  # stop strings, as an endpoint gets them
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
                   batch_size=config.batch_size, max_lines=config.max_lines, version=version, stop=config.stop,
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
        if self.stop:
            kwargs.update(stop_strings=list(self.stop), tokenizer=self.tokenizer)
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
