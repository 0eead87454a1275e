"""Train the DUALRec LSTM on prepared MovieLens, with validation each epoch and early stopping.

    python -m training.train_lstm [--protocol next5|full|serve] [--epochs 20] [--home DIR] [--data-dir DIR]
                                  [--loss auto|full|sampled] [--negatives 1024] [--mixed-precision auto|no|bf16]
    torchrun --nproc_per_node N -m training.train_lstm ...       (or: accelerate launch -m training.train_lstm ...)

The work is recommender.fitting's (the app runs it too on a first start), through Hugging Face Accelerate: the
same command trains on the CPU, on a GPU (bf16 where it has it), or with DDP over N processes or GPUs. The best
epoch is saved as DUALREC_HOME/checkpoints/<dataset-catalogue>/lstm-<protocol>/{model.safetensors,meta.json}.
"""
from __future__ import annotations

import logging
import sys

from recommender.config import DataConfig, LSTMConfig, TrainConfig, parse_config_args
from bot.config import env_data_settings
from recommender.errors import run_script
from recommender.fitting import main


def parse_args(argv: list[str] | None = None) -> tuple[DataConfig, LSTMConfig, TrainConfig]:
    sections = {"data": (DataConfig, ""), "model": (LSTMConfig, "model_"), "train": (TrainConfig, "")}
    defaults = {"data": env_data_settings()}
    configs = parse_config_args(argv, __doc__, sections, defaults)
    return configs["data"], configs["model"], configs["train"]


def cli(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    def body() -> int:
        result = main(*parse_args(argv))
        if not result.main_process:
            return 0
        scores = ", ".join(f"{k} {v:.4f}" for k, v in result.validation.items() if not k.startswith("users"))
        print(f"saved {result.checkpoint_dir} (best epoch {result.best_epoch}, {result.seconds / 60:.1f} min): {scores}")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
