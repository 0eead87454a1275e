"""The local backend's generation as ZeroGPU work: `@spaces.GPU` functions, the same code on every machine.

On a ZeroGPU Space (the platform sets SPACES_ZERO_GPU, which the `spaces` package reads) a function decorated
with `spaces.GPU` gets a GPU for the length of one call: spaces forks a process for it (kept for later calls
while idle), moves the weights that were sent to "cuda" at start onto the GPU there, and pickles the arguments
and the results across. Anywhere else `spaces.GPU` returns the function itself (spaces/zero/decorator.py:
`if not Config.zero_gpu: return task`), so the CPU, the tests and a CUDA machine run exactly these functions.

What that asks of the callers (recommender.llm.local):
- the functions are decorated here, at import, before Gradio launches: at launch ZeroGPU packs the "cuda"
  weights and reports the decorated functions;
- they take and return plain data (prompt token ids, text), never the engine: it holds threads and locks,
  which do not pickle. The engine is looked up by key in `_engines`, which the forked process inherits;
- they are called on a thread that carries the Gradio request's context (contextvars): ZeroGPU reads the
  visitor's token from it to charge their own quota; without it the call is charged to the Space;
- in the main process the model is only ever sent to "cuda" (recorded by ZeroGPU, not run): it runs inside these
  calls alone, so the engine's worker thread starts in the GPU process. A prefill ahead would run it outside, so
  LocalChatModel.prefill does nothing on ZeroGPU.
"""
from __future__ import annotations

import sys
import weakref
from collections.abc import Iterator, Sequence
from typing import Any

import spaces  # before anything initialises CUDA: on ZeroGPU this import replaces torch's CUDA entry points
from spaces.config import Config as _SpacesConfig

# Whether this process runs on ZeroGPU (decided by `spaces` from the platform's environment at import).
ON_ZEROGPU: bool = _SpacesConfig.zero_gpu
# Seconds of GPU one answer asks for. ZeroGPU refuses a call when the visitor's quota left is under it and
# queues shorter requests first, so it is kept close to what an answer takes: a few dozen tokens, plus moving
# the weights onto the GPU in a fresh GPU process. Not measured here (no ZeroGPU); its default is 60.
GPU_SECONDS = 30

# Engines by key (weak: a model no longer used is freed); a forked GPU process finds the same engines.
_engines: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()
# GPU calls made in this process, and how many of them carried a Gradio request (what ZeroGPU charges).
calls = {"generate": 0, "stream": 0, "with_request": 0}


def register(engine: Any) -> int:
    """The key under which the GPU functions find `engine`."""
    key = id(engine)
    _engines[key] = engine
    return key


def _engine(key: int) -> Any:
    _count_call()
    return _engines[key]


def _count_call() -> None:
    context = sys.modules.get("gradio.context")  # no Gradio loaded: no request either (scripts, benchmarks)
    calls["with_request"] += context is not None and context.LocalContext.request.get(None) is not None


@spaces.GPU(duration=GPU_SECONDS)
def generate(engine_key: int, prompts: Sequence[Sequence[int]]) -> list[str]:
    """Whole answers for prompt token ids, generated together (BatchingEngine.generate)."""
    calls["generate"] += 1
    return _engine(engine_key).generate(prompts)


@spaces.GPU(duration=GPU_SECONDS)
def stream(engine_key: int, prompt: Sequence[int]) -> Iterator[str]:
    """One answer's text pieces as they are decoded (BatchingEngine.stream); closing it cancels the request."""
    calls["stream"] += 1
    yield from _engine(engine_key).stream(prompt)
