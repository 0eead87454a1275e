"""The app reads its LLM and chain settings from the environment, and only there."""
from bot.config import load_app_config


def test_llm_backend_and_chain_mode_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("DUALREC_LLM_BACKEND", "tgi")
    monkeypatch.setenv("DUALREC_LLM_URL", "http://gpu-host:8080")
    monkeypatch.setenv("DUALREC_LLM_ADAPTER", "dualrec")
    monkeypatch.setenv("DUALREC_CHAIN_MODE", "grounded")
    cfg = load_app_config()
    assert (cfg.llm.backend, cfg.llm.endpoint_url, cfg.llm.adapter) == ("tgi", "http://gpu-host:8080", "dualrec")
    assert cfg.chain.mode == "grounded"


def test_defaults_are_the_local_smollm2_grounded_in_the_lstm_candidates(monkeypatch):
    for var in ("DUALREC_LLM_BACKEND", "DUALREC_LLM_URL", "DUALREC_LLM_ADAPTER", "DUALREC_LLM_MODEL", "DUALREC_CHAIN_MODE"):
        monkeypatch.delenv(var, raising=False)
    cfg = load_app_config()
    assert cfg.llm.backend == "local" and cfg.llm.model == "" and cfg.chain.mode == "grounded"


def test_the_local_llm_is_quantized_only_when_asked(monkeypatch):
    monkeypatch.delenv("DUALREC_LLM_BACKEND", raising=False)
    monkeypatch.delenv("DUALREC_LLM_QUANTIZE", raising=False)
    assert load_app_config().llm.quantize == ""
    monkeypatch.setenv("DUALREC_LLM_QUANTIZE", "none")
    assert load_app_config().llm.quantize == ""
    monkeypatch.setenv("DUALREC_LLM_QUANTIZE", "int8")
    assert load_app_config().llm.quantize == "int8"
    monkeypatch.setenv("DUALREC_LLM_QUANTIZE", "int8")
    monkeypatch.setenv("DUALREC_LLM_BACKEND", "tgi")
    assert load_app_config().llm.quantize == ""  # the server decides how it runs its model


def test_a_bad_port_is_a_clear_error(monkeypatch):
    import pytest

    from recommender.errors import ConfigError

    monkeypatch.setenv("GRADIO_SERVER_PORT", "seventy")
    with pytest.raises(ConfigError, match="GRADIO_SERVER_PORT"):
        load_app_config()


def test_hf_login_is_offered_only_on_a_space_with_oauth(monkeypatch):
    monkeypatch.setenv("OAUTH_CLIENT_ID", "client")
    monkeypatch.delenv("SYSTEM", raising=False)
    assert not load_app_config().ui.oauth  # elsewhere Gradio would mock it with the machine's HF account
    monkeypatch.setenv("SYSTEM", "spaces")
    assert load_app_config().ui.oauth


def test_prefill_ahead_is_on_unless_switched_off(monkeypatch):
    monkeypatch.delenv("DUALREC_PREFILL_AHEAD", raising=False)
    assert load_app_config().service.prewarm
    monkeypatch.setenv("DUALREC_PREFILL_AHEAD", "0")
    assert not load_app_config().service.prewarm


def test_the_identity_secret_and_the_framing_policy_come_from_the_environment(monkeypatch):
    import pytest

    from bot.app import launch_options
    from recommender.errors import ConfigError

    monkeypatch.setenv("DUALREC_IDENTITY_SECRET", "a-space-secret-0123456789")
    monkeypatch.setenv("DUALREC_FRAME_ANCESTORS", "'self' https://example.org")
    ui = load_app_config().ui
    assert ui.identity_secret == "a-space-secret-0123456789" and ui.frame_ancestors == "'self' https://example.org"
    monkeypatch.delenv("DUALREC_FRAME_ANCESTORS")
    assert "https://*.hf.space" in load_app_config().ui.frame_ancestors
    monkeypatch.setenv("DUALREC_FRAME_ANCESTORS", "'self'; script-src *")  # no second directive through it
    with pytest.raises(ConfigError, match="DUALREC_FRAME_ANCESTORS"):
        launch_options(load_app_config().ui)


def test_the_rate_limit_is_on_and_reads_the_proxys_address_only_on_a_space(monkeypatch):
    import pytest

    from recommender.errors import ConfigError

    for name in ("DUALREC_RATE_LIMIT", "DUALREC_TRUSTED_PROXIES", "SYSTEM"):
        monkeypatch.delenv(name, raising=False)
    limits = load_app_config().ui.rate_limits
    assert limits.enabled and limits.trusted_proxies == 0
    monkeypatch.setenv("SYSTEM", "spaces")
    assert load_app_config().ui.rate_limits.trusted_proxies == 1  # every visitor comes through the Space's proxy
    monkeypatch.setenv("DUALREC_TRUSTED_PROXIES", "2")
    assert load_app_config().ui.rate_limits.trusted_proxies == 2
    monkeypatch.setenv("DUALREC_RATE_LIMIT", "0")
    assert not load_app_config().ui.rate_limits.enabled
    monkeypatch.setenv("DUALREC_TRUSTED_PROXIES", "many")
    with pytest.raises(ConfigError, match="DUALREC_TRUSTED_PROXIES"):
        load_app_config()


def test_on_a_space_the_secrets_that_would_be_lost_at_restart_are_named(monkeypatch):
    from bot.identity import secrets_lost_at_restart

    for variable in ("SYSTEM", "DUALREC_BROWSER_SECRET", "DUALREC_IDENTITY_SECRET"):
        monkeypatch.delenv(variable, raising=False)
    assert secrets_lost_at_restart(load_app_config().ui) == []  # a disk that survives: files in DUALREC_HOME do
    monkeypatch.setenv("SYSTEM", "spaces")
    assert secrets_lost_at_restart(load_app_config().ui) == ["DUALREC_BROWSER_SECRET", "DUALREC_IDENTITY_SECRET"]
    monkeypatch.setenv("DUALREC_IDENTITY_SECRET", "x" * 32)
    assert secrets_lost_at_restart(load_app_config().ui) == ["DUALREC_BROWSER_SECRET"]
    monkeypatch.setenv("DUALREC_BROWSER_SECRET", "y" * 32)
    assert secrets_lost_at_restart(load_app_config().ui) == []


def test_both_apps_fill_the_secrets_from_home_and_name_the_lost_ones_on_a_space(monkeypatch, tmp_path, caplog):
    from bot.app import with_secrets

    for variable in ("DUALREC_BROWSER_SECRET", "DUALREC_IDENTITY_SECRET"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("DUALREC_HOME", str(tmp_path))
    monkeypatch.setenv("SYSTEM", "spaces")
    cfg = with_secrets(load_app_config())
    assert len(cfg.ui.browser_secret) >= 16 and len(cfg.ui.identity_secret) >= 16
    assert (tmp_path / "identity-secret").read_text().strip() == cfg.ui.identity_secret
    assert "DUALREC_BROWSER_SECRET and DUALREC_IDENTITY_SECRET" in caplog.text
