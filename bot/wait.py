"""How long the start still takes: the running step and every step still to come, from measured steps.

Each start records how long each of its steps took, and the training's seconds per pass and number of passes, in
DUALREC_HOME/startup-times.json; the next start on the same machine estimates from those figures. Before any
measurement, the figures are the README's (a first start of the ML-1M served model on 2 cores).

Training is the uncertain part: it runs at most `epochs` passes (TrainConfig.epochs) and usually stops earlier,
once validation has not improved for `patience` passes. So an estimate has two figures:
- `most_s`, the honest upper bound: every pass up to the maximum;
- `likely_s`: as many passes as training ran the last time here (10 in the README's measurement), but never
  fewer than the earliest pass at which it may stop (the best pass so far + patience).
Every other step is expected to take what it took the last time.
"""
from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot import render
from recommender.files import replace_atomically
from recommender.fitting import Progress

log = logging.getLogger(__name__)

TIMINGS_FILE = "startup-times.json"
TRAIN = "train"

# Each step of bot/startup.py (its words in bot/render.py) and the name its time is kept under. A step not named
# here is kept under its own words (up to ":" or " (").
STEP_KEYS = tuple((render.step_lead(words), key) for words, key in (
    (render.STEP_READING, "prepare"), (render.FETCHING_ARTEFACTS, "fetch"), (render.INSTALLING_ARTEFACTS, "install"),
    (render.STEP_TRAINING, TRAIN), (render.STEP_LOADING_LSTM, "checkpoint"), (render.STEP_SBERT, "sbert"),
    (render.STEP_LLM, "llm"), (render.STEP_DATABASE, "database")))

def step_key(text: str) -> str:
    """The name a step's time is kept under, from the words the step reports."""
    for prefix, key in STEP_KEYS:
        if text.startswith(prefix):
            return key
    return text.split(":")[0].split(" (")[0].strip()


def planned_steps(train: bool, artefacts: bool, llm: bool) -> tuple[str, ...]:
    """The steps a start is expected to run, in order (bot.startup.build_service). A step that turns out to be
    needed anyway (training a damaged model) is added when it starts (`advance`)."""
    return (("prepare",) + (("fetch",) if artefacts else ()) + ("checkpoint",) + (("install",) if artefacts else ())
            + ((TRAIN, "checkpoint") if train else ()) + ("sbert",) + (("llm",) if llm else ()) + ("database",))


class TrainingReport(str):
    """A training step's words that also carry its fitting.Progress, for the estimate; any other listener reads
    the words."""
    progress: Progress

    def __new__(cls, text: str, progress: Progress) -> "TrainingReport":
        report = super().__new__(cls, text)
        report.progress = progress
        return report


def advance(plan: tuple[str, ...], position: int, key: str) -> tuple[tuple[str, ...], int]:
    """(the plan, the running step's position) once step `key` starts: the next planned step of that name (the
    ones skipped were not needed), or a step added after the one that ran."""
    for index in range(position + 1, len(plan)):
        if plan[index] == key:
            return plan, index
    return plan[: position + 1] + (key,) + plan[position + 1 :], position + 1


@dataclass(frozen=True)
class Timings:
    """What the steps of a start take on this machine."""
    steps: Mapping[str, float] = field(default_factory=dict)  # seconds, by step_key
    epoch_s: float = 44.0  # a training pass, with its validation
    epochs: int = 10  # the passes the last training ran before early stopping ended it
    measured: bool = False  # False: the README's figures, not this machine's

    def step_s(self, key: str) -> float:
        return self.steps.get(key, DEFAULT_STEPS.get(key, 0.0))


# The README's first start on 2 cores (ML-1M, the served model): ready after 8.2 minutes, of which training 7.4
# (10 passes of about 44 s of at most 20), SBERT 12 s, SmolLM2's conversion 23 s; the rest (reading the prepared
# data, loading the model and the database) about 13 s.
DEFAULT_STEPS = {"prepare": 8.0, "checkpoint": 2.0, "sbert": 12.0, "llm": 23.0, "database": 3.0}
DEFAULT_TIMINGS = Timings()


def _seconds(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
        and value >= 0 else None


def load_timings(path: Path | None) -> Timings:
    """The last start's figures, or the README's when there are none or the file is not readable."""
    if path is None or not path.exists():
        return DEFAULT_TIMINGS
    try:
        saved = json.loads(path.read_text())
        steps = {str(k): s for k, v in saved.get("steps", {}).items() if (s := _seconds(v)) is not None}
        training = saved.get("training", {})
        epoch_s, epochs = _seconds(training.get("epoch_s")), training.get("epochs")
    except (OSError, ValueError, AttributeError) as exc:
        log.warning("%s not read (%s): estimating the start from the README's figures", path, exc)
        return DEFAULT_TIMINGS
    return Timings(steps, epoch_s if epoch_s else DEFAULT_TIMINGS.epoch_s,
                   epochs if isinstance(epochs, int) and not isinstance(epochs, bool) and epochs > 0
                   else DEFAULT_TIMINGS.epochs, measured=True)


def save_timings(path: Path, timings: Timings) -> None:
    """Written whole and then renamed, so a start never reads half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"steps": {k: round(v, 2) for k, v in sorted(timings.steps.items())},
                           "training": {"epoch_s": round(timings.epoch_s, 2), "epochs": timings.epochs}}, indent=2)
        replace_atomically(path, lambda part: part.write_text(text + "\n"))
    except OSError as exc:  # a read-only home: the next start estimates from the older figures
        log.warning("the start's step times were not saved to %s: %s", path, exc)


@dataclass(frozen=True)
class Estimate:
    """What is left of a start, in seconds."""
    likely_s: float
    most_s: float
    passes: int = 0  # the most training passes still counted in most_s (0: no training ahead)
    overrun: bool = False  # the running step has taken longer than it did before: its own rest is not counted


def training_left(progress: Progress | None, timings: Timings, max_epochs: int) -> tuple[float, float, int]:
    """(likely, most) seconds of training left, and the most passes, measured from `progress` once training has
    reported a batch, else from the last training's figures."""
    if progress is None:
        per_pass, done, earliest, max_epochs = timings.epoch_s, 0.0, 0, max_epochs
    else:
        per_pass, max_epochs = progress.epoch_seconds, progress.max_epochs
        done = progress.epoch - 1 + progress.batch / max(progress.batches, 1)
        earliest = max(progress.epoch, progress.best_epoch + progress.patience)
    likely_passes = min(max(timings.epochs, earliest), max_epochs)
    return max(likely_passes - done, 0.0) * per_pass, max(max_epochs - done, 0.0) * per_pass, max_epochs


def estimate(plan: Sequence[str], position: int, step_elapsed_s: float, timings: Timings,
             training: Progress | None = None, max_epochs: int = 20) -> Estimate:
    """The time left: the rest of the running step (plan[position]) plus every later step of the plan."""
    likely = most = 0.0
    passes, overrun = 0, False
    if 0 <= position < len(plan):
        running = plan[position]
        if running == TRAIN:
            likely, most, passes = training_left(training, timings, max_epochs)
        else:
            expected = timings.step_s(running)
            overrun = 0 < expected < step_elapsed_s
            likely = most = max(expected - step_elapsed_s, 0.0)
    for key in plan[max(position + 1, 0):]:
        if key == TRAIN:
            more_likely, more_most, passes = training_left(None, timings, max_epochs)
            likely, most = likely + more_likely, most + more_most
        else:
            likely, most = likely + timings.step_s(key), most + timings.step_s(key)
    return Estimate(likely, most, passes, overrun)


def measured_timings(before: Timings, steps: Mapping[str, float], training: Progress | None,
                     train_s: float | None) -> Timings:
    """The figures to keep after a start: this start's step times over the ones before, and the training's seconds
    per pass (its whole time over the passes it ran) when it trained."""
    kept = {**before.steps, **{k: v for k, v in steps.items() if k != TRAIN}} if before.measured \
        else {k: v for k, v in steps.items() if k != TRAIN}
    epoch_s, epochs = before.epoch_s, before.epochs
    if training is not None and train_s:
        epochs = training.epoch
        epoch_s = train_s / max(epochs - 1 + training.batch / max(training.batches, 1), 1e-9)
    return Timings(kept, epoch_s, epochs, measured=True)
