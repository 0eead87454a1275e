"""The app's configuration, and the only module that reads the environment: once, at start, into typed settings
that everything else takes as parameters (scripts too: `env_data_settings()`, `env_home()`, `env_database()`).

It imports no service and no model: reading it pulls in neither torch nor a database driver.

DUALREC_HOME                       where prepared data, checkpoints and the database live (default ~/.cache/dualrec)
DUALREC_DATA_DIR                   a MovieLens release to serve: ML-1M's .dat files (the paper's 1,000 movies) or a CSV
                                   release (ml-latest-small, ML-25M, ML-32M: every movie with 10 or more ratings)
DUALREC_DATASET                    with no DUALREC_DATA_DIR, the GroupLens release to download: ml-1m (default),
                                   ml-latest-small, ml-20m, ml-25m, ml-32m, ml-latest
DUALREC_LLM_BACKEND                local (default: SmolLM2 on the CPU) | tgi | langchain | none (LSTM only)
DUALREC_LLM_MODEL                  local: a model folder, hub id or .gguf file (default: SmolLM2); langchain:
                                   "provider:model"
DUALREC_LLM_ADAPTER                local: a PEFT adapter folder; tgi: the adapter's name on the server
DUALREC_LLM_URL                    tgi: the server (TGI, vLLM, llama.cpp), e.g. https://gpu-host:8080
DUALREC_LLM_API_KEY                tgi: the server's own key, sent to it alone (never HF_TOKEN); https unless loopback
DUALREC_LLM_QUANTIZE               local: none (default) | int8 (int8 weights on the CPU: faster, much worse answers)
DUALREC_LLM_DTYPE                  local: auto (default: bfloat16 where the CPU or GPU computes it) | float32 | bfloat16
DUALREC_LLM_FIRST_TOKEN_S          seconds to wait for the LLM's first token before answering from the LSTM (20)
DUALREC_LLM_ANSWER_S               seconds for the LLM's whole answer before answering from the LSTM (60)
DUALREC_CHAIN_MODE                 grounded (default: choose among the LSTM's top 8) | free (the paper)
DUALREC_PREFILL_AHEAD              1 (default): prefill a user's next prompt while they type; 0: off
DUALREC_AUTO_TRAIN                 1 (default): train the LSTM on first start when there is no checkpoint; 0: refuse
DUALREC_ARTEFACTS                  a folder or Hub repo id of published artefacts (python -m training.publish):
                                   served instead of training when they match the prepared catalogue
DUALREC_DB_URL                     any SQLAlchemy URL, e.g. postgresql://user:password@host/db?sslmode=require (a Space
                                   secret); default: SQLite in DUALREC_HOME. PostgreSQL on a host other than this one
                                   gets sslmode=require unless the URL says otherwise
DUALREC_DB_POOL_SIZE               PostgreSQL connections kept open (default 10, plus 5 in a burst)
DUALREC_SQLITE_ON_NETWORK          1: keep SQLite even when its file is on a network or FUSE mount (refused by
                                   default: its locking is not to be trusted there)
DUALREC_FEEDBACK_DATASET           user/name of a Hub dataset repo: ratings go there as JSONL (CommitScheduler)
DUALREC_FEEDBACK_EVERY_MIN         minutes between those commits (default 5)
DUALREC_BROWSER_SECRET             gr.BrowserState's key (public by design; must outlive restarts); default: a file in
                                   DUALREC_HOME made once
DUALREC_IDENTITY_SECRET            the key of the stored tokens' hashes (kept secret); default: a file in DUALREC_HOME
DUALREC_FRAME_ANCESTORS            who may frame the page (CSP frame-ancestors); default: the app, huggingface.co,
                                   Spaces
DUALREC_RATE_LIMIT                 1 (default): messages per user and per client address are limited; 0: off
DUALREC_TRUSTED_PROXIES            proxies in front that append to X-Forwarded-For (default 1 on a Space, else 0):
                                   the client's address for the rate limit is read that many hops from its end
GRADIO_SERVER_NAME, _PORT          where the chat listens (default 127.0.0.1:7860; the Dockerfile sets 0.0.0.0)
GRADIO_ANALYTICS_CACHE_FREQUENCY   events between two rebuilds of Gradio's monitoring summary (the app: 1000)
OAUTH_CLIENT_ID, SYSTEM=spaces     set by Hugging Face Spaces (`hf_oauth: true`): shows "Sign in with HF"; SYSTEM=spaces
                                   also sets DUALREC_TRUSTED_PROXIES' default

Gradio, huggingface_hub and torch read their own variables as they document them (GRADIO_ANALYTICS_ENABLED,
HF_HOME, HF_HUB_OFFLINE, OMP_NUM_THREADS, ...); the app neither reads nor sets them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.budget import WorkLimits
from bot.limits import MAX_BODY_BYTES
from bot.ratelimit import RateLimits
from bot.titles import SureRule
from db.config import DatabaseConfig
from recommender.config import (DEFAULT_HOME, ChainConfig, DataConfig, LSTMConfig, PredictorConfig, PromptConfig,
                                TrainConfig)
from recommender.errors import ConfigError
from recommender.llm.config import LLMConfig
from recommender.matching import MatchConfig

# The app grounds the LLM in the LSTM's candidates: with SmolLM2 it then adds movies and reasons and cannot
# name a movie outside the catalogue (README, "The whole pipeline"). Benchmarks keep the paper's free mode.
APP_CHAIN_MODE = "grounded"
# A chat waits for the answer, and on a CPU the prompt's length sets the first token's delay while every
# generated token costs 50-100 ms: the app offers the LLM the LSTM's top 8, and reads its answer up to the first
# "(year)" title. SmolLM2 mostly names one movie and then rambles to the token limit; the list's third movie
# then comes from the LSTM. (int8 weights would be faster still, but the 135M model then stops choosing among
# the candidates: README, "Latency".)
# "auto" weights: bfloat16 where the CPU computes it natively (AVX512-BF16, AMX) or on a GPU, float32 elsewhere.
# On this 2-core machine bfloat16 halves SmolLM2's prefill, and the app's answers matched the catalogue as
# often (benchmarks.pipeline --rows app: titles matched 0.393 vs 0.385 in float32, 0.72 vs 1.27 s per user).
# An answer that names no movie within 24 tokens is mostly rambling: stopping there cost 3 answers in 160 their
# LLM movie (benchmarks.pipeline --rows app: no usable movie 0.588, 0.569 with 32 tokens, 0.562 with 40) and
# cuts the slowest answers under load, which decode to the limit. 24 rows decode together, so 20 users asking
# at once all start at once instead of 4 waiting for a row, within the chat's 32 concurrent turns.
APP_LLM = {"max_lines": 3, "max_new_tokens": 24, "dtype": "auto", "batch_size": 24}
APP_PROMPT = PromptConfig(count=2, candidates=8)
APP_STOP_AFTER = 1
_LLM_ENV = {"backend": "DUALREC_LLM_BACKEND", "model": "DUALREC_LLM_MODEL", "adapter": "DUALREC_LLM_ADAPTER",
            "endpoint_url": "DUALREC_LLM_URL", "quantize": "DUALREC_LLM_QUANTIZE",
            "api_key": "DUALREC_LLM_API_KEY", "dtype": "DUALREC_LLM_DTYPE"}


@dataclass(frozen=True)
class ServiceConfig:
    """The chat service's settings (bot.service.ChatService)."""
    sure: SureRule = field(default_factory=SureRule)  # when a title is stored without asking
    min_history: int = 1  # movies needed before recommending from the history
    # After a history change, prefill the LLM prompt of "what next?" in the background (bot.prewarm), once
    # the user has been quiet this long: people take seconds to type; scripts send the next turn at once.
    prewarm: bool = True
    prewarm_delay_s: float = 0.5
    # The feedback files: the ratings log (db.feedback_log, under ratings/) and training.export_feedback's JSONL;
    # bot.startup opens the log here (DUALREC_HOME/feedback when unset), and "forget me" scrubs every file of it.
    feedback_dir: Path | None = None
    # torch threads for a turn's own work on a CPU (SBERT on a few words, the LSTM on one history); 0 leaves
    # torch's setting. The app uses 1: such small inputs run faster on one thread than on two (SBERT: 11 vs
    # 18 ms), and the other cores stay with the local LLM's engine, which keeps its own count (and must be the
    # only thread on several: recommender.torch_threads).
    turn_threads: int = 0
    work: WorkLimits = field(default_factory=WorkLimits)  # one message's title look-ups and matcher queries


@dataclass(frozen=True)
class UIConfig:
    host: str = "127.0.0.1"
    port: int = 7860
    oauth: bool = False  # Hugging Face login, when the Space enables it
    on_space: bool = False  # running on a Hugging Face Space (SYSTEM=spaces), whose disk is wiped at every restart
    # chat turns served at once. The local LLM decodes up to LLMConfig.batch_size answers together, and a
    # recommendation turn holds its slot until its answer is done: the limit leaves room for a full batch plus
    # the "I watched ..." turns that go on meanwhile, instead of queueing them behind the LLM.
    chat_concurrency: int = 32
    # gr.BrowserState's key and the key of the stored tokens' hashes (bot/identity.py). Empty: bot.app's main()
    # reads or creates DUALREC_HOME/browser-secret and /identity-secret; tests may leave them empty for random
    # ones per launch.
    browser_secret: str = ""
    identity_secret: str = ""
    # CSP frame-ancestors: the page may be framed by itself and by Hugging Face (a Space is shown in an iframe)
    frame_ancestors: str = "'self' https://huggingface.co https://*.hf.space"
    max_body_bytes: int = MAX_BODY_BYTES
    # Gradio 6 rebuilds a pandas summary of its last 10,000 events after every event, for a monitoring page the app
    # does not use: 3 ms of CPU per event at 500 events, 8 ms at 10,000. The app asks for it every this many
    # events instead (an operator's own GRADIO_ANALYTICS_CACHE_FREQUENCY overrides it). bot.app hands it to the
    # queue Gradio makes, without writing the environment.
    gradio_analytics_every: int = 1000
    # messages per user and per client address (bot.ratelimit); a limited one is answered "please wait"
    rate_limits: RateLimits = field(default_factory=RateLimits)


@dataclass(frozen=True)
class AppConfig:
    data: DataConfig
    model: LSTMConfig = field(default_factory=LSTMConfig)
    # the served model learns from every user's history (the evaluation models keep their splits)
    train: TrainConfig = field(default_factory=lambda: TrainConfig(protocol="serve"))
    predictor: PredictorConfig = field(default_factory=PredictorConfig)
    llm: LLMConfig = field(default_factory=LLMConfig)
    chain: ChainConfig = field(default_factory=ChainConfig)
    matching: MatchConfig = field(default_factory=MatchConfig)
    service: ServiceConfig = field(default_factory=ServiceConfig)
    ui: UIConfig = field(default_factory=UIConfig)
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    auto_train: bool = True  # first start trains the LSTM when no checkpoint exists
    artefacts: str = ""  # published artefacts (a folder or a Hub repo id) to serve instead of training
    sqlite_on_network: bool = False  # the operator insists on SQLite on a network or FUSE mount
    feedback_dataset: str = ""  # a Hub dataset repo id that receives the ratings as JSONL
    feedback_every_min: float = 5.0  # minutes between its commits


def _flag(value: str | None, default: bool) -> bool:
    return default if value in (None, "") else value.strip().lower() not in ("0", "false", "no", "off")


def _port(value: str | None) -> int:
    if not value:
        return UIConfig.port
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError(f"GRADIO_SERVER_PORT must be a port number, not {value!r}")
    return int(value)


def _count(variable: str, default: int, most: int = 10, least: int = 0) -> int:
    value = os.environ.get(variable)
    if not value:
        return default
    if not value.strip().isdigit() or not least <= int(value) <= most:
        raise ConfigError(f"{variable} must be a whole number from {least} to {most}, not {value!r}")
    return int(value)


def _amount(variable: str, default: float, unit: str = "seconds", below: float = 3600) -> float:
    value = os.environ.get(variable)
    if not value:
        return default
    try:
        amount = float(value)
    except ValueError:
        amount = -1.0
    if not 0 < amount < below:
        raise ConfigError(f"{variable} must be a number of {unit} between 0 and {below:g}, not {value!r}")
    return amount


def env_home() -> Path:
    """DUALREC_HOME, where prepared data, checkpoints, downloads and the SQLite database live (never in git)."""
    return Path(os.environ.get("DUALREC_HOME") or DEFAULT_HOME).expanduser()


def env_data_settings() -> dict[str, Any]:
    """The DataConfig settings that come from the environment (DUALREC_HOME, DUALREC_DATA_DIR, DUALREC_DATASET),
    for the app and for scripts to start from."""
    data_dir = os.environ.get("DUALREC_DATA_DIR")
    settings: dict[str, Any] = {"home": env_home(), "data_dir": Path(data_dir).expanduser() if data_dir else None}
    if os.environ.get("DUALREC_DATASET"):
        settings["dataset"] = os.environ["DUALREC_DATASET"]
    return settings


def env_database() -> DatabaseConfig:
    """DUALREC_DB_URL and DUALREC_DB_POOL_SIZE; "" leaves the SQLite file in DUALREC_HOME."""
    return DatabaseConfig(url=os.environ.get("DUALREC_DB_URL", "").strip(),
                          pool_size=_count("DUALREC_DB_POOL_SIZE", DatabaseConfig.pool_size, most=100, least=1))


def env_identity_secret() -> str:
    """DUALREC_IDENTITY_SECRET as set ("" when not: bot.identity then keeps one in DUALREC_HOME)."""
    return os.environ.get("DUALREC_IDENTITY_SECRET", "")


def load_app_config() -> AppConfig:
    """The environment above; everything else keeps the typed defaults."""
    llm = LLMConfig(**{**APP_LLM, **{name: os.environ[var] for name, var in _LLM_ENV.items() if os.environ.get(var)}})
    if llm.quantize in ("none", "0") or llm.backend != "local":
        llm = replace(llm, quantize="")
    chain = ChainConfig(mode=os.environ.get("DUALREC_CHAIN_MODE") or APP_CHAIN_MODE, prompt=APP_PROMPT,
                        stop_after=APP_STOP_AFTER,
                        first_token_s=_amount("DUALREC_LLM_FIRST_TOKEN_S", ChainConfig.first_token_s),
                        answer_s=_amount("DUALREC_LLM_ANSWER_S", ChainConfig.answer_s))
    ui = UIConfig(host=os.environ.get("GRADIO_SERVER_NAME") or UIConfig.host,
                  port=_port(os.environ.get("GRADIO_SERVER_PORT")),
                  # on a Space only: elsewhere Gradio would mock the login with the machine's own HF account
                  oauth=bool(os.environ.get("OAUTH_CLIENT_ID")) and os.environ.get("SYSTEM") == "spaces",
                  on_space=os.environ.get("SYSTEM") == "spaces",
                  browser_secret=os.environ.get("DUALREC_BROWSER_SECRET", ""),
                  identity_secret=env_identity_secret(),
                  frame_ancestors=os.environ.get("DUALREC_FRAME_ANCESTORS") or UIConfig.frame_ancestors,
                  gradio_analytics_every=_count("GRADIO_ANALYTICS_CACHE_FREQUENCY", UIConfig.gradio_analytics_every,
                                                most=10**9, least=1),
                  rate_limits=RateLimits(enabled=_flag(os.environ.get("DUALREC_RATE_LIMIT"), True),
                                         trusted_proxies=_count("DUALREC_TRUSTED_PROXIES", 1 if os.environ.get(
                                             "SYSTEM") == "spaces" else 0)))
    service = ServiceConfig(prewarm=_flag(os.environ.get("DUALREC_PREFILL_AHEAD"), True), turn_threads=1)
    return AppConfig(data=DataConfig(**env_data_settings()), llm=llm, chain=chain, ui=ui, service=service,
                     database=env_database(),
                     auto_train=_flag(os.environ.get("DUALREC_AUTO_TRAIN"), True),
                     artefacts=os.environ.get("DUALREC_ARTEFACTS", "").strip(),
                     sqlite_on_network=_flag(os.environ.get("DUALREC_SQLITE_ON_NETWORK"), False),
                     feedback_dataset=os.environ.get("DUALREC_FEEDBACK_DATASET", "").strip(),
                     feedback_every_min=_amount("DUALREC_FEEDBACK_EVERY_MIN", AppConfig.feedback_every_min,
                                                unit="minutes", below=24 * 60))
