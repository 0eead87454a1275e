"""Save and load LSTM checkpoints: `model.safetensors` plus `meta.json` (config, catalogue fingerprint, metrics).

A checkpoint built for another catalogue is refused: its movie indices would mean other movies. So is one whose
weights are not all finite (a run that diverged, a bad copy): a valid file of NaN would load and rank nothing.
"""
from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from recommender.config import LSTMConfig, from_mapping
from recommender.errors import CheckpointError, ConfigError
from recommender.lstm import DualRecLSTM

WEIGHTS = "model.safetensors"
META = "meta.json"


@dataclass(frozen=True)
class Checkpoint:
    model: DualRecLSTM
    meta: dict


def save_checkpoint(directory: Path, model: DualRecLSTM, catalog_fingerprint: str, **meta) -> None:
    """Write weights and meta atomically; `meta` adds training config, metrics and the like."""
    directory.mkdir(parents=True, exist_ok=True)
    # on the CPU whatever trained it, so a checkpoint from a GPU loads where there is none
    state = {k: v.detach().cpu().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(directory / (WEIGHTS + ".part")))
    os.replace(directory / (WEIGHTS + ".part"), directory / WEIGHTS)
    record = {"model_config": dataclasses.asdict(model.config), "catalog_fingerprint": catalog_fingerprint, **meta}
    (directory / (META + ".part")).write_text(json.dumps(record, indent=2, default=str))
    os.replace(directory / (META + ".part"), directory / META)


def checkpoint_exists(directory: Path) -> bool:
    return (directory / WEIGHTS).is_file() and (directory / META).is_file()


def load_checkpoint(directory: Path, catalog_fingerprint: str) -> Checkpoint:
    """Rebuild the model from meta.json and load its weights, refusing a checkpoint of another catalogue."""
    if not checkpoint_exists(directory):
        raise CheckpointError(f"no LSTM checkpoint in {directory}; train one with: python -m training.train_lstm")
    retrain = "retrain with: python -m training.train_lstm"
    try:
        meta = json.loads((directory / META).read_text())
        state = load_file(str(directory / WEIGHTS))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, SafetensorError) as exc:
        raise CheckpointError(f"the checkpoint in {directory} is damaged ({type(exc).__name__}); {retrain}") from None
    not_finite = [name for name, tensor in state.items()
                  if tensor.is_floating_point() and not bool(torch.isfinite(tensor).all())]
    if not_finite:
        raise CheckpointError(f"the checkpoint in {directory} holds weights that are not finite (NaN or infinity, "
                              f"in {', '.join(sorted(not_finite)[:3])}); {retrain}")
    if not isinstance(meta, dict) or meta.get("catalog_fingerprint") != catalog_fingerprint:
        meta = meta if isinstance(meta, dict) else {}
        raise CheckpointError(
            f"checkpoint {directory} was built for catalogue {meta.get('catalog_fingerprint')}, "
            f"not the current {catalog_fingerprint}; retrain with: python -m training.train_lstm"
        )
    try:
        config = from_mapping(LSTMConfig, meta["model_config"])
        model = DualRecLSTM(config, state["title_tokens"], state["genres"])
        model.load_state_dict(state)
    except (KeyError, TypeError, RuntimeError, ConfigError) as exc:
        raise CheckpointError(f"the checkpoint in {directory} is damaged ({type(exc).__name__}); {retrain}") from None
    model.eval()
    return Checkpoint(model, meta)
