"""The app's configuration: the only place in `bot/` that reads the environment.

DUALREC_HOME, DUALREC_DATA_DIR     where data, checkpoints and the database live; where ML-1M is
DUALREC_LLM_BACKEND                local (default: SmolLM2 on the CPU) | tgi | none (LSTM only)
DUALREC_LLM_MODEL                  local: a model folder, hub id or .gguf file (default: SmolLM2)
DUALREC_LLM_ADAPTER                local: a PEFT adapter folder; tgi: the adapter's name on the server
DUALREC_LLM_URL                    tgi: the server (TGI, vLLM, llama.cpp), e.g. http://gpu-host:8080
DUALREC_CHAIN_MODE                 free (the paper) | grounded (choose among the LSTM's top 20)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from recommender.chain import ChainConfig
from recommender.config import DataConfig, LSTMConfig, PredictorConfig, TrainConfig, env_data_settings
from recommender.llm import LLMConfig
from recommender.matching import MatchConfig

_LLM_ENV = {"backend": "DUALREC_LLM_BACKEND", "model": "DUALREC_LLM_MODEL", "adapter": "DUALREC_LLM_ADAPTER",
            "endpoint_url": "DUALREC_LLM_URL"}


@dataclass(frozen=True)
class AppConfig:
    data: DataConfig
    model: LSTMConfig = field(default_factory=LSTMConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    predictor: PredictorConfig = field(default_factory=PredictorConfig)
    llm: LLMConfig = field(default_factory=LLMConfig)
    chain: ChainConfig = field(default_factory=ChainConfig)
    matching: MatchConfig = field(default_factory=MatchConfig)


def load_app_config() -> AppConfig:
    """The environment above; everything else keeps the typed defaults."""
    llm = LLMConfig(**{name: os.environ[var] for name, var in _LLM_ENV.items() if os.environ.get(var)})
    chain = ChainConfig(mode=os.environ.get("DUALREC_CHAIN_MODE") or ChainConfig.mode)
    return AppConfig(data=DataConfig(**env_data_settings()), llm=llm, chain=chain)
