"""DUALRec Chat on a ZeroGPU Space (Gradio SDK): Mistral-7B-Instruct in bfloat16 with the published LoRA adapter.

The Space runs `python deploy/zerogpu/app.py` (the front matter's app_file, deploy/zerogpu/README.md). What ZeroGPU
asks, and where this file does it:
- `import spaces` (through recommender.llm.zerogpu) before anything initialises CUDA: on ZeroGPU it stands in
  for CUDA in this process;
- the model is loaded and sent to "cuda" on the main thread before `launch` (`load_llm`): ZeroGPU records that
  move on the main thread only, and packs the weights at launch;
- generation runs in the `@spaces.GPU` functions of recommender.llm.zerogpu, from the request's thread;
- the rest (MovieLens, the LSTM, SBERT, the database) is the Docker app's Startup, on the CPU, in the background.
Anywhere else `spaces.GPU` does nothing: this is the same app on a CPU or a CUDA GPU, and the tests run it with
SmolLM2 (DUALREC_LLM_MODEL=a folder). Every setting is the Docker app's (bot/config.py), with the defaults below.
"""
import logging
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the Space runs this file by its path; the project's packages are at the root
    sys.path.insert(0, str(ROOT))

from recommender.llm import zerogpu  # noqa: E402 - first: it imports `spaces`, see above

import gradio as gr  # noqa: E402

from bot.app import build_app, launch_options, with_secrets  # noqa: E402
from bot.config import AppConfig, UIConfig, load_app_config  # noqa: E402
from bot.startup import Startup, build_service, llm_config_with  # noqa: E402
from recommender.artefacts import ArtefactError, Published, check_files, fetch, read_manifest  # noqa: E402
from recommender.errors import DualRecError, run_script  # noqa: E402
from recommender.llm import LocalChatModel  # noqa: E402

log = logging.getLogger("dualrec.zerogpu")

# The model the LoRA adapter of the paper's design was trained on; DUALREC_LLM_MODEL chooses another (gated on the
# Hub: the Space needs an HF_TOKEN secret of an account that accepted its terms).
MISTRAL = "mistralai/Mistral-7B-Instruct-v0.3"
# Deadlines for an answer's first token and for the whole answer: a GPU call first waits for a GPU and, in a fresh
# GPU process, for 14.5 GB of weights to reach it (the CPU app's 20 s would often give up). Not measured here.
FIRST_TOKEN_S = 90.0
ANSWER_S = 120.0
QUEUE_WAITING = 64  # events waiting for a free worker beyond the ones running; more get Gradio's "queue is full"


def zerogpu_config(cfg: AppConfig) -> AppConfig:
    """The app's settings for ZeroGPU: the local backend on the GPU (Mistral-7B unless DUALREC_LLM_MODEL says
    otherwise) in bfloat16 unless DUALREC_LLM_DTYPE says otherwise; no prefill ahead (the model runs only inside
    GPU calls); the LSTM, if it has to be trained, on the CPU (it runs outside GPU calls); longer LLM deadlines."""
    llm = replace(cfg.llm, backend="local", model=cfg.llm.model or MISTRAL, device="auto", quantize="",
                  load_in_4bit=False, dtype="bfloat16" if cfg.llm.dtype == "auto" else cfg.llm.dtype)
    chain = replace(cfg.chain, first_token_s=max(cfg.chain.first_token_s, FIRST_TOKEN_S),
                    answer_s=max(cfg.chain.answer_s, ANSWER_S))
    return replace(cfg, llm=llm, chain=chain, service=replace(cfg.service, prewarm=False),
                   train=replace(cfg.train, device="cpu"))


def with_published_adapter(cfg: AppConfig) -> tuple[AppConfig, str]:
    """(`cfg` whose LLM takes the LoRA adapter published in DUALREC_ARTEFACTS, by the Docker app's rule:
    bot.startup.llm_config_with; why not, or ""). The adapter's files are checked against the manifest here; the
    LSTM's, and what it was trained on, are checked by the Startup as in the Docker app."""
    if not cfg.artefacts:
        return cfg, ""
    try:
        folder = fetch(cfg.artefacts, cfg.data.home / "cache" / "artefacts")  # the Startup's cache: fetched once
        manifest = read_manifest(folder)
        check_files(folder, manifest)
    except ArtefactError as exc:
        return cfg, str(exc)
    return replace(cfg, llm=llm_config_with(cfg, Published(folder, manifest))), ""


def load_llm(cfg: AppConfig) -> LocalChatModel | DualRecError:
    """The chat model, loaded here (on the main thread, before launch), or the error that stopped it."""
    try:
        return LocalChatModel.from_config(cfg.llm, cfg.data.home)
    except (DualRecError, OSError, ValueError) as exc:
        log.warning("language model not loaded: %s", exc)
        return exc if isinstance(exc, DualRecError) else DualRecError(str(exc))


def start(cfg: AppConfig, llm: LocalChatModel | DualRecError) -> Startup:
    """The Docker app's Startup, serving `llm` (or saying on the page why there is none)."""
    def loaded(config, home) -> LocalChatModel:
        if isinstance(llm, Exception):
            raise llm
        return llm

    return Startup(cfg, build=lambda config, report: build_service(config, report, load_llm=loaded)).start()


def build(cfg: AppConfig) -> tuple[gr.Blocks, Startup]:
    """The ZeroGPU app for the settings `cfg` (as bot.config reads them, secrets resolved): (the Gradio app, queued,
    not launched; its Startup)."""
    cfg, unused = with_published_adapter(zerogpu_config(cfg))
    if unused:
        log.warning("the published LoRA adapter is not used: %s", unused)
    startup = start(cfg, load_llm(cfg))
    return queued(build_app(startup, cfg.ui), cfg.ui), startup


def queued(demo: gr.Blocks, ui: UIConfig) -> gr.Blocks:
    """The Docker app's queue, with room to wait: on a ZeroGPU Space Gradio otherwise lets one event wait at a time
    (gradio.Blocks.queue: max_size 1), and most of a chat's events (history, thumbs, the page's load) need no GPU."""
    return demo.queue(default_concurrency_limit=ui.chat_concurrency, max_size=QUEUE_WAITING)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")

    def body() -> int:
        cfg = with_secrets(load_app_config())
        ui = cfg.ui
        log.info("ZeroGPU: %s", "on, generation runs in @spaces.GPU calls" if zerogpu.ON_ZEROGPU
                 else "off, @spaces.GPU does nothing here")
        demo, _ = build(cfg)
        demo.launch(server_name=ui.host, server_port=ui.port, **launch_options(ui))
        return 0

    return run_script(body)


if __name__ == "__main__":
    sys.exit(main())
