"""Build the LoRA fine-tuning set: one example per next5 training user, as prompt/completion JSONL.

    python -m training.build_lora_dataset [--config FILE.toml] [--valid-fraction 0.05]

For each training user, the input is the 5 movies before the user's last 5 plus the LSTM's pick for that
history (from the trained next5 checkpoint); the target is 3 of the last 5 in watch order, leaving out the
pick. Prompts are rendered by recommender.prompts, the same builder serving uses. Writes
DUALREC_HOME/lora-data/{train,valid}.jsonl and meta.json in TRL's conversational prompt-completion form:
{"prompt": [{"role": ..., "content": ...}, ...], "completion": [{"role": "assistant", "content": ...}]}.
"""
from __future__ import annotations

import hashlib
import json
import logging
import random
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from tqdm import tqdm

from recommender.checkpoints import load_checkpoint
from recommender.config import DataConfig, PredictorConfig, TrainConfig, parse_config_args
from bot.config import env_data_settings
from recommender.errors import DualRecError, run_script
from recommender.files import write_jsonl
from recommender.metrics import top_k
from recommender.predictor import LSTMScorer
from recommender.data.prepared import PreparedData
from recommender.prompts import PromptConfig, completion_text, free_messages
from recommender.data.prepared import ensure_prepared

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoraDataConfig:
    valid_fraction: float = 0.05
    seed: int = 0
    output: str = "lora-data"  # under DUALREC_HOME
    batch_size: int = 256  # LSTM scoring batch


@dataclass(frozen=True)
class LoraExample:
    user_id: int
    recent: list[int]  # movie ids shown as the user's last movies
    pick: int  # the LSTM's top-1 for the history before the held-out movies
    target: list[int]  # movie ids the model learns to answer with

    def record(self, data: PreparedData, prompt: PromptConfig) -> dict:
        catalog = data.catalog
        messages = free_messages([catalog.by_id(m) for m in self.recent], catalog.by_id(self.pick), prompt.count)
        completion = completion_text([catalog.by_id(m) for m in self.target])
        return {"prompt": messages, "completion": [{"role": "assistant", "content": completion}],
                "user_id": self.user_id, "pick": self.pick, "target": self.target}


def make_examples(data: PreparedData, scorer: LSTMScorer, holdout: int, prompt: PromptConfig,
                  batch_size: int = 256) -> list[LoraExample]:
    """The paper's per-user examples for every next5 training user with enough history."""
    catalog = data.catalog
    users, histories = [], []
    for user in data.next5.train_users:
        indices = catalog.indices_of(data.sequences[user])
        if len(indices) >= holdout + prompt.recent:
            users.append(user)
            histories.append(indices)
    def to_ids(indices: list[int]) -> list[int]:
        return [catalog.movie_at(i).movie_id for i in indices]

    examples = []
    for start in tqdm(range(0, len(users), batch_size), desc="LSTM picks", leave=False):
        batch = histories[start : start + batch_size]
        inputs = [h[:-holdout] for h in batch]
        scores = scorer.score(inputs)
        for row, (user, history) in enumerate(zip(users[start : start + batch_size], batch)):
            pick = top_k(scores[row], 1, exclude=inputs[row])[0]
            held_out = [i for i in history[-holdout:] if i != pick][: prompt.count]
            examples.append(LoraExample(user, to_ids(inputs[row][-prompt.recent:]), catalog.movie_at(pick).movie_id,
                                        to_ids(held_out)))
    return examples


def split_examples(examples: list[LoraExample], valid_fraction: float, seed: int) -> tuple[list, list]:
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    n_valid = max(1, round(len(examples) * valid_fraction)) if len(examples) > 1 else 0
    valid = sorted(order[:n_valid])
    train = sorted(order[n_valid:])
    return [examples[i] for i in train], [examples[i] for i in valid]


def main(data_cfg: DataConfig, train_cfg: TrainConfig, cfg: LoraDataConfig, prompt: PromptConfig = PromptConfig()) -> Path:
    data = ensure_prepared(data_cfg)
    checkpoint_dir = train_cfg.checkpoint_dir(data_cfg)
    checkpoint = load_checkpoint(checkpoint_dir, data.catalog.fingerprint)
    scorer = LSTMScorer(checkpoint.model, PredictorConfig().context_len or checkpoint.meta["context_len"])
    examples = make_examples(data, scorer, data_cfg.holdout, prompt, cfg.batch_size)
    if not examples:
        raise DualRecError("no next5 training user has enough movies for a LoRA example")
    train, valid = split_examples(examples, cfg.valid_fraction, cfg.seed)
    out = data_cfg.home / cfg.output
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "train.jsonl", [e.record(data, prompt) for e in train])
    write_jsonl(out / "valid.jsonl", [e.record(data, prompt) for e in valid])
    digest = hashlib.sha256((out / "train.jsonl").read_bytes() + (out / "valid.jsonl").read_bytes()).hexdigest()
    meta = {"catalog_fingerprint": data.catalog.fingerprint, "checkpoint": str(checkpoint_dir),
            "train_examples": len(train), "valid_examples": len(valid), "data_fingerprint": digest,
            "config": asdict(cfg), "prompt": asdict(prompt)}
    (out / "meta.json").write_text(json.dumps(meta, indent=2))
    log.info("wrote %d train and %d valid examples to %s", len(train), len(valid), out)
    return out


def cli(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    def body() -> int:
        configs = parse_config_args(
            argv, __doc__,
            {"data": (DataConfig, ""), "train": (TrainConfig, "train-"), "lora_data": (LoraDataConfig, "")},
            {"data": env_data_settings()})
        out = main(configs["data"], configs["train"], configs["lora_data"])
        print(f"LoRA data written to {out}")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
