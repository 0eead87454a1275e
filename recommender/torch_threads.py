"""torch's CPU thread count, set per thread so that it holds.

torch keeps a thread count for each thread (OpenMP's setting), but a thread that has not run any torch work yet
takes the count most recently set anywhere the first time it does, replacing one set on it before. So a worker
that sets 2 threads and then waits can wake up on 1 because a chat turn set 1 meanwhile. `use_threads` asks for
the count first, which settles that default, so the count it sets is the one the thread keeps.

The app runs the local LLM's worker on 2 threads and every other thread's torch work on 1. Only one thread may
run on several: a second thread that has ever run a 2-thread operation keeps its own OpenMP team alive, and
with more OpenMP threads than cores libgomp stops spinning between parallel regions, which slowed SmolLM2's
prefill from 216 to 300 ms on this 2-core machine (and the engine's decoding steps as much).
"""
from __future__ import annotations

import torch


def use_threads(count: int) -> None:
    """This thread's torch work runs on `count` threads from now on (0 leaves it as it is)."""
    if count and torch.get_num_threads() != count:  # asking first settles the thread's default (see above)
        torch.set_num_threads(count)
