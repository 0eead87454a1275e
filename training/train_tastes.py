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
import logging
import random
from dataclasses import dataclass
from pathlib import Path

from bot.act_reader import POLARITIES, SHIPPED_TASTES
from bot.linear_head import LinearHead
from recommender.errors import DualRecError, run_script
from training.templates import TEMPLATES_DIR, data_fingerprint, load_templates, settings_of
from training.train_acts import ActRow, fit_and_save, template_rows

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
    templates = load_templates(cfg.templates, label_key="polarity")
    rows = template_rows(templates, cfg.per_template, cfg.max_template_weight, random.Random(cfg.seed))
    unknown = {r.act for r in rows} - set(POLARITIES)
    if unknown:
        raise DualRecError(f"unknown polarity(ies) {sorted(unknown)} in {cfg.templates.name}")
    return rows


def settings(cfg: TasteConfig) -> dict:
    return settings_of(cfg, FEATURES_VERSION)


def fingerprint(cfg: TasteConfig) -> str:
    return data_fingerprint(settings(cfg), [cfg.templates])


def main(cfg: TasteConfig, out_dir: Path, encoder=None) -> tuple[LinearHead, dict]:
    return fit_and_save(training_rows(cfg), cfg.regularization, cfg.seed, out_dir,
                        {"fingerprint": fingerprint(cfg), "config": settings(cfg)}, encoder)


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
