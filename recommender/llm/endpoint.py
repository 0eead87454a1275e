"""An OpenAI-compatible endpoint (TGI, vLLM, llama.cpp, `transformers serve`) through langchain-openai's ChatOpenAI.

What this module adds to the maintained client:
- credentials only from the setting (DUALREC_LLM_API_KEY), never from the environment (OPENAI_API_KEY, HF_TOKEN,
  .netrc, proxies), and never over plain HTTP to another machine;
- the model name: the adapter, or the served model's id read from GET /v1/models at startup, never a placeholder
  such as "dummy" (vLLM answers 404 to it, TGI silently serves the base model). A configured adapter the server
  does not list stops the LLM stage with a message naming the ones it does list;
- the generation settings the local backend uses, sent in the request (max_tokens, temperature, stop, and the
  repetition penalty as frequency_penalty).
"""
from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from recommender.llm.config import LLMConfig, LLMError

log = logging.getLogger(__name__)

# Headers the OpenAI client may fill in from the environment (OPENAI_ORG_ID, OPENAI_PROJECT): never sent.
_AMBIENT_HEADERS = ("openai-organization", "openai-project")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def endpoint_key(url: str, api_key: str) -> str:
    """The key to send to `url`: only a configured one, and over plain HTTP only to this machine."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LLMError(f"the LLM endpoint must be an http:// or https:// URL, not {url!r}")
    if api_key and parts.scheme == "http" and not is_loopback(parts.hostname):
        raise LLMError(f"refusing to send the LLM key to {parts.hostname} over plain HTTP; use https:// "
                       "(or a loopback address)")
    return api_key


def _http_client(api_key: str, timeout_s: float):
    """httpx that reads nothing from the environment and sends only our own credentials."""
    import httpx

    def only_our_credentials(request: httpx.Request) -> None:
        if not api_key:
            request.headers.pop("authorization", None)
        for name in _AMBIENT_HEADERS:
            request.headers.pop(name, None)

    return httpx.Client(trust_env=False, timeout=timeout_s, event_hooks={"request": [only_our_credentials]})


def served_models(url: str, api_key: str, timeout_s: float = 10.0) -> dict[str, str | None]:
    """The model ids GET {url}/v1/models lists, each with its base model when it is a LoRA module (vLLM lists
    its adapters there with a `parent`); None for a model of its own."""
    import httpx

    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        with httpx.Client(trust_env=False, timeout=timeout_s) as client:
            response = client.get(f"{url}/v1/models", headers=headers)
            response.raise_for_status()
            data = response.json().get("data") or []
    except (httpx.HTTPError, ValueError, AttributeError) as exc:
        raise LLMError(f"the LLM server did not list its models at /v1/models ({type(exc).__name__})") from None
    return {str(item["id"]): (str(item["parent"]) if item.get("parent") else None)
            for item in data if isinstance(item, dict) and item.get("id")}


def _is_tgi(url: str, api_key: str) -> bool:
    """text-generation-inference answers GET /info with its router's name."""
    import httpx

    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        with httpx.Client(trust_env=False, timeout=5.0) as client:
            info = client.get(f"{url}/info", headers=headers).json()
    except (httpx.HTTPError, ValueError):
        return False
    return isinstance(info, dict) and "text-generation" in str(info.get("router", ""))


def served_model_name(config: LLMConfig, api_key: str) -> tuple[str, str]:
    """(the `model` every request names, the version to record): the adapter, checked against the server's
    list, or the served model."""
    listed = served_models(config.endpoint_url.rstrip("/"), api_key, min(config.timeout_s, 10.0))
    if not listed:
        raise LLMError("the LLM server lists no model at /v1/models")
    first = next(iter(listed))
    if config.adapter:
        if config.adapter in listed:  # a LoRA module records its base; a model of its own (a merged fine-tune) itself
            parent = listed[config.adapter]
            return config.adapter, f"endpoint:{parent}+{config.adapter}" if parent else f"endpoint:{config.adapter}"
        if not _is_tgi(config.endpoint_url.rstrip("/"), api_key):
            raise LLMError(f"the LLM server does not serve the adapter {config.adapter!r}; it lists: "
                           f"{', '.join(listed)}. Fix DUALREC_LLM_ADAPTER (or start the server with that adapter).")
        # TGI lists only its base model at /v1/models, and serves the base model for an unknown adapter name:
        # the adapter cannot be checked there, and the record says so
        log.warning("TGI does not list its LoRA adapters; %r is sent unchecked", config.adapter)
        return config.adapter, f"endpoint:{first}+{config.adapter} (unchecked on TGI)"
    bases = [model for model, parent in listed.items() if parent is None]
    if len(bases) > 1:  # never guess which of several models the answers should come from
        raise LLMError(f"the LLM server serves several models ({', '.join(bases)}); name the one to use with "
                       "DUALREC_LLM_ADAPTER")
    served = bases[0] if bases else first
    return served, f"endpoint:{served}"


def endpoint_chat_model(config: LLMConfig):
    """ChatOpenAI for the configured endpoint, its model name resolved and checked now, at startup."""
    from langchain_openai import ChatOpenAI

    url = config.endpoint_url.rstrip("/")
    api_key = endpoint_key(url, config.api_key)
    model, version = served_model_name(config, api_key)
    # max_tokens, not ChatOpenAI's max_completion_tokens, which TGI and llama.cpp do not read; the repetition
    # penalty as OpenAI's frequency_penalty, which every one of these servers accepts (`transformers serve`
    # applies it as repetition_penalty = 1 + frequency_penalty, exactly the local setting; it refuses unknown
    # fields such as a bare repetition_penalty)
    body = {"max_tokens": config.max_new_tokens}
    return ChatOpenAI(
        model=model, base_url=f"{url}/v1",
        api_key=api_key or "no-key",  # a placeholder the client needs; only_our_credentials drops its header
        http_client=_http_client(api_key, config.timeout_s), timeout=config.timeout_s, max_retries=config.retries,
        temperature=config.temperature, stop_sequences=list(config.stop) or None, extra_body=body,
        frequency_penalty=round(config.repetition_penalty - 1.0, 4),
        metadata={"dualrec_version": version},
    )


__all__ = ["endpoint_chat_model", "endpoint_key", "is_loopback", "served_model_name", "served_models"]
