"""The configured chat model: the local engine, an OpenAI-compatible endpoint, or any LangChain chat model."""
from __future__ import annotations

from pathlib import Path

from langchain_core.language_models.chat_models import BaseChatModel

from recommender.llm.config import BACKENDS, LLMConfig, LLMError


def build_chat_model(config: LLMConfig, home: Path) -> BaseChatModel | None:
    """The configured backend; None for "none" (the chain then answers from the LSTM alone). Raises LLMError
    with a sentence for the page when the backend cannot start."""
    if config.backend == "local":
        from recommender.llm.local import LocalChatModel

        return LocalChatModel.from_config(config, home)
    if config.backend == "tgi":
        from recommender.llm.endpoint import endpoint_chat_model

        return endpoint_chat_model(config)
    if config.backend == "langchain":
        return _any_chat_model(config)
    if config.backend == "none":
        return None
    raise LLMError(f"unknown LLM backend {config.backend!r}; choose one of {', '.join(BACKENDS)}")


def _any_chat_model(config: LLMConfig) -> BaseChatModel:
    """langchain's init_chat_model on "provider:model", with the same generation settings; the provider's
    package must be installed, and its own credentials are its own (read as that package reads them)."""
    from langchain.chat_models import init_chat_model

    if ":" not in config.model:
        raise LLMError(f"DUALREC_LLM_MODEL must be \"provider:model\" for the langchain backend, not {config.model!r}")
    try:
        return init_chat_model(config.model, temperature=config.temperature, max_tokens=config.max_new_tokens,
                               timeout=config.timeout_s, max_retries=config.retries,
                               metadata={"dualrec_version": config.model})
    except (ImportError, ValueError) as exc:
        raise LLMError(f"cannot make the chat model {config.model!r}: {exc}") from None
