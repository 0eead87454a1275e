"""The encoder the mention reader sees: the SBERT model that grounds titles, with a LoRA adapter fine-tuned for
reading what a clause says about its movie.

A frozen encoder under a linear head read "watched [MOVIE] alone in the dark, scared the crap out of me" as not
watched: a sentence embedding made for similarity barely weighs the words that decide a status. The adapter
(bot/models/reading-adapter, 1.4 MB, PEFT LoRA on every linear layer; trained by
`python -m training.train_reading_encoder`) changes that, and the mention head is fitted on its embeddings.
The title matcher and the act reader keep the plain encoder: grounding titles is a similarity task it already
does well, and the act head read worse on this adapter (training.train_reading_encoder has the figures).

The adapted copy, its adapter merged, is made once per process and base encoder, and shared by every reader made from that encoder.
"""
from __future__ import annotations

import copy
import hashlib
import threading
import warnings
from pathlib import Path

SHIPPED_ADAPTER = Path(__file__).resolve().parent / "models" / "reading-adapter"
ADAPTER_FILE = "adapter_model.safetensors"

_adapted: dict[tuple[int, str], object] = {}
_lock = threading.Lock()


def has_adapter(adapter_dir: Path) -> bool:
    return (adapter_dir / ADAPTER_FILE).is_file()


def adapter_digest(adapter_dir: Path) -> str | None:
    """The adapter's weights' SHA-256 (None: no adapter): a head records the one it was fitted on, so that it is
    never served on another encoder (without its adapter, a head reads every mention wrong, silently)."""
    path = adapter_dir / ADAPTER_FILE
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def reading_encoder(encoder, adapter_dir: Path = SHIPPED_ADAPTER):
    """`encoder` with the adapter in `adapter_dir` (a copy: the caller's encoder is left as it was); the encoder
    itself where the folder holds no adapter."""
    if not has_adapter(adapter_dir):
        return encoder
    key = (id(encoder), str(adapter_dir.resolve()))
    with _lock:
        if key not in _adapted:
            from peft import PeftModel

            adapted = copy.deepcopy(encoder)
            # merged into the copy's weights: a clause costs what it costs on the plain encoder (16 vs 25 ms p50
            # unmerged, one thread), and the readings are the same (within 1e-6)
            transformer = adapted[0]
            with warnings.catch_warnings():  # PEFT calls a transformers method deprecated in transformers 5
                warnings.simplefilter("ignore", FutureWarning)
                transformer.model = PeftModel.from_pretrained(transformer.model, str(adapter_dir)).merge_and_unload()
            adapted.eval()
            _adapted[key] = (encoder, adapted)  # the base is kept alive so that its id is never reused
        return _adapted[key][1]


__all__ = ["ADAPTER_FILE", "SHIPPED_ADAPTER", "adapter_digest", "has_adapter", "reading_encoder"]
