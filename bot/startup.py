"""Build the ChatService from an AppConfig, one named step at a time, so the UI can show the first start.

On a fresh machine (or a new Space) the first start prepares MovieLens-1M (downloading it when no local copy
is configured), trains the LSTM when there is no checkpoint, converts SmolLM2 and loads SBERT. `Startup` runs
those steps in a background thread: the chat page opens at once and shows which step is running and the time
left in all, estimated from each step's measured time (bot/wait.py). What is derived and damaged is rebuilt:
prepared data that no longer loads or was prepared from other input, and (with auto-train) a checkpoint that is
damaged, holds weights that are not finite, fails a test ranking of a few histories
(NextMoviePredictor.from_checkpoint), was built for another catalogue or was trained on other data. Without
auto-train the page names the file and the command.
"""
from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bot import render
from bot.config import AppConfig
from bot.identity import identity_secret
from bot.act_reader import ActReader
from bot.mention_reader import MentionReader
from bot.wait import (TIMINGS_FILE, TRAIN, Estimate, TrainingReport, advance, estimate, load_timings,
                      measured_timings, planned_steps, save_timings, step_key)
from bot.service import ChatService
from db.feedback_log import open_feedback_log
from db.mounts import read_mountinfo
from db.repository import DatabaseError, Repository, database_url, make_engine, sqlite_network_mount
from recommender.artefacts import ArtefactError, Published, fetch, install_llm, install_lstm, verify
from recommender.chain import DualRecChain
from recommender.checkpoints import META, checkpoint_exists
from recommender.config import TrainConfig
from recommender.errors import CheckpointError, DualRecError
from recommender.llm import LLMConfig, build_chat_model
from recommender.matching import TitleMatcher
from recommender.predictor import NextMoviePredictor
from recommender import fitting
from recommender.data.prepared import PreparedData
from recommender.data.prepared import ensure_prepared

log = logging.getLogger(__name__)


def train_command(cfg: AppConfig) -> str:
    return f"python -m training.train_lstm --protocol {cfg.train.protocol}"


def missing_checkpoint_message(cfg: AppConfig) -> str:
    return (f"There is no trained sequence model in {cfg.train.checkpoint_dir(cfg.data)}. Train one with "
            f"`{train_command(cfg)}` (about 5 minutes on 2 cores), or start the app with "
            "DUALREC_AUTO_TRAIN=1 to train it on first start.")


def adopt_legacy_checkpoint(cfg: AppConfig) -> None:
    """A model trained before checkpoints were kept per catalogue (checkpoints/lstm-<protocol>) moves to its new
    place, so an upgraded install does not train again; one of another catalogue is then refused and retrained as
    any out-of-date model is."""
    checkpoint = cfg.train.checkpoint_dir(cfg.data)
    legacy = checkpoint.parent.parent / checkpoint.name
    if not checkpoint_exists(checkpoint) and checkpoint_exists(legacy):
        checkpoint.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(checkpoint, ignore_errors=True)  # a torn copy of an earlier try
        legacy.rename(checkpoint)
        log.info("moved the model trained before checkpoints were kept per catalogue: %s -> %s", legacy, checkpoint)


def fetch_artefacts(cfg: AppConfig, data: PreparedData, report: Callable[[str], None]) -> tuple[Published | None, str]:
    """(the publication DUALREC_ARTEFACTS names, checked: its files against its manifest's SHA-256, what it was
    trained on against the catalogue and MovieLens input prepared here; "") or (None, why it cannot be served).
    (None, "") when none is set."""
    if not cfg.artefacts:
        return None, ""
    report(render.FETCHING_ARTEFACTS.format(source=cfg.artefacts))
    try:
        folder = fetch(cfg.artefacts, cfg.data.home / "cache" / "artefacts")
        return verify(folder, data.catalog, data.stats.get("input_sha256")), ""
    except ArtefactError as exc:
        log.warning("published artefacts %s not used: %s", cfg.artefacts, exc)
        return None, str(exc)


def install_published_llm(cfg: AppConfig, published: Published | None) -> None:
    """The published converted SmolLM2 (training.publish --llm-copy) goes where the local backend looks for its own
    conversion, so this start loads it instead of converting; a problem leaves the conversion to the backend."""
    if published is None or not published.llm_cache_name or cfg.llm.backend != "local" or cfg.llm.model:
        return
    from recommender.llm.loading import conversion_name, smollm2_gguf_path

    try:
        install_llm(published, cfg.data.home / "models", conversion_name(smollm2_gguf_path()))
    except (DualRecError, OSError) as exc:
        log.warning("the published language model was not installed (%s); the backend converts its own", exc)


def llm_config_with(cfg: AppConfig, published: Published | None) -> LLMConfig:
    """The published LoRA adapter joins the local model it was trained on, unless DUALREC_LLM_ADAPTER names one
    (an endpoint serves its own adapters; another base model could not take it)."""
    llm = cfg.llm
    if published is None or published.adapter_dir is None or llm.backend != "local" or llm.adapter \
            or llm.model != published.adapter_base_model:
        return llm
    return replace(llm, adapter=str(published.adapter_dir))


def load_predictor(cfg: AppConfig, data: PreparedData, report: Callable[[str], None],
                   published: Published | None = None, not_used: str = "") -> NextMoviePredictor:
    """The served LSTM: the `published` one installed as the checkpoint when given (fetch_artefacts), else the
    one trained here; trained first when it is missing, damaged, or out of date (auto-train), else a clear error.
    `not_used`: why DUALREC_ARTEFACTS were not served, said with what happens instead."""
    adopt_legacy_checkpoint(cfg)
    checkpoint = cfg.train.checkpoint_dir(cfg.data)
    if published is not None:
        report(render.INSTALLING_ARTEFACTS.format(source=cfg.artefacts))
        try:
            install_lstm(published, checkpoint)
        except (ArtefactError, OSError) as exc:
            not_used = str(exc) or type(exc).__name__
    unused = render.artefacts_not_used(cfg.artefacts, not_used) if not_used else ""
    problem = ""
    if not checkpoint_exists(checkpoint):
        if not cfg.auto_train:
            raise CheckpointError(f"{unused[:1].upper()}{unused[1:]}. {missing_checkpoint_message(cfg)}"
                                  if unused else missing_checkpoint_message(cfg))
    else:
        try:
            predictor = NextMoviePredictor.from_checkpoint(checkpoint, data.catalog, cfg.predictor)
        except CheckpointError as exc:
            problem = str(exc).split("; ")[0]
        else:
            meta = json.loads((checkpoint / META).read_text())
            if meta.get("prepared_input_sha256") in (None, data.stats.get("input_sha256")):
                return predictor
            problem = f"the sequence model in {checkpoint} was trained on other data than {data.stats.get('source')}"
        if not cfg.auto_train:
            raise CheckpointError(f"{problem}. Train it again with `{train_command(cfg)}`, or start the app with "
                                  "DUALREC_AUTO_TRAIN=1 to do that on start." + (f" ({unused})" if unused else ""))
        log.warning("%s: training it again", problem)
        aside = checkpoint.with_name(checkpoint.name + ".replaced")  # kept until the new one is saved
        shutil.rmtree(aside, ignore_errors=True)
        checkpoint.rename(aside)
    why = "; ".join(part for part in (problem, unused) if part)
    step = f"{render.STEP_TRAINING}{' (' + why + ')' if why else ''}"
    report(step)
    fitting.main(cfg.data, cfg.model, cfg.train,  # the Progress rides along: the page estimates the time left from it
                 progress=lambda where: report(TrainingReport(f"{step}: {where.plain()}", where)))
    shutil.rmtree(checkpoint.with_name(checkpoint.name + ".replaced"), ignore_errors=True)
    report(render.STEP_LOADING_LSTM)
    return NextMoviePredictor.from_checkpoint(checkpoint, data.catalog, cfg.predictor)


def sqlite_disk_warning(cfg: AppConfig, mountinfo: str) -> str:
    """"" unless the database is SQLite on a network or FUSE mount (db.mounts, from `mountinfo`); there, the page's
    warning when the operator insists (DUALREC_SQLITE_ON_NETWORK=1), else a DatabaseError that says what to do."""
    found = sqlite_network_mount(database_url(cfg.data.home, cfg.database.url), mountinfo)
    if found is None:
        return ""
    path, mount = found
    if not cfg.sqlite_on_network:
        raise DatabaseError(render.sqlite_on_network_refused(path, mount.fstype, mount.point))
    log.warning("SQLite at %s on a %s mount (%s), as DUALREC_SQLITE_ON_NETWORK asks", path, mount.fstype, mount.point)
    return render.sqlite_on_network_warning(path, mount.fstype, mount.point)


def build_service(cfg: AppConfig, report: Callable[[str], None] = log.info,
                  repo: Repository | None = None,
                  load_llm: Callable[..., object] = build_chat_model) -> tuple[ChatService, str]:
    """(the service, a warning for the page or ""). Raises DualRecError with what is missing and how to fix it.
    Without `repo`, the database is DUALREC_DB_URL or SQLite under DUALREC_HOME. `load_llm(llm config, home)` makes
    the chat model: the ZeroGPU app's returns the one it loaded on the main thread before launch."""
    disk_warning = "" if repo else sqlite_disk_warning(cfg, read_mountinfo())  # refused before minutes of work
    report(render.STEP_READING.format(dataset=cfg.data.dataset_name))
    data = ensure_prepared(cfg.data)
    published, not_used = fetch_artefacts(cfg, data, report)
    report(render.STEP_LOADING_LSTM)
    predictor = load_predictor(cfg, data, report, published, not_used)
    report(render.STEP_SBERT)
    matcher = TitleMatcher.load(data.catalog, cfg.matching, cache_dir=cfg.data.home / "cache")
    warning = render.artefacts_warning(cfg.artefacts, not_used, cfg.auto_train) if not_used else ""
    if cfg.llm.backend != "none":
        report(render.STEP_LLM.format(backend=cfg.llm.backend))
    try:
        install_published_llm(cfg, published)
        llm = load_llm(llm_config_with(cfg, published), cfg.data.home)
    except (DualRecError, OSError, ValueError) as exc:  # a bad model path or adapter: still useful without it
        log.warning("language model not loaded: %s", exc)
        llm, warning = None, " ".join(filter(None, (warning, f"The language model could not be loaded ({exc}); "
                                                         "suggestions come from the sequence model alone.")))
    report(render.STEP_DATABASE)
    repo = repo or Repository(make_engine(database_url(cfg.data.home, cfg.database.url),
                                          identity_secret=cfg.ui.identity_secret, settings=cfg.database))
    warning = " ".join(filter(None, (disk_warning, warning)))
    chain = DualRecChain(predictor, matcher, llm, cfg.chain)
    service_cfg = replace(cfg.service, feedback_dir=cfg.service.feedback_dir or cfg.data.home / "feedback")
    # the same SBERT: the mention-status and message-act heads are a few kB each on top
    reader, acts = MentionReader.load(matcher.encoder), ActReader.load(matcher.encoder)
    # every rating as a JSONL line under feedback/, committed to DUALREC_FEEDBACK_DATASET when one is set
    feedback = open_feedback_log(service_cfg.feedback_dir, identity_secret(cfg.data.home, cfg.ui.identity_secret),
                                 cfg.feedback_dataset, cfg.feedback_every_min)
    return ChatService(data.catalog, matcher, chain, repo, service_cfg, reader=reader, acts=acts,
                       feedback=feedback), warning


@dataclass(frozen=True)
class StartupState:
    step: str
    elapsed_s: float
    ready: bool
    error: str = ""
    warning: str = ""
    left: Estimate | None = None  # while getting ready: the time left, this step and every later one

    def markdown(self) -> str:
        if self.error:
            return f"⚠️ **The recommender could not start.** {self.error}"
        if self.ready:
            return f"⚠️ {self.warning}" if self.warning else ""
        return render.getting_ready(self.step, self.elapsed_s, self.left)


def expects_training(cfg: AppConfig) -> bool:
    """Whether this start will train the LSTM, as far as can be told before it reads anything (a damaged model is
    found out later, and its training added to the estimate when it starts)."""
    return cfg.auto_train and not cfg.artefacts and not checkpoint_exists(cfg.train.checkpoint_dir(cfg.data))


class Startup:
    """Runs `build_service` in a background thread; `state()` says how far it got and how long it has left.

    Each step's time is measured and kept in DUALREC_HOME/startup-times.json (bot/wait.py), so the next start on
    this machine estimates from it."""

    def __init__(self, cfg: AppConfig | None, build: Callable[..., tuple[ChatService, str]] = build_service,
                 timings_path: Path | None = None, plan: tuple[str, ...] | None = None):
        self._cfg = cfg
        self._build = build
        self._timings_path = timings_path or (cfg.data.home / TIMINGS_FILE if cfg is not None else None)
        self._timings = load_timings(self._timings_path)  # the last start's: this start's estimates come from them
        if plan is None:
            plan = (planned_steps(expects_training(cfg), bool(cfg.artefacts), cfg.llm.backend != "none")
                    if cfg is not None else planned_steps(False, False, True))
        self._plan, self._position, self._key = plan, -1, ""
        self._max_epochs = cfg.train.epochs if cfg is not None else TrainConfig().epochs
        self._lock = threading.Lock()  # reports come from the build thread, state() from the server's
        self._step = "Starting"
        self._started = self._step_started = time.monotonic()
        self._durations: dict[str, float] = {}
        self._training: fitting.Progress | None = None
        self._train_s: float | None = None
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
            with self._lock:
                self._step_done(time.monotonic())
        except DualRecError as exc:
            self._error = str(exc)
        except Exception as exc:  # noqa: BLE001 - the page must say something, not hang on "getting ready"
            log.exception("startup failed")
            self._error = f"{type(exc).__name__}: {exc}. See the server log."
        finally:
            self._done.set()

    def _report(self, step: str) -> None:
        key, now = step_key(step), time.monotonic()
        with self._lock:
            if isinstance(step, TrainingReport):
                self._training = step.progress
            if key != self._key:  # a new step; training's progress updates are not logged
                log.info("startup: %s", step)
                self._step_done(now)
                self._plan, self._position = advance(self._plan, self._position, key)
                self._key, self._step_started = key, now
            self._step = step

    def _step_done(self, now: float) -> None:
        """The running step has ended: its time is kept (a step run twice, loading the model before and after
        training, keeps the longer), and the figures so far are saved for the next start."""
        if not self._key:
            return
        took = now - self._step_started
        self._durations[self._key] = max(took, self._durations.get(self._key, 0.0))
        if self._key == TRAIN:
            self._train_s = took
        if self._timings_path is not None:
            trained = self._training if self._train_s is not None else None
            save_timings(self._timings_path, measured_timings(self._timings, self._durations, trained, self._train_s))
        self._key = ""

    def wait(self, timeout_s: float | None = None) -> ChatService | None:
        self._done.wait(timeout_s)
        return self._service

    @property
    def service(self) -> ChatService | None:
        return self._service

    def state(self) -> StartupState:
        now = time.monotonic()
        with self._lock:
            step, training = self._step, self._training if self._key == TRAIN else None
            left = None if self._service is not None or self._error else estimate(
                self._plan, self._position, now - self._step_started, self._timings, training, self._max_epochs)
        return StartupState(step, now - self._started, self._service is not None, self._error, self._warning, left)
