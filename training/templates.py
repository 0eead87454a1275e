"""Sentence templates with slot lists -> labelled sentences (pure, seeded): the generated part of the
understanding model's training data (hassil-style; the templates are data, in training/understanding/*.yaml).

A template is text with `{slot}` (a value from the file's slot list) and `(a|b|)` (one alternative; an empty one
drops it). Values may hold alternatives and the movie slot themselves.
"""
from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from recommender.errors import DualRecError

TEMPLATES_DIR = Path(__file__).resolve().parent / "understanding"
_SLOT = re.compile(r"\{(\w+)\}")
_CHOICE = re.compile(r"\(([^()]*\|[^()]*)\)")


@dataclass(frozen=True)
class Family:
    name: str
    label: str
    sentences: tuple[str, ...]
    holdout: bool = False


@dataclass(frozen=True)
class TemplateSet:
    slots: dict[str, tuple[str, ...]]
    families: tuple[Family, ...]


def load_templates(path: Path, label_key: str = "status") -> TemplateSet:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    slots = {name: tuple(str(v) for v in values) for name, values in (data.get("slots") or {}).items()}
    families = tuple(Family(f["family"], f[label_key], tuple(f["sentences"]), bool(f.get("holdout")))
                     for f in data.get("families") or [])
    for family in families:
        for sentence in family.sentences:
            missing = set(_SLOT.findall(sentence)) - set(slots)
            if missing:
                raise DualRecError(f"{path.name}: family {family.name} uses unknown slot(s) {sorted(missing)}")
    return TemplateSet(slots, families)


def fill(template: str, slots: dict[str, tuple[str, ...]], rng: random.Random) -> str:
    """One random sentence from a template: slots first (their values may hold choices), then choices."""
    for _ in range(4):  # a slot's value may name another slot
        template = _SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), template)
    while (match := _CHOICE.search(template)) is not None:
        template = template[:match.start()] + rng.choice(match.group(1).split("|")) + template[match.end():]
    return re.sub(r"\s+([,?!.])", r"\1", re.sub(r"\s+", " ", template)).strip()


def expand(templates: TemplateSet, per_template: int, rng: random.Random) -> list[tuple[str, str, str, bool]]:
    """(sentence, label, family, holdout): up to `per_template` distinct sentences from each template."""
    rows = []
    for family in templates.families:
        for template in family.sentences:
            made = dict.fromkeys(fill(template, templates.slots, rng) for _ in range(per_template * 3))
            rows += [(s, family.label, family.name, family.holdout) for s in list(made)[:per_template]]
    return rows


def settings_of(cfg, features: str) -> dict:
    """A trainer's config without its paths (where the data lie is not what a head learnt from: their contents
    are), and the version of the features it reads."""
    return {**{k: v for k, v in asdict(cfg).items() if not isinstance(v, Path)}, "features": features}


def data_fingerprint(settings: dict, paths: Iterable[Path]) -> str:
    """The settings and each file's name and contents, in the order given (never by path: the checkout's folder
    must not change it); a file that is absent is left out."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode())
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()

