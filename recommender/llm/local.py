"""The local backend as a LangChain chat model: rendering prompts and adapting the engine's text pieces
(recommender.llm.engine batches, reuses prefixes and streams)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Iterator, Sequence

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr, model_validator

from recommender.llm import zerogpu
from recommender.llm.config import LLMConfig, LLMError
from recommender.llm.engine import BatchingEngine, GenerationSettings
from recommender.llm.loading import load_local_model
from recommender.prompts import prompt_token_ids, render_prompt

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
    """transformers generation as a LangChain chat model. Concurrent calls (streams, `batch`) are generated
    together by one BatchingEngine (recommender.llm.engine), always through the `@spaces.GPU` functions of
    recommender.llm.zerogpu: a GPU per call on a ZeroGPU Space, plain calls anywhere else."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model: Any
    tokenizer: Any
    # generation settings: LLMConfig's defaults, the one source of them (the app's own are bot.config.APP_LLM)
    max_new_tokens: int = LLMConfig.max_new_tokens
    temperature: float = LLMConfig.temperature
    repetition_penalty: float = LLMConfig.repetition_penalty
    batch_size: int = LLMConfig.batch_size  # sequences decoded together
    max_lines: int = LLMConfig.max_lines  # finish an answer once it holds this many lines; 0: no limit
    stop: tuple[str, ...] = ()  # stop strings, as an endpoint gets them
    version: str = "local"  # "base-model[+adapter]", stored with every recommendation
    worker_threads: int = LLMConfig.worker_threads
    prefix_cache: int = LLMConfig.prefix_cache
    _engine: Any = PrivateAttr(default=None)
    _engine_key: int = PrivateAttr(default=0)  # how the GPU functions find the engine (zerogpu.register)

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

    @model_validator(mode="after")
    def _make_engine(self) -> "LocalChatModel":
        # made with the model, not on first use: two first calls at once must not start two workers on one model
        self._engine = BatchingEngine(self.model, self.tokenizer, GenerationSettings(
            max_new_tokens=self.max_new_tokens, temperature=self.temperature,
            repetition_penalty=self.repetition_penalty, max_lines=self.max_lines, stop=tuple(self.stop),
            max_batch=self.batch_size, prefix_cache=self.prefix_cache, worker_threads=self.worker_threads))
        self._engine_key = zerogpu.register(self._engine)
        return self

    @property
    def engine(self) -> BatchingEngine:
        """The one engine every call of this model goes through."""
        return self._engine

    def render(self, messages: Sequence[BaseMessage | dict]) -> str:
        """The exact prompt text the model reads; LoRA training renders through the same function."""
        return render_prompt(message_dicts(messages), self.tokenizer)

    def prompt_ids(self, messages: Sequence[BaseMessage | dict]) -> tuple[int, ...]:
        """The token ids of the rendered prompt, as generation and the prefix cache see them."""
        return prompt_token_ids(message_dicts(messages), self.tokenizer)

    @property
    def busy(self) -> bool:
        """Generating, or a request is waiting to: a prefill ahead would be refused."""
        return self.engine.busy

    def prefill(self, messages: Sequence[BaseMessage | dict]) -> int:
        """Caches the prompt's keys and values ahead of a request that will send it (BatchingEngine.prefill).
        Nothing on ZeroGPU: the model may run only inside a GPU call there, and the cache would stay in its process."""
        if zerogpu.ON_ZEROGPU:
            return 0
        return self.engine.prefill(self.prompt_ids(messages))

    def _answers(self, prompts: list[tuple[int, ...]]) -> list[str]:
        """Whole answers for prompt token ids, generated together."""
        try:
            return zerogpu.generate(self._engine_key, prompts)
        except Exception as exc:
            raise LLMError(f"local generation failed: {exc}") from exc

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = self._answers([self.prompt_ids(messages)])[0]
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        pieces = zerogpu.stream(self._engine_key, self.prompt_ids(messages))
        try:  # closing this stream early closes the engine's, which cancels the request
            for piece in pieces:
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                if run_manager:
                    run_manager.on_llm_new_token(piece, chunk=chunk)
                yield chunk
        except Exception as exc:
            raise LLMError(f"local generation failed: {exc}") from exc
        finally:
            pieces.close()

    def batch(self, inputs: list[Any], config: Any = None, *, return_exceptions: bool = False, **kwargs: Any) -> list[Any]:
        """All prompts handed to the engine at once instead of a thread per prompt."""
        prompts = [self.prompt_ids(self._convert_input(i).to_messages()) for i in inputs]
        try:
            texts = self._answers(prompts)
        except Exception as exc:  # noqa: BLE001 - LangChain's contract: exceptions as results when asked
            if return_exceptions:
                return [exc] * len(inputs)
            raise
        return [AIMessage(content=text) for text in texts]
