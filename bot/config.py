"""The app's configuration: the only place in `bot/` that reads the environment."""
from __future__ import annotations

from dataclasses import dataclass, field

from recommender.config import DataConfig, LSTMConfig, PredictorConfig, TrainConfig, env_data_settings


@dataclass(frozen=True)
class AppConfig:
    data: DataConfig
    model: LSTMConfig = field(default_factory=LSTMConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    predictor: PredictorConfig = field(default_factory=PredictorConfig)


def load_app_config() -> AppConfig:
    """DUALREC_HOME and DUALREC_DATA_DIR; everything else keeps the typed defaults."""
    return AppConfig(data=DataConfig(**env_data_settings()))
