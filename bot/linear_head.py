"""A trained linear head over sentence embeddings (pure numpy): what the understanding models ship.

softmax(features @ coef.T + intercept) over `labels`; saved as a few-kB .npz beside a meta.json that holds the
data's fingerprint and the head's accuracy on the parts it never saw (training/train_understanding.py).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HEAD_FILE, META_FILE = "head.npz", "meta.json"


@dataclass(frozen=True)
class LinearHead:
    coef: np.ndarray
    intercept: np.ndarray
    labels: tuple[str, ...]

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = features @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, folder: Path, meta: dict) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez(folder / HEAD_FILE, coef=self.coef, intercept=self.intercept, statuses=np.array(self.labels))
        (folder / META_FILE).write_text(json.dumps(meta, indent=2))

    @classmethod
    def load(cls, folder: Path):
        with np.load(folder / HEAD_FILE, allow_pickle=False) as data:  # "statuses": the labels, as first shipped
            return cls(data["coef"], data["intercept"], tuple(str(s) for s in data["statuses"]))


__all__ = ["HEAD_FILE", "META_FILE", "LinearHead"]
