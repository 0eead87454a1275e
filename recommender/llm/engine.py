"""The local engine: one model shared by every user, generating their answers together (continuous batching).

A worker thread owns the model. Each loop it admits waiting requests (each prompt prefilled alone, reusing the
cached keys and values of a shared prefix, up to a budget of prompt tokens) and then decodes one token for
every admitted request in a single forward pass; with nothing to do it runs prefills ahead (`prefill`). A
request joins the running batch as soon as its prefill is done and leaves it when it finishes, so nobody waits
for someone else's whole answer.

Why by hand: on a 2-core CPU with SmolLM2, 20 prompts at once took 54 s one by one (`model.generate`), 21 s as
one padded batch and 34-76 s through transformers' ContinuousBatchingManager (its paged attention is built for
GPUs). A decoding step costs 58 ms for one sequence and 163 ms for twenty, while a prefill costs the same per
prompt alone or batched (~0.6 s for 350 tokens), so decoding is what batching buys here.

The batch's cache is a DynamicCache whose rows are left-padded to a common length; an attention mask hides
the padding and each row gets its own position ids, so every sequence sees exactly its own tokens. Merging a
new row and dropping finished ones use the public cache API (iteration, `update`, `batch_select_indices`).
"""
from __future__ import annotations

import atexit
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import torch
from transformers import DynamicCache, RepetitionPenaltyLogitsProcessor

from recommender.generation import Interrupted, PrefixCache, interruptible
from recommender.llm.config import LLMConfig
from recommender.torch_threads import use_threads

log = logging.getLogger(__name__)
_END = object()  # the last item of a request's queue
INCOMPLETE_CHARACTER = "\ufffd"  # what decoding gives for a multi-byte character cut after its first tokens


@dataclass(frozen=True)
class GenerationSettings:
    """What every answer is generated with; the endpoint backend sends the same settings to its server. The
    defaults are LLMConfig's, the one source of them (the app's own choices are bot.config.APP_LLM)."""

    max_new_tokens: int = LLMConfig.max_new_tokens
    temperature: float = LLMConfig.temperature  # 0: greedy
    repetition_penalty: float = LLMConfig.repetition_penalty  # 1.0: none
    max_lines: int = LLMConfig.max_lines  # finish once the answer holds this many lines; 0: no limit
    stop: tuple[str, ...] = LLMConfig.stop  # finish before the first of these, which is not part of the answer
    max_batch: int = LLMConfig.batch_size  # sequences decoded together; more wait for a free row
    # prompt tokens prefilled between two decoding steps (at least one prompt): larger joins more requests per
    # merge of the batch's cache, smaller keeps the running answers moving while others arrive
    admit_tokens: int = 1024
    prefix_cache: int = LLMConfig.prefix_cache  # prompts whose keys and values are kept (PrefixCache); 0: off
    worker_threads: int = LLMConfig.worker_threads  # torch threads in the worker on a CPU; 0: torch's when made

    @classmethod
    def from_config(cls, config: LLMConfig) -> "GenerationSettings":
        """The settings `config` asks for: what LocalChatModel.from_config(config) gives its engine (tests compare)."""
        return cls(max_new_tokens=config.max_new_tokens, temperature=config.temperature,
                   repetition_penalty=config.repetition_penalty, max_lines=config.max_lines, stop=tuple(config.stop),
                   max_batch=config.batch_size, prefix_cache=config.prefix_cache, worker_threads=config.worker_threads)


class AnswerText:
    """One answer's text as its tokens arrive: the new piece each token completes, and whether it is finished.

    A piece is held back while it ends in a multi-byte character whose bytes are still arriving, or in what
    could be the start of a stop string; the stop string itself is never part of the answer (OpenAI's rule)."""

    def __init__(self, tokenizer: Any, settings: GenerationSettings):
        self.tokenizer, self.settings = tokenizer, settings
        self.tokens: list[int] = []
        self.sent = 0  # characters handed out

    def add(self, token: int) -> tuple[str, bool]:
        self.tokens.append(token)
        text = self.tokenizer.decode(self.tokens, skip_special_tokens=True)
        settings = self.settings
        stops = [text.find(s) for s in settings.stop if s in text]
        finished = bool(stops) or len(self.tokens) >= settings.max_new_tokens or bool(
            settings.max_lines and text.lstrip().count("\n") >= settings.max_lines)
        if stops:
            text = text[: min(stops)]
        elif not finished:
            if text.endswith(INCOMPLETE_CHARACTER):
                return "", False
            text = text[: len(text) - _stop_prefix_length(text, settings.stop)]
        piece = text[self.sent:]
        self.sent = max(self.sent, len(text))
        return piece, finished


@dataclass(eq=False)
class _Request:
    prompt: tuple[int, ...]
    answer: AnswerText
    pieces: queue.Queue = field(default_factory=queue.Queue)  # text pieces, then _END or an exception
    cancelled: threading.Event = field(default_factory=threading.Event)
    submitted: float = field(default_factory=time.monotonic)
    admitted: float = 0.0  # when its prefill started
    prefilled: float = 0.0  # when its prefill ended


@dataclass(eq=False)
class _Ahead:
    """A prefill ahead handed to the worker; `done` is set when it ran, gave way or was replaced."""
    prompt: tuple[int, ...]
    computed: int = 0  # prompt tokens computed and cached
    done: threading.Event = field(default_factory=threading.Event)


class BatchingEngine:
    """Generation for many concurrent callers through one model: `stream`, `generate`, and `prefill` ahead."""

    def __init__(self, model: Any, tokenizer: Any, settings: GenerationSettings):
        self.model, self.tokenizer, self.settings = model, tokenizer, settings
        self.device = next(model.parameters()).device
        # fixed now: torch's count is a default for threads started later, which the app's chat turns lower
        self.threads = settings.worker_threads or torch.get_num_threads()
        eos = getattr(getattr(model, "generation_config", None), "eos_token_id", None)
        eos = tokenizer.eos_token_id if eos is None else eos
        self.eos_ids = set(eos if isinstance(eos, (list, tuple)) else [eos]) - {None}
        self.penalty = (RepetitionPenaltyLogitsProcessor(settings.repetition_penalty)
                        if settings.repetition_penalty != 1.0 else None)
        self.prefixes = PrefixCache(settings.prefix_cache)
        self.model_lock = threading.Lock()  # held by the worker while it runs the model
        self._changed = threading.Condition()  # guards _pending; notified when work arrives
        self._pending: deque[_Request] = deque()
        self._active: list[_Request] = []  # the batch's rows, in order (only the worker changes it)
        self._cache: DynamicCache | None = None
        self._mask: torch.Tensor | None = None  # [rows, cached length]: 1 for real tokens, 0 for padding
        self._positions: torch.Tensor | None = None  # [rows]: the position id of each row's next token
        self._next: torch.Tensor | None = None  # [rows, 1]: each row's last chosen token, not yet fed
        self._ahead: _Ahead | None = None  # a prefill ahead for the worker to run while it has nothing else
        self._worker: threading.Thread | None = None
        self._closed = False
        # how much batching happened and where the time went: decoding steps, tokens chosen, the most rows one
        # step decoded, seconds in steps; prompts prefilled, their tokens computed, seconds in prefill
        self.stats = {"steps": 0, "tokens": 0, "widest": 0, "step_s": 0.0,
                      "prefills": 0, "prefill_tokens": 0, "prefill_s": 0.0}

    # -- callers ------------------------------------------------------------------------------------------
    def stream(self, prompt: Sequence[int]) -> Iterator[str]:
        """The answer's text, piece by piece as it is decoded. Closing the iterator cancels the request."""
        request = self._submit(prompt)
        try:
            yield from _pieces(request)
        finally:
            request.cancelled.set()

    def generate(self, prompts: Sequence[Sequence[int]]) -> list[str]:
        """Whole answers for several prompts, generated together (all submitted before any is read)."""
        requests = [self._submit(p) for p in prompts]
        try:
            return ["".join(_pieces(request)) for request in requests]
        finally:  # after a failure the others stop too; a finished request ignores it
            for request in requests:
                request.cancelled.set()

    @property
    def busy(self) -> bool:
        """Generating, or a request is waiting to."""
        return bool(self._pending or self._active) or self.model_lock.locked()

    def prefill(self, prompt: Sequence[int]) -> int:
        """Computes and caches the prompt's keys and values ahead of a request that will send it, only while the
        model is idle: it returns 0 at once when it is busy. The worker runs the pass (the only thread that runs
        the model, see recommender.torch_threads) and this call waits for it. When a request arrives mid-pass,
        the pass goes on if the request's prompt starts with this one (it is the request this prefill was for);
        otherwise it gives the model up within one decoder layer, keeping nothing of the pass. A newer prefill
        replaces one not started yet. Returns the tokens computed.

        One pass, not chunks: every forward pass streams all the weights, and on a 2-core CPU SmolLM2's
        ~300-token prompt took 0.73 s in one pass, 0.95 s in 128-token chunks and 1.13 s in 64-token ones."""
        if not self.settings.prefix_cache or self.busy:
            return 0
        job = _Ahead(tuple(prompt))
        with self._changed:
            if self._closed:
                return 0
            if self._ahead is not None:
                self._ahead.done.set()  # replaced: it computed nothing
            self._ahead = job
            self._start_worker()
            self._changed.notify()
        job.done.wait()
        return job.computed

    def wait_idle(self, timeout: float) -> bool:
        """Whether every request finished (or was cancelled) and the model is free, within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while self.busy:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def _submit(self, prompt: Sequence[int]) -> _Request:
        if not prompt:
            raise ValueError("an empty prompt")
        request = _Request(tuple(prompt), AnswerText(self.tokenizer, self.settings))
        with self._changed:
            self._start_worker()
            self._pending.append(request)
            self._changed.notify()
        return request

    def _start_worker(self) -> None:
        """Starts the worker unless it runs (the caller holds `_changed`)."""
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, name="llm-engine", daemon=True)
            self._worker.start()
            atexit.register(self.close)  # a worker killed inside torch at exit aborts the process

    def _worth_waiting_for(self, prompt: tuple[int, ...]) -> bool:
        """Whether every waiting request starts with `prompt`, so a prefill of it is theirs to reuse."""
        return all(r.prompt[: len(prompt)] == prompt for r in list(self._pending))

    # -- the worker ---------------------------------------------------------------------------------------
    def close(self) -> None:
        """Stops the worker once it is idle (at exit); requests still running are cancelled."""
        with self._changed:
            self._closed = True
            for request in [*self._pending, *self._active]:
                request.cancelled.set()
            if self._ahead is not None:
                self._ahead.done.set()
            self._changed.notify()
        if self._worker is not None and self._worker is not threading.current_thread():
            self._worker.join(timeout=10)

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._pending and not self._active and self._ahead is None and not self._closed:
                    self._changed.wait()
                if self._closed and not self._pending and not self._active:
                    return
                ahead, self._ahead = self._ahead, None
            self._limit_threads()  # every loop: cheap, and nothing another thread sets can change it
            if ahead is not None:
                self._prefill_ahead(ahead)
                continue
            try:
                if self._pending and len(self._active) < self.settings.max_batch:
                    self._admit()
                if self._active:
                    self._step()
            except Exception as exc:  # noqa: BLE001 - each caller gets it; the worker goes on for later requests
                log.exception("local generation failed")
                for request in self._active:
                    request.pieces.put(exc)
                self._reset()

    def _prefill_ahead(self, job: _Ahead) -> None:
        """A prefill ahead (`prefill`), on the worker; nothing when requests came first."""
        try:
            if self._pending or self._active:
                return
            with self.model_lock, torch.inference_mode():
                cache, cached = self.prefixes.take(job.prompt)
                if cached == len(job.prompt) - 1:  # all there already: a request computes the last token itself
                    return
                try:  # a request for this very prompt waits for the pass instead
                    with interruptible(self.model, lambda: not self._worth_waiting_for(job.prompt)):
                        self._forward_prompt(job.prompt[cached:], cache)
                except Interrupted:
                    log.debug("prefill ahead gave way to a request")
                    return
                self.prefixes.keep(job.prompt, cache)
            job.computed = len(job.prompt) - cached
            log.debug("prefilled %d prompt tokens ahead (%d were cached)", job.computed, cached)
        except Exception:  # noqa: BLE001 - a failed prefill ahead only costs the speed-up
            log.warning("prefill ahead failed", exc_info=True)
        finally:
            job.done.set()

    def _admit(self) -> None:
        """Waiting requests, oldest first, up to `admit_tokens` of prompt: prefill each prompt alone, choose its
        first token, and join them to the batch in one merge (each merge copies the batch's keys and values)."""
        joining: list[tuple[_Request, DynamicCache, int]] = []
        budget = self.settings.admit_tokens
        with self.model_lock, torch.inference_mode():
            while self._pending and len(self._active) + len(joining) < self.settings.max_batch and (
                    budget > 0 or not joining):
                with self._changed:  # taken off the waiting list only now, so a prefill ahead sees it waiting
                    request = self._pending.popleft()
                if request.cancelled.is_set():
                    request.pieces.put(_END)
                    continue
                try:
                    request.admitted = time.monotonic()
                    cache, cached = self.prefixes.take(request.prompt)
                    logits = self._forward_prompt(request.prompt[cached:], cache)
                    request.prefilled = time.monotonic()
                    self.stats["prefills"] += 1
                    self.stats["prefill_tokens"] += len(request.prompt) - cached
                    self.stats["prefill_s"] += request.prefilled - request.admitted
                    self.prefixes.keep(request.prompt, cache)
                except Exception as exc:  # noqa: BLE001 - this request fails; the batch goes on
                    log.exception("prefill failed")
                    request.pieces.put(exc)
                    continue
                budget -= len(request.prompt) - cached
                token = self._choose(request, logits[0])
                if not self._advance(request, token):
                    joining.append((request, cache, token))
            if joining:
                self._join(joining)

    def _forward_prompt(self, tokens: Sequence[int], cache: DynamicCache) -> torch.Tensor:
        ids = torch.tensor([list(tokens)], device=self.device)
        return self.model(input_ids=ids, past_key_values=cache, use_cache=True, logits_to_keep=1).logits[:, -1]

    def _join(self, joining: list[tuple[_Request, DynamicCache, int]]) -> None:
        """Adds prefilled requests as the batch's last rows, every row's keys and values left-padded to the
        longest; the attention mask marks the padding."""
        old = [] if self._cache is None else [self._cache]
        caches = old + [cache for _, cache, _ in joining]
        width = max(cache.get_seq_length() for cache in caches)
        if len(caches) == 1:
            merged = caches[0]
        else:
            merged = DynamicCache()
            for layer, states in enumerate(zip(*caches)):  # per cache: (keys, values, sliding window or None)
                merged.update(torch.cat([_left_pad(keys, width) for keys, _, *_ in states]),
                              torch.cat([_left_pad(values, width) for _, values, *_ in states]), layer)
        masks = [] if self._mask is None else [_left_pad(self._mask, width, dim=1)]
        positions = [] if self._positions is None else [self._positions]
        tokens = [] if self._next is None else [self._next]
        for _, cache, token in joining:
            length = cache.get_seq_length()
            masks.append(_left_pad(torch.ones((1, length), dtype=torch.long, device=self.device), width, dim=1))
            positions.append(torch.tensor([length], device=self.device))
            tokens.append(torch.tensor([[token]], device=self.device))
        self._cache, self._mask = merged, torch.cat(masks)
        self._positions, self._next = torch.cat(positions), torch.cat(tokens)
        self._active.extend(request for request, _, _ in joining)

    def _step(self) -> None:
        """One token for every row; finished and cancelled rows leave the batch."""
        with self.model_lock, torch.inference_mode():
            started = time.monotonic()
            rows = len(self._active)
            mask = torch.cat([self._mask, torch.ones((rows, 1), dtype=torch.long, device=self.device)], dim=1)
            logits = self.model(input_ids=self._next, attention_mask=mask, position_ids=self._positions[:, None],
                                past_key_values=self._cache, use_cache=True).logits[:, -1]
            self._mask, self._positions = mask, self._positions + 1
            self.stats["steps"] += 1
            self.stats["step_s"] += time.monotonic() - started
            self.stats["widest"] = max(self.stats["widest"], rows)
            keep, tokens = [], []
            for row, request in enumerate(self._active):
                token = self._choose(request, logits[row])
                if not self._advance(request, token):
                    keep.append(row)
                    tokens.append(token)
            if not keep:
                self._reset()
                return
            if len(keep) < rows:
                index = torch.tensor(keep, device=self.device)
                self._cache.batch_select_indices(index)
                self._mask, self._positions = self._mask[index], self._positions[index]
                self._active = [self._active[row] for row in keep]
            self._next = torch.tensor(tokens, device=self.device)[:, None]

    def _choose(self, request: _Request, logits: torch.Tensor) -> int:
        scores = logits[None].float()
        if self.penalty is not None:
            seen = torch.tensor([list(request.prompt) + request.answer.tokens], device=self.device)
            scores = self.penalty(seen, scores)
        if self.settings.temperature > 0:
            probabilities = torch.softmax(scores / self.settings.temperature, dim=-1)
            return int(torch.multinomial(probabilities, 1)[0, 0])
        return int(scores.argmax(dim=-1)[0])

    def _advance(self, request: _Request, token: int) -> bool:
        """Hands out the text the token completes; True when the request is finished."""
        if request.cancelled.is_set() or token in self.eos_ids:
            request.pieces.put(_END)
            self._log_done(request)
            return True
        self.stats["tokens"] += 1
        piece, finished = request.answer.add(token)
        if piece:
            request.pieces.put(piece)
        if finished:
            request.pieces.put(_END)
            self._log_done(request)
        return finished

    def _log_done(self, request: _Request) -> None:
        log.debug("request done: waited %.2f s, prefill %.2f s, decoded %d tokens in %.2f s (%d rows now)",
                  request.admitted - request.submitted, request.prefilled - request.admitted,
                  len(request.answer.tokens), time.monotonic() - request.prefilled, len(self._active))

    def _reset(self) -> None:
        self._active, self._cache, self._mask, self._positions, self._next = [], None, None, None, None

    def _limit_threads(self) -> None:
        """The worker runs the model on `self.threads` torch threads on a CPU (recommender.torch_threads)."""
        if self.device.type == "cpu":
            use_threads(self.threads)


def _pieces(request: _Request) -> Iterator[str]:
    """A request's text pieces as the worker hands them out; an exception it hands over is raised here."""
    while (item := request.pieces.get()) is not _END:
        if isinstance(item, BaseException):
            raise item
        yield item


def _left_pad(tensor: torch.Tensor, width: int, dim: int = 2) -> torch.Tensor:
    """Zeros before `tensor`'s entries along `dim` (the sequence axis) up to `width`."""
    missing = width - tensor.shape[dim]
    if missing <= 0:
        return tensor
    shape = list(tensor.shape)
    shape[dim] = missing
    return torch.cat([tensor.new_zeros(shape), tensor], dim=dim)


def _stop_prefix_length(text: str, stops: Sequence[str]) -> int:
    """How many characters at the end of `text` could be the start of a stop string."""
    return max((n for s in stops for n in range(min(len(s) - 1, len(text)), 0, -1) if text.endswith(s[:n])),
               default=0)
