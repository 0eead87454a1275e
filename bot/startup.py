"""Build the ChatService from an AppConfig, one named step at a time, so the UI can show the first start.

On a fresh machine (or a new Space) the first start prepares MovieLens-1M (downloading it when no local copy
is configured), trains the LSTM when there is no checkpoint, converts SmolLM2 and loads SBERT. `Startup` runs
those steps in a background thread: the chat page opens at once and shows which step is running.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bot.config import AppConfig
from bot.service import ChatService
from db.repository import Repository, database_url, make_engine
from recommender.chain import DualRecChain
from recommender.checkpoints import checkpoint_exists
from recommender.errors import CheckpointError, DualRecError
from recommender.llm import build_chat_model
from recommender.matching import TitleMatcher
from recommender.predictor import NextMoviePredictor
from training import train_lstm
from training.prepare_data import ensure_prepared

log = logging.getLogger(__name__)


def missing_checkpoint_message(cfg: AppConfig) -> str:
    return (f"There is no trained sequence model in {cfg.train.checkpoint_dir(cfg.data.home)}. Train one with "
            "`python -m training.train_lstm` (about 5 minutes on 2 cores), or start the app with "
            "DUALREC_AUTO_TRAIN=1 to train it on first start.")


@contextmanager
def _forward_log(logger: logging.Logger, report: Callable[[str], None]) -> Iterator[None]:
    """Show a stage's own log lines (e.g. "epoch 3: loss ...") as the startup step while it runs."""
    class Forward(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            report(record.getMessage())

    handler = Forward(logging.INFO)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def build_service(cfg: AppConfig, report: Callable[[str], None] = log.info,
                  repo: Repository | None = None) -> tuple[ChatService, str]:
    """(the service, a warning for the page or ""). Raises DualRecError with what is missing and how to fix it.
    Without `repo`, the database is DUALREC_DB_URL or SQLite under DUALREC_HOME."""
    report("Reading MovieLens-1M (the first start prepares it, or downloads it from GroupLens: about a minute)")
    data = ensure_prepared(cfg.data)
    checkpoint = cfg.train.checkpoint_dir(cfg.data.home)
    if not checkpoint_exists(checkpoint):
        if not cfg.auto_train:
            raise CheckpointError(missing_checkpoint_message(cfg))
        step = "Training the sequence model: a one-time step, about 5 minutes on 2 cores"
        report(step)
        with _forward_log(train_lstm.log, lambda line: report(f"{step} ({line})")):
            train_lstm.main(cfg.data, cfg.model, cfg.train)
    report("Loading the sequence model")
    predictor = NextMoviePredictor.from_checkpoint(checkpoint, data.catalog, cfg.predictor)
    report("Loading Sentence-BERT for title matching")
    matcher = TitleMatcher.load(data.catalog, cfg.matching, cache_dir=cfg.data.home / "cache")
    warning = ""
    if cfg.llm.backend != "none":
        report(f"Loading the language model ({cfg.llm.backend}; the first local start converts SmolLM2, ~30 s)")
    try:
        llm = build_chat_model(cfg.llm, cfg.data.home)
    except (DualRecError, OSError, ValueError) as exc:  # a bad model path or adapter: still useful without it
        log.warning("language model not loaded: %s", exc)
        llm, warning = None, f"The language model could not be loaded ({exc}); suggestions come from the sequence model alone."
    report("Opening the database")
    repo = repo or Repository(make_engine(database_url(cfg.data.home)))
    chain = DualRecChain(predictor, matcher, llm, cfg.chain)
    return ChatService(data.catalog, matcher, chain, repo, cfg.service), warning


@dataclass(frozen=True)
class StartupState:
    step: str
    elapsed_s: float
    ready: bool
    error: str = ""
    warning: str = ""

    def markdown(self) -> str:
        if self.error:
            return f"⚠️ **The recommender could not start.** {self.error}"
        if self.ready:
            return f"⚠️ {self.warning}" if self.warning else ""
        return f"⏳ **Getting ready ({self.elapsed_s:.0f} s):** {self.step}…"


class Startup:
    """Runs `build_service` in a background thread; `state()` says how far it got."""

    def __init__(self, cfg: AppConfig | None, build: Callable[..., tuple[ChatService, str]] = build_service):
        self._cfg = cfg
        self._build = build
        self._step = "Starting"
        self._started = time.monotonic()
        self._service: ChatService | None = None
        self._warning = ""
        self._error = ""
        self._done = threading.Event()

    @classmethod
    def ready_with(cls, service: ChatService) -> "Startup":
        """An already-built service (tests, benchmarks)."""
        startup = cls(None, build=lambda cfg, report: (service, ""))  # type: ignore[arg-type]
        startup.run()
        return startup

    def start(self) -> "Startup":
        threading.Thread(target=self.run, name="dualrec-startup", daemon=True).start()
        return self

    def run(self) -> None:
        try:
            self._service, self._warning = self._build(self._cfg, self._report)
        except DualRecError as exc:
            self._error = str(exc)
        except Exception as exc:  # noqa: BLE001 - the page must say something, not hang on "getting ready"
            log.exception("startup failed")
            self._error = f"{type(exc).__name__}: {exc}. See the server log."
        finally:
            self._done.set()

    def _report(self, step: str) -> None:
        log.info("startup: %s", step)
        self._step = step

    def wait(self, timeout_s: float | None = None) -> ChatService | None:
        self._done.wait(timeout_s)
        return self._service

    @property
    def service(self) -> ChatService | None:
        return self._service

    def state(self) -> StartupState:
        return StartupState(self._step, time.monotonic() - self._started, self._service is not None, self._error,
                            self._warning)
