"""Fit the DUALRec LSTM on prepared MovieLens, with validation each epoch and early stopping.

The library half of `python -m training.train_lstm`, which the app also runs on a first start. One pass over each
training history scores the next movie at every position (see the README). The best epoch is saved as
DUALREC_HOME/checkpoints/<dataset-catalogue>/lstm-<protocol>/{model.safetensors,meta.json}.
"""
from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
import torch
from accelerate import Accelerator
from accelerate.utils import broadcast_object_list
from torch import nn
from tqdm import tqdm

from recommender.catalog import MovieCatalog
from recommender.checkpoints import save_checkpoint
from recommender.config import DataConfig, LSTMConfig, TrainConfig
from recommender.data.prepared import PreparedData, ensure_prepared
from recommender.errors import DualRecError
from recommender.evaluation import evaluate_full, evaluate_next5
from recommender.lstm import DualRecLSTM
from recommender.predictor import LSTMScorer
from recommender.sequences import future_targets, pad_batch, training_spans, window_spans

log = logging.getLogger(__name__)
IGNORE = -100  # CrossEntropyLoss ignore_index: padding and warm-up positions carry no loss
VALIDATION_KEY = {"next5": "ndcg@5/next5", "full": "ndcg@10/full", "serve": "ndcg@5/next5"}


@dataclass(frozen=True)
class TrainResult:
    checkpoint_dir: Path
    best_epoch: int
    validation: dict[str, float]
    seconds: float
    main_process: bool = True  # False in the other processes of a DDP run, which save and say nothing


def build_model(catalog: MovieCatalog, base: LSTMConfig) -> DualRecLSTM:
    """The paper's network sized for this catalogue."""
    config = replace(
        base,
        num_movies=len(catalog),
        title_vocab_size=len(catalog.title_vocab),
        max_title_tokens=catalog.max_title_tokens,
        num_genres=len(catalog.genres),
    )
    return DualRecLSTM(config, torch.from_numpy(catalog.title_token_matrix()), torch.from_numpy(catalog.genre_matrix()))


def training_histories(data: PreparedData, protocol: str) -> list[np.ndarray]:
    """Movie-index histories the model may learn from: nothing evaluated under `protocol` leaks in. Arrays read
    from the columnar sequences, one per user, without a Python step per movie."""
    catalog, sequences = data.catalog, data.sequences
    if protocol == "full":
        return [catalog.index_array(sequences.array(u))[:-2] for u in data.full_users]
    if protocol == "next5":
        return [catalog.index_array(sequences.array(u)) for u in data.next5.train_users]
    if protocol == "serve":  # every user; only the validation users' held-out movies stay out (early stopping)
        valid, holdout = set(data.next5.valid_users), data.stats["config"]["holdout"]
        return [catalog.index_array(sequences.array(u)[:-holdout] if u in valid else sequences.array(u))
                for u in sequences]
    raise DualRecError(f"unknown protocol {protocol!r}; use 'next5', 'full' or 'serve'")


def validate(model: DualRecLSTM, data: PreparedData, cfg: TrainConfig, holdout: int) -> dict[str, float]:
    scorer = LSTMScorer(model, cfg.context_len)
    if cfg.protocol == "full":
        return evaluate_full(scorer, data.catalog, data.sequences, list(data.full_users), stage="valid")
    return evaluate_next5(scorer, data.catalog, data.sequences, list(data.next5.valid_users), holdout)


class SpanBatches(torch.utils.data.Dataset):
    """One epoch's (inputs [B, T], targets [B, T, horizon]) batches, each built when it is read: an epoch holds
    only which spans go together, so it streams from the histories (themselves read from the columnar sequences)."""

    def __init__(self, histories: list[np.ndarray], groups: list[list[tuple[int, tuple[int, int, int]]]],
                 horizon: int, pad_index: int):
        self.histories, self.groups, self.horizon, self.pad_index = histories, groups, horizon, pad_index

    def __len__(self) -> int:
        return len(self.groups)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        group = self.groups[i]  # IndexError past the end ends a plain for loop
        inputs = pad_batch([self.histories[h][begin:end] for h, (begin, end, _) in group], self.pad_index)
        targets = pad_batch([future_targets(self.histories[h], b, e, self.horizon, first, IGNORE)
                             for h, (b, e, first) in group], IGNORE)
        return torch.from_numpy(inputs), torch.from_numpy(targets)

    def shard(self, index: int, count: int) -> "SpanBatches":
        """This process's share under DDP: every `count`-th batch, the same number for every process (a process
        with one batch more would wait for the others at the end of the epoch)."""
        share = len(self.groups) // count
        return SpanBatches(self.histories, self.groups[index::count][:share], self.horizon, self.pad_index)


def make_batches(histories: list, cfg: TrainConfig, pad_index: int, rng: np.random.Generator) -> SpanBatches:
    """Batches of similar-length spans, in a seeded random order."""
    if cfg.objective == "positions":
        spans_of = lambda n: training_spans(n, cfg.max_len, cfg.chunk_warmup)  # noqa: E731
    elif cfg.objective == "windows":
        spans_of = lambda n: window_spans(n, cfg.window)  # noqa: E731
    else:
        raise DualRecError(f"unknown objective {cfg.objective!r}; use 'positions' or 'windows'")
    pieces = [(h, span) for h, history in enumerate(histories) for span in spans_of(len(history))]
    pieces.sort(key=lambda piece: piece[1][1] - piece[1][0])
    groups = [pieces[start : start + cfg.batch_size] for start in range(0, len(pieces), cfg.batch_size)]
    return SpanBatches(histories, [groups[i] for i in rng.permutation(len(groups))], cfg.horizon, pad_index)


def uses_full_softmax(cfg: TrainConfig, num_movies: int) -> bool:
    return cfg.loss == "full" or (cfg.loss == "auto" and num_movies <= cfg.full_softmax_max)


def sampled_softmax_loss(hidden: torch.Tensor, targets: torch.Tensor, output: nn.Linear, log_q: torch.Tensor,
                         negatives: int, generator: torch.Generator) -> torch.Tensor:
    """The next-movie loss over the true movie and `negatives` movies drawn from Q, shared by the whole batch.

    Each logit has log Q(movie) subtracted (the logQ correction of sampled softmax), so the popular movies that Q
    draws often are not learnt as too unlikely; a drawn movie that is a position's own target is not its negative.
    The output layer's cost is [positions x negatives] instead of [positions x catalogue].
    """
    real = targets != IGNORE  # [B, T, H]
    wanted = targets.clamp(min=0)
    drawn = torch.multinomial(log_q.exp(), negatives, replacement=True, generator=generator)  # [K]
    positive = ((hidden.unsqueeze(-2) * output.weight[wanted]).sum(-1) + output.bias[wanted] - log_q[wanted])
    negative = hidden @ output.weight[drawn].T + output.bias[drawn] - log_q[drawn]  # [B, T, K]
    negative = negative.unsqueeze(-2).expand(*wanted.shape, negatives)
    negative = negative.masked_fill(wanted.unsqueeze(-1) == drawn, float("-inf"))  # [B, T, H, K]
    log_probs = torch.log_softmax(torch.cat([positive.unsqueeze(-1), negative], dim=-1), dim=-1)[..., 0]
    return -(log_probs * real).sum() / real.sum().clamp(min=1)


def sampling_distribution(histories: list[list[int]], num_movies: int) -> torch.Tensor:
    """log Q: how often each movie is a training target, smoothed so every movie can be drawn."""
    targets = [np.asarray(h[1:], dtype=np.int64) for h in histories]
    counts = 1.0 + np.bincount(np.concatenate(targets or [np.zeros(0, dtype=np.int64)]), minlength=num_movies)
    return torch.from_numpy(np.log(counts / counts.sum())).float()


def next_movies_loss(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """Mean negative log-likelihood of every real target; with horizon 1 this is plain cross-entropy."""
    log_probs = torch.log_softmax(logits, dim=-1)
    real = targets != IGNORE
    picked = log_probs.gather(-1, targets.clamp(min=0))
    return -(picked * real).sum() / real.sum().clamp(min=1)


@dataclass(frozen=True)
class Progress:
    """Where training is, for a person watching (the app's first start shows it)."""
    epoch: int
    max_epochs: int
    batch: int
    batches: int
    epoch_seconds: float  # measured so far: the mean of finished epochs, else estimated from this one's batches
    best_epoch: int = 0  # the best validation so far (0: none yet); early stopping ends no sooner than
    patience: int = 0  # best_epoch + patience

    def plain(self) -> str:
        """Where it is; the app's page says the time left in all beside it (bot/wait.py)."""
        return (f"pass {self.epoch} of at most {self.max_epochs} over the data, {self.batch / max(self.batches, 1):.0%} "
                f"through it, {_duration(self.epoch_seconds)} a pass here")


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def train_epoch(model: DualRecLSTM, optimizer: torch.optim.Optimizer, batches, epoch: int,
                on_batch: Callable[[int, int, float], None] | None = None,
                loss_of: Callable[[DualRecLSTM, torch.Tensor, torch.Tensor], torch.Tensor] | None = None,
                accelerator: Accelerator | None = None) -> float:
    """One pass; `on_batch(done, total, seconds so far)` after each batch. `loss_of(model, inputs, targets)`: the
    full softmax's next_movies_loss unless told otherwise. Under `accelerator` (Hugging Face Accelerate: one CPU,
    one GPU, or DDP over several) the batches are this process's share and the backward pass is its."""
    model.train()
    total, count = 0.0, 0
    started = time.perf_counter()
    loss_of = loss_of or (lambda m, inputs, targets: next_movies_loss(m(inputs), targets))
    show = accelerator is None or accelerator.is_local_main_process
    with tqdm(batches, desc=f"epoch {epoch}", unit="batch", leave=False, disable=not show) as bar:
        for done, (inputs, targets) in enumerate(bar, start=1):
            if accelerator is not None:
                inputs, targets = inputs.to(accelerator.device), targets.to(accelerator.device)
            loss = loss_of(model, inputs, targets)
            optimizer.zero_grad(set_to_none=True)
            if accelerator is None:
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            else:
                accelerator.backward(loss)
                accelerator.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            n = int((targets != IGNORE).sum())
            total, count = total + loss.item() * n, count + n
            bar.set_postfix(loss=f"{total / max(count, 1):.3f}")
            if on_batch is not None:
                on_batch(done, len(batches), time.perf_counter() - started)
    return total / max(count, 1)


def make_accelerator(cfg: TrainConfig) -> Accelerator:
    """Accelerate picks the device and, under `torchrun` or `accelerate launch`, DDP over the processes: the same
    command on a laptop, a GPU or several. Mixed precision (bf16) only where a GPU supports it."""
    cuda = torch.cuda.is_available() and cfg.device != "cpu"
    precision = cfg.mixed_precision
    if precision == "auto":
        precision = "bf16" if cuda and torch.cuda.is_bf16_supported() else "no"
    return Accelerator(cpu=not cuda, mixed_precision=precision if cuda else "no")


def main(data_cfg: DataConfig, model_cfg: LSTMConfig, cfg: TrainConfig,
         progress: Callable[[Progress], None] | None = None) -> TrainResult:
    """Train, validate each epoch, keep the best; `progress` hears where training is, every few batches."""
    started = time.perf_counter()
    torch.set_num_threads(cfg.num_threads)
    torch.manual_seed(cfg.seed)
    rng = np.random.default_rng(cfg.seed)
    accelerator = make_accelerator(cfg)
    with accelerator.main_process_first():  # one process prepares; the others then load what it wrote
        data = ensure_prepared(data_cfg)
    plain = build_model(data.catalog, model_cfg)  # the unwrapped model: validated and saved
    histories = training_histories(data, cfg.protocol)
    if not any(len(h) > 1 for h in histories):
        raise DualRecError(f"nothing to train on: no {cfg.protocol} history in {data_cfg.prepared_dir} has two movies")
    model, optimizer = accelerator.prepare(
        plain, torch.optim.Adam(plain.parameters(), lr=cfg.learning_rate, weight_decay=cfg.weight_decay))
    plain = accelerator.unwrap_model(model)
    decay = torch.optim.lr_scheduler.ReduceLROnPlateau(
        optimizer, mode="max", factor=cfg.lr_decay_factor, patience=cfg.lr_decay_patience, threshold=cfg.min_delta,
        threshold_mode="abs") if cfg.lr_decay_patience else None
    loss_of = None  # the full softmax
    if not uses_full_softmax(cfg, len(data.catalog)):
        log_q = sampling_distribution(histories, len(data.catalog)).to(accelerator.device)
        draws = torch.Generator(device=accelerator.device).manual_seed(cfg.seed + accelerator.process_index)
        loss_of = lambda m, inputs, targets: sampled_softmax_loss(  # noqa: E731
            m(inputs, hidden_only=True).float(), targets, plain.output, log_q, cfg.negatives, draws)
    key = VALIDATION_KEY[cfg.protocol]
    out_dir = cfg.checkpoint_dir(data_cfg)
    best_score, best_epoch, best_metrics, best_state, history = -1.0, 0, {}, None, []
    trained_on = torch.cuda.get_device_name(accelerator.device) if accelerator.device.type == "cuda" else "cpu"

    def save(state_model: DualRecLSTM) -> None:
        save_checkpoint(
            out_dir, state_model, data.catalog.fingerprint, protocol=cfg.protocol, best_epoch=best_epoch,
            validation=best_metrics, train_config=asdict(cfg), context_len=cfg.context_len,
            prepared_input_sha256=data.stats["input_sha256"], history=history, seconds=time.perf_counter() - started,
            device=trained_on, mixed_precision=accelerator.mixed_precision, processes=accelerator.num_processes,
        )

    epoch_times: list[float] = []

    for epoch in range(1, cfg.epochs + 1):
        epoch_started = time.perf_counter()

        def on_batch(done: int, total: int, seconds: float) -> None:
            if progress is not None and (done == 1 or done % max(total // 50, 1) == 0):
                per_epoch = sum(epoch_times) / len(epoch_times) if epoch_times else seconds * total / done
                progress(Progress(epoch, cfg.epochs, done, total, per_epoch, best_epoch, cfg.patience))

        batches = make_batches(histories, cfg, plain.pad_index, rng)  # every process draws the same order
        if accelerator.num_processes > 1:
            batches = batches.shard(accelerator.process_index, accelerator.num_processes)
        loss = train_epoch(model, optimizer, batches, epoch, on_batch, loss_of, accelerator)
        train_seconds = time.perf_counter() - epoch_started
        metrics = validate(plain, data, cfg, data_cfg.holdout) if accelerator.is_main_process else None
        out_of_time = bool(cfg.max_minutes) and time.perf_counter() - started >= cfg.max_minutes * 60
        if accelerator.num_processes > 1:  # the main process's figures and clock decide for every process when to stop
            metrics, out_of_time = broadcast_object_list([metrics, out_of_time])
        epoch_times.append(time.perf_counter() - epoch_started)
        history.append({"epoch": epoch, "loss": loss, "train_seconds": train_seconds,
                        "learning_rate": optimizer.param_groups[0]["lr"], **metrics})
        if decay is not None:
            decay.step(metrics[key])  # every process the same, from the broadcast figures
        log.info("epoch %d: loss %.4f, valid %s %.4f", epoch, loss, key, metrics[key])
        if metrics[key] >= best_score + cfg.min_delta:
            best_score, best_epoch, best_metrics = metrics[key], epoch, metrics
            best_state = copy.deepcopy(plain.state_dict())
            if accelerator.is_main_process:
                save(plain)  # now, so an interrupted run keeps its best epoch
        elif epoch - best_epoch >= cfg.patience:
            log.info("%s has not improved by %s for %d epochs: stopping", key, cfg.min_delta, cfg.patience)
            break
        if out_of_time and epoch < cfg.epochs:
            log.info("%.1f minutes of training are spent (max_minutes %s): stopping after epoch %d",
                     (time.perf_counter() - started) / 60, cfg.max_minutes, epoch)
            break
    if best_state is None:  # no epoch gave a finite validation score: nothing worth saving
        raise DualRecError(f"no epoch of training gave a usable validation score ({key}); the catalogue or the "
                           "validation users may be too few")
    plain.load_state_dict(best_state)
    if accelerator.is_main_process:
        save(plain)  # the best weights again, with the whole history
    accelerator.wait_for_everyone()
    return TrainResult(out_dir, best_epoch, best_metrics, time.perf_counter() - started, accelerator.is_main_process)
