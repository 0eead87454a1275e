"""Train the taste-polarity reader: which way a stated taste points (bot.act_reader.POLARITIES).

    python -m training.train_tastes [--out bot/models/taste-polarity] [--per-template 30]

A clause that states a taste ("romance bores me to death", "i only like comedies, nothing else") has its kinds of
film, a closed list the rules find, replaced by GENRE_SLOT; the frozen all-MiniLM-L6-v2 encoder embeds it and a
multinomial logistic regression reads the embedding. Training data, in a file: the taste templates
(training/understanding/taste_templates.yaml), less the families held out, which are reported apart and never
tuned on. The head is shipped (a few kB): training takes seconds, and a shipped head keeps every start identical.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from bot.act_reader import POLARITIES, SHIPPED_TASTES
from bot.linear_head import LinearHead
from bot.mention_reader import encode
from recommender.errors import DualRecError, run_script
from training.templates import TEMPLATES_DIR, TemplateSet, expand, load_templates
from training.train_acts import ActRow, accuracy_table, act_weights

log = logging.getLogger(__name__)

TEMPLATES = TEMPLATES_DIR / "taste_templates.yaml"
FEATURES_VERSION = "genre-slotted-clause/1"


@dataclass(frozen=True)
class TasteConfig:
    templates: Path = TEMPLATES
    per_template: int = 30
    regularization: float = 4.0
    max_template_weight: float = 10.0
    seed: int = 0


def training_rows(cfg: TasteConfig) -> list[ActRow]:
    """Rows labelled with a polarity (in ActRow's `act`), each template weighing as one full template."""
    rng = random.Random(cfg.seed)
    templates = load_templates(cfg.templates, label_key="polarity")
    rows = []
    for family in templates.families:
        for template in family.sentences:
            made = expand(TemplateSet(templates.slots, (replace(family, sentences=(template,)),)), cfg.per_template, rng)
            weight = min(cfg.per_template / max(len(made), 1), cfg.max_template_weight)
            rows += [ActRow(text, label, name, held, weight) for text, label, name, held in made]
    unknown = {r.act for r in rows} - set(POLARITIES)
    if unknown:
        raise DualRecError(f"unknown polarity(ies) {sorted(unknown)} in {cfg.templates.name}")
    return rows


def settings(cfg: TasteConfig) -> dict:
    return {**{k: v for k, v in asdict(cfg).items() if not isinstance(v, Path)}, "features": FEATURES_VERSION}


def fingerprint(cfg: TasteConfig) -> str:
    digest = hashlib.sha256(json.dumps(settings(cfg), sort_keys=True).encode())
    digest.update(hashlib.sha256(cfg.templates.read_bytes()).digest())
    return digest.hexdigest()


def main(cfg: TasteConfig, out_dir: Path, encoder=None) -> tuple[LinearHead, dict]:
    from sklearn.linear_model import LogisticRegression

    if encoder is None:
        from recommender.matching import MatchConfig, load_encoder

        encoder = load_encoder(MatchConfig())
    rows = training_rows(cfg)
    log.info("embedding %d clauses", len(rows))
    vectors = encode(encoder, [r.text for r in rows])
    train = [i for i, r in enumerate(rows) if not r.holdout]
    model = LogisticRegression(C=cfg.regularization, max_iter=3000, random_state=cfg.seed)
    model.fit(vectors[train], [rows[i].act for i in train], sample_weight=act_weights([rows[i] for i in train]))
    head = LinearHead(model.coef_.astype(np.float32), model.intercept_.astype(np.float32),
                      tuple(str(c) for c in model.classes_))
    table = accuracy_table(head, vectors, rows)
    head.save(out_dir, {"fingerprint": fingerprint(cfg), "config": settings(cfg), "accuracy": table})
    return head, table


def cli(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-template", type=int, default=TasteConfig.per_template)
    parser.add_argument("--out", type=Path, default=SHIPPED_TASTES)
    args = parser.parse_args(argv)
    _, table = main(TasteConfig(per_template=args.per_template), args.out)
    print("| part | rows | polarity accuracy |\n|---|---:|---:|")
    for part, row in table.items():
        print(f"| {part} | {row['rows']} | {row['accuracy']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(run_script(lambda: cli()))
