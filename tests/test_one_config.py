"""Configuration in one place, read once: bot/config.py is the only module that touches the environment, it loads
without torch, and the generation settings have one source of defaults (LLMConfig) with the app's own choices
(bot.config.APP_LLM) on top."""
import ast
import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import APP_LLM, load_app_config
from db.config import DatabaseConfig
from recommender.errors import ConfigError
from recommender.llm.config import LLMConfig

ROOT = Path(__file__).resolve().parent.parent
# Every module of the app and its scripts. The scripts (training/, benchmarks/) are command lines, but they start
# from the app's settings too (bot.config.env_data_settings, env_home, env_database), so they are held to the rule.
SCANNED = ["bot", "recommender", "db", "training", "benchmarks", "deploy", "app.py"]
THE_READER = ROOT / "bot" / "config.py"
# benchmarks.load starts the app in a child process with its own settings: it hands the child a copy of this
# environment with those added (the child's bot/config.py reads them), and reads none of it itself.
CHILD_ENVIRONMENTS = {ROOT / "benchmarks" / "load.py": 1}
ENV_FUNCTIONS = {"getenv", "putenv", "unsetenv", "getenvb"}


def environment_uses(source: str) -> list[int]:
    """Lines that read or write the process environment: os.environ / os.environb in any form, os.getenv,
    os.putenv, os.unsetenv, and the same names imported from os."""
    tree = ast.parse(source)
    imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and node.module == "os" for alias in node.names if alias.name in ENV_FUNCTIONS | {"environ", "environb"}}
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os" and (
                node.attr in ENV_FUNCTIONS | {"environ", "environb"}):
            lines.append(node.lineno)
        elif isinstance(node, ast.Name) and node.id in imported:
            lines.append(node.lineno)
    return sorted(lines)


def test_the_scan_finds_every_way_of_touching_the_environment():
    source = ("import os\nfrom os import environ, getenv as ge\nos.environ.get('A')\nos.getenv('B')\n"
              "os.environ['C'] = '1'\nenviron.setdefault('D', '')\nge('E')\nx = {**os.environ}\nos.path.join('a')\n")
    assert environment_uses(source) == [3, 4, 5, 6, 7, 8]


def test_only_bot_config_reads_or_writes_the_environment():
    offenders = {}
    files = [path for name in SCANNED for path in ((ROOT / name).rglob("*.py") if (ROOT / name).is_dir()
                                                   else [ROOT / name]) if path.exists()]
    assert THE_READER in files and len(files) > 50
    for path in files:
        if path == THE_READER:
            continue
        uses = environment_uses(path.read_text(encoding="utf-8"))
        if len(uses) > CHILD_ENVIRONMENTS.get(path, 0):
            offenders[str(path.relative_to(ROOT))] = uses
    assert not offenders, f"the environment is read outside bot/config.py: {offenders}"
    assert environment_uses(THE_READER.read_text()), "bot/config.py reads the environment"


def test_reading_the_configuration_loads_no_model_no_database_driver_and_no_ui():
    """In a fresh interpreter: importing bot.config and reading the settings pulls in neither torch nor transformers
    (seconds to load), nor SQLAlchemy, LangChain or Gradio."""
    code = ("import sys, bot.config\nbot.config.load_app_config()\nheavy = ('torch', 'transformers', 'sqlalchemy', "
            "'langchain_core', 'gradio', 'bot.service', 'recommender.chain')\n"
            "print(','.join(m for m in heavy if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == ""


def test_moved_settings_are_still_importable_from_their_old_homes():
    from bot import config
    from bot.service import ServiceConfig
    from recommender.chain import ChainConfig
    from recommender.prompts import PromptConfig

    assert ServiceConfig is config.ServiceConfig and ChainConfig is config.ChainConfig
    assert PromptConfig is config.PromptConfig


# -- one source of the generation settings -----------------------------------------------------------------------
def test_generation_defaults_have_one_source():
    """The engine's and the local chat model's defaults are LLMConfig's (they used to disagree: max_lines 5/0/0,
    prefix_cache 8/8/0, repetition_penalty 1.1/1.0/1.1)."""
    from recommender.llm.engine import GenerationSettings
    from recommender.llm.local import LocalChatModel

    source = LLMConfig()
    engine = GenerationSettings()
    model_fields = LocalChatModel.model_fields
    for name, engine_name in (("max_new_tokens", "max_new_tokens"), ("temperature", "temperature"),
                              ("repetition_penalty", "repetition_penalty"), ("max_lines", "max_lines"),
                              ("prefix_cache", "prefix_cache"), ("batch_size", "max_batch"), ("stop", "stop"),
                              ("worker_threads", "worker_threads")):
        assert getattr(engine, engine_name) == getattr(source, name), name
        assert model_fields[name].default == getattr(source, name), name
    assert GenerationSettings.from_config(source) == engine


def test_the_apps_llm_settings_are_llmconfig_with_the_app_choices(monkeypatch):
    for var in [v for v in os.environ if v.startswith("DUALREC_LLM_")]:
        monkeypatch.delenv(var)
    assert load_app_config().llm == dataclasses.replace(LLMConfig(), **APP_LLM)
    assert set(APP_LLM) <= {f.name for f in dataclasses.fields(LLMConfig)}  # no setting lost to a typo


@pytest.mark.slow
def test_the_served_engine_generates_with_the_apps_settings(monkeypatch, llm_home):
    """The local model the app builds from its configuration hands its engine exactly those settings."""
    from recommender.llm.engine import GenerationSettings
    from recommender.llm.local import LocalChatModel

    for var in [v for v in os.environ if v.startswith("DUALREC_LLM_")]:
        monkeypatch.delenv(var)
    llm = load_app_config().llm
    served = LocalChatModel.from_config(llm, llm_home).engine.settings
    assert served == GenerationSettings.from_config(llm)
    assert (served.max_lines, served.max_new_tokens, served.max_batch) == (
        APP_LLM["max_lines"], APP_LLM["max_new_tokens"], APP_LLM["batch_size"])
    assert (served.prefix_cache, served.repetition_penalty) == (LLMConfig.prefix_cache, LLMConfig.repetition_penalty)


# -- settings the app used to read or write elsewhere -------------------------------------------------------------
def test_the_database_settings_come_from_the_environment(monkeypatch):
    monkeypatch.delenv("DUALREC_DB_URL", raising=False)
    monkeypatch.delenv("DUALREC_DB_POOL_SIZE", raising=False)
    assert load_app_config().database == DatabaseConfig()
    monkeypatch.setenv("DUALREC_DB_URL", " postgresql://u:p@db.example.com/chat ")
    monkeypatch.setenv("DUALREC_DB_POOL_SIZE", "4")
    database = load_app_config().database
    assert (database.url, database.pool_size) == ("postgresql://u:p@db.example.com/chat", 4)
    monkeypatch.setenv("DUALREC_DB_POOL_SIZE", "0")
    with pytest.raises(ConfigError, match="DUALREC_DB_POOL_SIZE"):
        load_app_config()


def test_gradios_analytics_frequency_reaches_its_queue_without_touching_the_environment(monkeypatch):
    """Gradio reads GRADIO_ANALYTICS_CACHE_FREQUENCY into each queue it makes; the app sets that queue's value
    instead of writing the variable, and an operator's own setting still wins (read by bot.config)."""
    import gradio as gr

    from bot.app import ChatBlocks

    monkeypatch.setenv("GRADIO_ANALYTICS_CACHE_FREQUENCY", "3")
    assert gr.Blocks().queue()._queue.ANAYLTICS_CACHE_FREQUENCY == 3  # where Gradio keeps it (its spelling)
    assert load_app_config().ui.gradio_analytics_every == 3
    monkeypatch.delenv("GRADIO_ANALYTICS_CACHE_FREQUENCY")
    every = load_app_config().ui.gradio_analytics_every
    assert every == 1000
    demo = ChatBlocks(analytics_every=every)
    assert demo._queue.ANAYLTICS_CACHE_FREQUENCY == every  # the queue Blocks() makes itself
    demo.queue(default_concurrency_limit=4)
    assert demo._queue.ANAYLTICS_CACHE_FREQUENCY == every  # and the one the app's launch makes
    assert "GRADIO_ANALYTICS_CACHE_FREQUENCY" not in os.environ


class _RecordingEnviron(dict):
    """os.environ that remembers every name asked for."""

    def __init__(self, *args):
        super().__init__(*args)
        self.asked: set[str] = set()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)


def test_every_variable_the_app_reads_is_documented_in_the_readme_and_in_bot_config(monkeypatch):
    import bot.config

    environ = _RecordingEnviron({"SYSTEM": "spaces", "OAUTH_CLIENT_ID": "x", "DUALREC_LLM_BACKEND": "local"})
    monkeypatch.setattr(bot.config.os, "environ", environ)
    bot.config.load_app_config()
    bot.config.env_identity_secret()
    assert len(environ.asked) > 20  # the recording works: the app reads its settings through it
    environ.asked.discard("HOME")  # Path.expanduser's, for DUALREC_HOME's default
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", readme))
    assert environ.asked - documented == set(), "read by bot/config.py but missing from the README's table"
    docstring = bot.config.__doc__ or ""
    missing = {name for name in environ.asked if name not in docstring and name.rsplit("_", 1)[0] + "_" not in docstring}
    assert missing == set(), "read by bot/config.py but missing from its docstring"
