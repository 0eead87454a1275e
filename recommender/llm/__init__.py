"""The LLM stage, each backend a LangChain chat model (`build_chat_model`, chosen by `LLMConfig.backend`).

- config: settings and errors;
- loading: what the local backend loads (SmolLM2's GGUF converted once into a cached copy, a LoRA adapter);
- local: the local engine (one model for everyone: lock, batching, prefix reuse, streaming);
- endpoint: an OpenAI-compatible server through langchain-openai's ChatOpenAI;
- factory: the configured backend, or any LangChain chat model by "provider:model".

Only the settings are imported with the package: the backends (torch, transformers, LangChain) load on first use
of their names, so reading the app's configuration (bot.config) does not pull them in.
"""
from importlib import import_module

from recommender.llm.config import BACKENDS, SMOLLM2_GGUF, SMOLLM2_PACKAGE, LLMConfig, LLMError

# name -> the module that defines it, imported when the name is first asked for (PEP 562)
_LAZY = {"build_chat_model": "factory", "LocalChatModel": "local", "message_dicts": "local",
         **{name: "loading" for name in ("converted_gguf_dir", "load_local_model", "quantize_for_cpu",
                                         "resolve_base_model", "smollm2_gguf_path")}}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value  # once is enough
    return value


def model_version(llm) -> str:
    """What produced an answer, from the chat model's own metadata: "SmolLM2-135M-Instruct+adapter",
    "endpoint:dualrec" (the served model or adapter), or the LangChain model's name."""
    if llm is None:
        return ""
    version = getattr(llm, "version", None) or (getattr(llm, "metadata", None) or {}).get("dualrec_version")
    return str(version or getattr(llm, "model_name", None) or getattr(llm, "model", None) or type(llm).__name__)


__all__ = ["BACKENDS", "SMOLLM2_GGUF", "SMOLLM2_PACKAGE", "LLMConfig", "LLMError",
           "LocalChatModel", "build_chat_model", "converted_gguf_dir", "load_local_model", "message_dicts",
           "model_version", "quantize_for_cpu", "resolve_base_model", "smollm2_gguf_path"]
