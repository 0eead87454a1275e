"""Title grounding and the chain's constrained ranking at MovieLens-32M's size: 1,000, 10,000 and 87,585 movies.

    python -m benchmarks.catalogue_scale [--sizes 1000,10000,87585] [--rounds 10] [--cache-dir DIR | --cold]
                                         [--stand-in-encoder-from 87585]

The catalogue is the first N movies of ML-32M's movies.csv (../shared/data/ml-32m-movies, read with
recommender.data.readers.read_movies_csv), with made-up Zipf-like rating counts (1e6 / (rank + 1)), built as
recommender.catalog.build_catalog builds one. For each N it measures
- the TitleMatcher build with the real SBERT (TitleMatcher.load): seconds and the peak resident memory it added
  (sampled every 10 ms). Embeddings are cached under --cache-dir (default: a folder in the temp directory that
  survives runs, so only the first run encodes); --cold encodes into a fresh folder, and the "cache" column says
  which it was. From --stand-in-encoder-from movies on, a STAND-IN encoder (hashed character trigrams, no model)
  replaces SBERT, marked "stand-in": encoding ML-32M's 87,585 titles with SBERT takes minutes on two cores (about
  2.5 min uncontended by a 2,000-title sample, and the title+genre profiles as much again where they are encoded
  at construction), which says nothing of the per-request costs measured here;
- the TitleIndex build alone (catalogue_names and the exact-name index);
- match() and candidates() latency for a few typed mentions, p50 / p95 over --rounds rounds;
- TitleIndex.spans on ordinary sentences (its per-text cache bypassed);
- the chain's ranking step (DualRecChain._with_ranking) under a request's constraints: a genre and decade, "like
  <anchor>", a disliked movie and exclusions. The LSTM is a STAND-IN: the chain's ranking needs a checkpoint
  trained on that catalogue, so a NextMoviePredictor is given a fixed pseudo-random scorer (log-softmax of seeded
  logits, shifted by the history); everything after the scores (top-k, filtering, demotion, ordering) is the real
  code.
Requests run with torch on one thread, as the app runs a chat turn. Another process on the machine skews latency:
the match column includes SBERT encoding the mention, the part most sensitive to a busy CPU.
"served turn" adds the p50 of match() and of the constrained ranking: one mention grounded, one list ranked.
"""
from __future__ import annotations

import argparse
import gc
import tempfile
import threading
import time
import zlib
from pathlib import Path

import numpy as np

from recommender.catalog import Movie, MovieCatalog, tokenize_title
from recommender.errors import run_script

MOVIES_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "ml-32m-movies" / "movies.csv"
SIZES = (1_000, 10_000, 87_585)
MENTIONS = ("inception", "the dark night", "star wars 5", "toy story 3", "parasite 2019", "whiplash")
SENTENCES = ("Me and my wife watched something funny yesterday and loved it",
             "can you recommend a film for a rainy sunday afternoon",
             "I think I need a vacation, what should I watch tonight?",
             "we saw the dark knight last week and it was great",
             "my kids liked toy story a lot, anything like that?",
             "not in the mood for horror, maybe a comedy from the nineties")
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "dualrec-catalogue-scale-cache"


def ml32m_catalog(size: int, path: Path = MOVIES_CSV, max_title_tokens: int = 10) -> MovieCatalog:
    """The first `size` movies of movies.csv, with rating counts 1e6 / (rank + 1)."""
    from recommender.data.readers import read_movies_csv

    records = list(read_movies_csv(path).values())[:size]
    movies = [Movie(r.movie_id, r.title, r.display_title, r.year, r.genres) for r in records]
    counts = [int(1e6 / (rank + 1)) for rank in range(len(movies))]
    vocab = sorted({t for m in movies for t in tokenize_title(m.display_title, max_title_tokens)})
    return MovieCatalog(movies, counts, ["<pad>", "<unk>", *vocab], max_title_tokens)


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


class PeakRSS:
    """The peak resident memory above the starting point while the block runs, sampled every 10 ms."""

    def __enter__(self):
        gc.collect()
        self.start = self.peak = _rss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, _rss_bytes())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_bytes())

    @property
    def added_mib(self) -> float:
        return (self.peak - self.start) / 2**20


def _percentiles(ms: list[float]) -> tuple[float, float]:
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def _timed(call, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


class HashingEncoder:
    """A stand-in for SBERT: each text as its hashed character trigrams, unit length (no model, milliseconds)."""

    dim = 384

    def encode(self, texts, **kwargs) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()} "
            for i in range(len(padded) - 2):
                vectors[row, zlib.crc32(padded[i: i + 3].encode()) % self.dim] += 1
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


class StandInScorer:
    """Pseudo-random log-probabilities for every movie, shifted by the history: what LSTMScorer.score returns."""

    def __init__(self, size: int, context_len: int = 200, seed: int = 0):
        self.context_len = context_len
        self.logits = np.random.default_rng(seed).normal(size=size).astype(np.float32)

    def score(self, histories: list[list[int]]) -> np.ndarray:
        rows = []
        for history in histories:
            logits = self.logits + 0.1 * np.cos(np.arange(len(self.logits)) * (1 + sum(history) % 7))
            rows.append(logits - np.logaddexp.reduce(logits))
        return np.stack(rows)


def stand_in_predictor(catalog: MovieCatalog):
    from recommender.predictor import NextMoviePredictor

    predictor = NextMoviePredictor.__new__(NextMoviePredictor)  # no model: a checkpoint for this catalogue is not at hand
    predictor.catalog = catalog
    predictor.scorer = StandInScorer(len(catalog))
    counts = catalog.rating_counts.astype(np.float64)
    predictor._popularity = counts / counts.sum()
    return predictor


def ranking_requests(catalog: MovieCatalog) -> list[dict]:
    from recommender.constraints import Constraints

    ids = [m.movie_id for m in catalog.movies]
    history = ids[3:40:3]
    return [
        {"history": history, "constraints": Constraints(genres=("Comedy",), min_year=1990, max_year=1999)},
        {"history": history, "constraints": Constraints(like="x"), "anchor": ids[1], "exclude": set(ids[40:60])},
        {"history": history, "constraints": Constraints(excluded_genres=("Horror",)), "disliked": [ids[5]],
         "shown_before": ids[60:70]},
    ]


def measure(size: int, rounds: int, cache_dir: Path, encoder) -> dict:
    from recommender.chain import DualRecChain
    from recommender.matching import MatchConfig, TitleMatcher
    from recommender.titles import TitleIndex
    from recommender.torch_threads import use_threads

    catalog = ml32m_catalog(size)
    model_cache = cache_dir / str(len(catalog))
    hit = any(model_cache.glob("sbert-*.npz"))
    if isinstance(encoder, HashingEncoder):
        model_cache, hit = None, False
    use_threads(2)  # the catalogue is encoded at start-up, on both cores
    with PeakRSS() as memory:
        started = time.perf_counter()
        # TitleMatcher.load, less the model's own load (once per run, not the catalogue's cost)
        matcher = TitleMatcher(catalog, encoder, MatchConfig(), cache_dir=model_cache)
        build_s = time.perf_counter() - started
    started = time.perf_counter()
    index = TitleIndex(catalog)
    index_s = time.perf_counter() - started

    use_threads(1)  # as the app runs a chat turn's torch work (recommender.torch_threads)
    for mention in MENTIONS:  # warm-up: first calls pay for imports and thread pools
        matcher.match(mention)
    match_ms = [t for m in MENTIONS for t in _timed(lambda: matcher.match(m), rounds)]
    cand_ms = [t for m in MENTIONS for t in _timed(lambda: matcher.candidates(m, limit=3), rounds)]
    find = index._spans.__wrapped__  # the uncached search
    span_ms = [t for s in SENTENCES for t in _timed(lambda: find(s, False), rounds)]

    chain = DualRecChain(stand_in_predictor(catalog), matcher, llm=None)
    requests = ranking_requests(catalog)
    for request in requests:
        chain._with_ranking(request)
    rank_ms = [t for r in requests for t in _timed(lambda: chain._with_ranking(r), rounds)]
    answers = {m: (found.movie.label if (found := matcher.match(m)) else None) for m in MENTIONS}
    cache = "stand-in" if isinstance(encoder, HashingEncoder) else "hit" if hit else "miss"
    return {"movies": len(catalog), "cache": cache, "build_s": build_s, "build_mib": memory.added_mib,
            "index_s": index_s, "match": _percentiles(match_ms), "candidates": _percentiles(cand_ms),
            "spans": _percentiles(span_ms), "ranking": _percentiles(rank_ms),
            "turn_ms": float(np.percentile(match_ms, 50) + np.percentile(rank_ms, 50)), "answers": answers}


def table(rows: list[dict]) -> str:
    head = ("| movies | matcher build (s) | encoder / cache | build peak RSS (MiB) | TitleIndex build (s) | match p50/p95 (ms) "
            "| candidates p50/p95 (ms) | spans p50/p95 (ms) | constrained ranking p50/p95 (ms) | served turn p50 (ms) |")
    lines = [head, "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    pair = lambda p: f"{p[0]:.1f} / {p[1]:.1f}"  # noqa: E731
    for r in rows:
        lines.append(f"| {r['movies']:,} | {r['build_s']:.1f} | {r['cache']} | {r['build_mib']:.0f} | {r['index_s']:.2f} "
                     f"| {pair(r['match'])} | {pair(r['candidates'])} | {pair(r['spans'])} | {pair(r['ranking'])} "
                     f"| {r['turn_ms']:.1f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--cold", action="store_true", help="encode the catalogue again, into a fresh folder")
    parser.add_argument("--stand-in-encoder-from", type=int, default=87_585,
                        help="from this many movies on, a hashing stand-in replaces SBERT (0: never)")
    args = parser.parse_args()
    if not MOVIES_CSV.is_file():
        print(f"skipped: {MOVIES_CSV} is absent (ML-32M's movies.csv, under ../shared/data)")
        return 0
    from recommender.matching import MatchConfig, load_encoder

    encoder = load_encoder(MatchConfig())
    rows = []
    with tempfile.TemporaryDirectory() as fresh:
        cache_dir = Path(fresh) if args.cold else args.cache_dir
        for size in (int(s) for s in args.sizes.split(",")):
            stand_in = 0 < args.stand_in_encoder_from <= size
            rows.append(measure(size, args.rounds, cache_dir, HashingEncoder() if stand_in else encoder))
            print(f"{rows[-1]['movies']:,} movies: {rows[-1]['answers']}", flush=True)
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(run_script(main))
