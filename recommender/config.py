"""Typed configuration: one frozen dataclass per concern, plus a small TOML / command-line loader.

Nothing here reads the environment: bot/config.py does, once, and passes the values on. These classes import
nothing heavy (no torch, no models), so the app's configuration can be read without loading them.
"""
from __future__ import annotations

import argparse
import dataclasses
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from recommender.errors import ConfigError

PREPARED_FORMAT_VERSION = 2  # 2: columnar sequences, folders named by dataset and catalogue
DEFAULT_HOME = Path("~/.cache/dualrec")

# How many movies a catalogue keeps when not told: ML-1M keeps the paper's 1,000 most rated; a CSV release keeps
# every movie with enough ratings for the LSTM to learn it (benchmarks/quality.py --min-ratings measures the
# threshold on next5).
DAT_CATALOGUE = (1000, 0)  # (num_movies, min_ratings)
CSV_CATALOGUE = (0, 10)


@dataclass(frozen=True)
class DataConfig:
    """Where MovieLens comes from and how it is turned into catalogue, sequences and splits."""

    home: Path = DEFAULT_HOME
    data_dir: Path | None = None  # None: download `dataset` from GroupLens into `home`
    dataset: str = "ml-1m"  # the release to download when there is no data_dir: ml-1m, ml-latest-small, ml-25m, ...
    # The catalogue: the `num_movies` most rated (0: all) of those with at least `min_ratings` ratings. None: the
    # format's default, DAT_CATALOGUE for ML-1M (the paper's 1,000) or CSV_CATALOGUE for the CSV releases.
    num_movies: int | None = None
    min_ratings: int | None = None
    max_title_tokens: int = 10
    holdout: int = 5  # next5: the last 5 movies of a test user are the ground truth
    split_fractions: tuple[float, float, float] = (0.70, 0.15, 0.15)
    split_seed: int = 2025
    # next5 users need 5 movies of input and 5 held out (the LoRA examples use both).
    min_next5_length: int = 10
    # full (leave-one-out) users need one training movie, one validation and one test movie.
    min_full_length: int = 3

    def __post_init__(self):
        if self.num_movies is not None and self.num_movies < 0:
            raise ConfigError(f"num_movies must be 0 (every movie) or more, not {self.num_movies}")
        if self.min_ratings is not None and self.min_ratings < 0:
            raise ConfigError(f"min_ratings must be 0 or more, not {self.min_ratings}")

    @property
    def dataset_name(self) -> str:
        """The data's name in folder names: the data directory's own name, else the downloaded release's."""
        return Path(self.data_dir).expanduser().resolve().name if self.data_dir is not None else self.dataset

    def data_format(self) -> str:
        """"dat" (ML-1M and ML-10M) or "csv": from the directory's files, in the order the readers look
        (recommender.data.readers.detect_format), or from the release's name."""
        if self.data_dir is not None:
            directory = Path(self.data_dir).expanduser()
            if (directory / "ratings.dat").is_file():
                return "dat"
            if (directory / "ratings.csv").is_file():
                return "csv"
        return "dat" if self.dataset_name in ("ml-1m", "ml-10m") else "csv"

    def catalogue_size(self) -> tuple[int, int]:
        """(num_movies, min_ratings), the format's default where not set."""
        num_movies, min_ratings = DAT_CATALOGUE if self.data_format() == "dat" else CSV_CATALOGUE
        return (num_movies if self.num_movies is None else self.num_movies,
                min_ratings if self.min_ratings is None else self.min_ratings)

    @property
    def catalogue_name(self) -> str:
        """The dataset and its catalogue: ml-1m-top1000, ml-1m-all, ml-latest-small-min10, ..."""
        num_movies, min_ratings = self.catalogue_size()
        parts = [self.dataset_name]
        if min_ratings > 1:
            parts.append(f"min{min_ratings}")
        parts.append(f"top{num_movies}" if num_movies > 0 else ("all" if min_ratings <= 1 else ""))
        return "-".join(p for p in parts if p)

    @property
    def prepared_dir(self) -> Path:
        """One folder per dataset and catalogue (and format version): ml-1m-top1000-v2, ml-latest-small-min10-v2."""
        return Path(self.home).expanduser() / "prepared" / f"{self.catalogue_name}-v{PREPARED_FORMAT_VERSION}"


@dataclass(frozen=True)
class LSTMConfig:
    """The paper's network. Sizes that depend on the data are filled in from the catalogue."""

    num_movies: int = 1000
    title_vocab_size: int = 2
    max_title_tokens: int = 10
    num_genres: int = 18
    movie_dim: int = 128
    title_dim: int = 64
    hidden1: int = 256
    hidden2: int = 128
    dropout: float = 0.3
    # Dropout on each step's input features (movie, title, genres); 0 in the paper. Larger networks than the paper's
    # overfit the movie embeddings of a small release (the standard ML-1M benchmark in the README uses it).
    input_dropout: float = 0.0


@dataclass(frozen=True)
class TrainConfig:
    """How `python -m training.train_lstm` trains. See the README for the per-position loss."""

    # "next5" trains on the training users; "full" on every user's prefix. "serve" is the chat app's model: every
    # user's whole history, but for the next5 validation users' last 5 movies, kept out to stop training early.
    protocol: str = "next5"
    epochs: int = 20
    batch_size: int = 16
    learning_rate: float = 4e-3
    weight_decay: float = 0.0
    patience: int = 3  # epochs without a better validation score before stopping
    # "Better" means by at least this much: full-protocol NDCG@10 creeps up by <0.005 after epoch 8 on ML-1M,
    # and stopping there keeps training within 15 minutes on 2 cores.
    min_delta: float = 0.002
    max_len: int = 200  # longest chunk of a history fed in one pass; longer ones are split
    seed: int = 0
    num_threads: int = 2
    chunk_warmup: int = 50  # movies re-read as context when a long history continues in a new span
    # "positions": one pass per history, every position scored. "windows": the paper's 30 -> 31 sliding
    # windows, kept to compare against (about 20x the compute).
    objective: str = "positions"
    window: int = 30
    horizon: int = 1  # each position learns its next `horizon` movies (1: the classic next-movie loss)
    # The output layer: "full" softmax over every movie, "sampled" softmax (`negatives` movies drawn by popularity
    # per batch, with the logQ correction), or "auto": full up to `full_softmax_max` movies, sampled above, where
    # the full one's [positions x catalogue] logits grow with the catalogue (benchmarks/objectives.py measures both).
    loss: str = "auto"
    negatives: int = 1024
    full_softmax_max: int = 10_000
    device: str = "auto"  # auto: a GPU when there is one (Accelerate); "cpu" to keep off it
    mixed_precision: str = "auto"  # auto: bf16 on a GPU that has it, else full precision; or "no", "fp16", "bf16"
    # Stop after the first epoch that ends past this many minutes of training, keeping the best epoch (0: no limit):
    # a sweep or a first start that must end in a known time.
    max_minutes: float = 0.0
    # Halve the learning rate (lr_decay_factor) once lr_decay_patience + 1 epochs in a row bring no better validation
    # score (torch's ReduceLROnPlateau, on the same score and min_delta; 0: a constant rate, the paper's). Early
    # stopping's `patience` counts differently: it stops after `patience` such epochs.
    lr_decay_patience: int = 0
    lr_decay_factor: float = 0.5

    def __post_init__(self):
        choices = {"loss": ("auto", "full", "sampled"), "device": ("auto", "cpu"),
                   "mixed_precision": ("auto", "no", "fp16", "bf16"), "protocol": ("next5", "full", "serve"),
                   "objective": ("positions", "windows")}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise ConfigError(f"{name} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}")
        if self.negatives < 1:
            raise ConfigError(f"negatives must be 1 or more, not {self.negatives}")
        if self.lr_decay_patience < 0:
            raise ConfigError(f"lr_decay_patience must be 0 (no decay) or more, not {self.lr_decay_patience}")
        if self.lr_decay_patience and self.lr_decay_patience + 1 >= self.patience:
            raise ConfigError(f"lr_decay_patience {self.lr_decay_patience} halves the rate no sooner than early "
                              f"stopping (patience {self.patience}) ends training: make it at most {self.patience - 2}")
        if not 0 < self.lr_decay_factor < 1:
            raise ConfigError(f"lr_decay_factor must be between 0 and 1, not {self.lr_decay_factor}")
        if not self.max_minutes >= 0:
            raise ConfigError(f"max_minutes must be 0 (no limit) or more, not {self.max_minutes}")
    run_name: str = ""  # a suffix for experiments: checkpoints/<catalogue>/lstm-<protocol>-<run_name>

    @property
    def context_len(self) -> int:
        """How many recent movies the trained model reads at inference."""
        return self.window if self.objective == "windows" else self.max_len

    def checkpoint_dir(self, data: "DataConfig") -> Path:
        """checkpoints/<dataset and catalogue>/lstm-<protocol>: a model per catalogue, so switching data keeps both."""
        suffix = f"-{self.run_name}" if self.run_name else ""
        return Path(data.home).expanduser() / "checkpoints" / data.catalogue_name / f"lstm-{self.protocol}{suffix}"


@dataclass(frozen=True)
class PredictorConfig:
    """Inference settings for NextMoviePredictor."""

    # Recent movies fed to the LSTM; None: what the checkpoint was trained on (200). On ML-1M next5, 50 scores
    # the same as 200 and keeps top_k under 5 ms at any history length (benchmarks/speed.py).
    context_len: int | None = 50



# The LLM prompt's modes (recommender.prompts): the paper's free recommendation, or a choice among the LSTM's top
FREE = "free"
GROUNDED = "grounded"
MODES = (FREE, GROUNDED)


@dataclass(frozen=True)
class PromptConfig:
    """What the LLM's prompt shows and asks for (recommender.prompts)."""

    recent: int = 5  # the paper's window of recent movies shown to the LLM
    count: int = 3  # movies asked for
    candidates: int = 20  # grounded mode: the LSTM's top-N offered to the LLM


@dataclass(frozen=True)
class ChainConfig:
    """The LSTM -> LLM chain (recommender.chain)."""

    mode: str = FREE  # free | grounded
    count: int = 3  # recommendations returned: the LSTM's pick first, then the LLM's
    prompt: PromptConfig = field(default_factory=PromptConfig)
    ranking_depth: int = 50  # LSTM movies kept for the top-up and the grounded candidates
    # Stop reading the LLM once it has written this many "(year)" titles; 0 reads to the end. Small models
    # name a movie, then ramble until the token limit: a chat need not wait for that.
    stop_after: int = 0
    # Deadlines for one LLM call, from its start: the first piece of text, and the whole answer. Past either,
    # the answer is the LSTM's with a note, whatever the server does (never answers, trickles keep-alives).
    first_token_s: float = 20.0
    answer_s: float = 60.0

T = TypeVar("T")


def _convert(value: Any, annotation: Any) -> Any:
    """Turn a TOML or command-line value into the field's declared type."""
    if value is None:
        return None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        return _convert(value, non_none[0])
    if origin is tuple:
        items = value.split(",") if isinstance(value, str) else list(value)
        return tuple(_convert(v, args[0]) for v in items)
    if annotation is Path:
        return Path(value).expanduser()
    if annotation is bool and isinstance(value, str):
        return value.lower() in {"1", "true", "yes"}
    return annotation(value)


def from_mapping(cls: type[T], values: dict[str, Any]) -> T:
    """Build dataclass `cls` from a mapping, converting types; unknown keys and bad values are ConfigErrors."""
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(values) - names
    if unknown:
        raise ConfigError(f"unknown {cls.__name__} settings: {', '.join(sorted(unknown))}")
    converted = {}
    for key, value in values.items():
        try:
            converted[key] = _convert(value, hints[key])
        except (TypeError, ValueError):
            expected = getattr(hints[key], "__name__", str(hints[key]))
            raise ConfigError(f"{cls.__name__}.{key}: {value!r} is not a valid {expected}") from None
    return cls(**converted)


def add_dataclass_arguments(parser: argparse.ArgumentParser, cls: type, prefix: str = "") -> None:
    """Add one optional `--name` flag per field; unset flags keep the value from below."""
    for spec in dataclasses.fields(cls):
        flag = "--" + (prefix + spec.name).replace("_", "-")
        parser.add_argument(flag, dest=prefix + spec.name, default=None, help=f"{cls.__name__}.{spec.name}")


def parse_config_args(
    argv: list[str] | None, description: str, sections: dict[str, tuple[type, str]], defaults: dict[str, dict]
) -> dict[str, Any]:
    """Parse `--config FILE.toml` and per-field flags into one dataclass per section.

    `sections` maps a TOML table name to (dataclass, flag prefix). A value comes from, in order of priority:
    its command-line flag, the TOML table, `defaults` (the environment), the dataclass default.
    """
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=None, help="TOML file with one table per section: "
                        + ", ".join(f"[{name}]" for name in sections))
    for cls, prefix in sections.values():
        add_dataclass_arguments(parser, cls, prefix)
    args = parser.parse_args(argv)
    tables: dict[str, Any] = {}
    if args.config is not None:
        try:
            with open(args.config, "rb") as f:
                tables = tomllib.load(f)
        except OSError as exc:
            raise ConfigError(f"cannot read config {args.config}: {exc.strerror}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config {args.config} is not valid TOML: {exc}") from None
    configs = {}
    for name, (cls, prefix) in sections.items():
        values = {**defaults.get(name, {}), **tables.get(name, {})}
        for spec in dataclasses.fields(cls):
            given = getattr(args, prefix + spec.name)
            if given is not None:
                values[spec.name] = given
        configs[name] = from_mapping(cls, values)
    return configs
