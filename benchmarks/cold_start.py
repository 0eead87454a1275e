"""A cold start with published artefacts: an empty DUALREC_HOME until the app is ready, step by step.

    python -m training.publish --to /tmp/artefacts-ml1m            # once, from a home with the trained model
    python -m benchmarks.cold_start --artefacts /tmp/artefacts-ml1m --data-dir ../shared/data/ml-1m \
                                    [--backends local,none] [--keep-home]

Each backend runs in a fresh process on a fresh, empty DUALREC_HOME (a temporary folder), as a new Space would
start: the imports, preparing MovieLens from --data-dir, fetching and checking the published models and
installing the LSTM, SBERT and its title embeddings, the LLM (SmolLM2's GGUF converted into the empty home, for
`local`), the SQLite database. Auto-train is off, so a start that would train fails instead of timing training.
The steps are the app's own (bot.startup.build_service reports them); the table gives each one's seconds.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

STARTED = time.perf_counter()  # before the app's imports, which a cold start pays too


def child(args: argparse.Namespace) -> int:
    """Runs in the fresh process: build the app's service as bot.app would, on the empty home, timing each step."""
    import logging
    from dataclasses import replace
    from pathlib import Path

    logging.basicConfig(level=logging.WARNING)
    from bot.config import load_app_config
    from bot.startup import build_service

    imported = time.perf_counter()
    marks: list[tuple[str, float]] = [("configuration", imported)]

    def report(step: str) -> None:
        label = str(step).split(" (")[0].split(":")[0]  # a step's progress updates are the same step
        if marks[-1][0] != label:
            marks.append((label, time.perf_counter()))

    app = load_app_config()  # the app's settings, with this run's home, data, artefacts and backend
    cfg = replace(app, data=replace(app.data, home=Path(args.home), data_dir=Path(args.data_dir)),
                  artefacts=args.artefacts, auto_train=False, llm=replace(app.llm, backend=args.backends))
    service, warning = build_service(cfg, report)
    now = time.perf_counter()
    ends = [start for _, start in marks[1:]] + [now]
    steps = [["imports", imported - STARTED]] + [[label, end - start] for (label, start), end in zip(marks, ends)]
    print(json.dumps({"steps": steps, "total_s": now - STARTED, "warning": warning,
                      "served_movies": len(service.catalog)}))
    return 0


def run(backend: str, artefacts: str, data_dir: str, keep_home: bool) -> dict:
    home = tempfile.mkdtemp(prefix=f"dualrec-cold-{backend}-")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "benchmarks.cold_start", "--child", "--home", home, "--data-dir",
                           data_dir, "--artefacts", artefacts, "--backends", backend], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the {backend} start failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_s"] = wall
    if not keep_home:
        import shutil

        shutil.rmtree(home, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    parser.add_argument("--artefacts", help="a published folder or Hub repo id (python -m training.publish)")
    parser.add_argument("--data-dir", help="the MovieLens folder each fresh home prepares from")
    parser.add_argument("--backends", default="local,none")
    parser.add_argument("--keep-home", action="store_true", help="leave the temporary homes for inspection")
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    if not args.artefacts or not args.data_dir:
        parser.error("give --artefacts and --data-dir")
    for backend in args.backends.split(","):
        result = run(backend, args.artefacts, os.path.abspath(args.data_dir), args.keep_home)
        print(f"\nDUALREC_LLM_BACKEND={backend}: ready in {result['total_s']:.1f} s "
              f"(process {result['process_s']:.1f} s), {result['served_movies']} movies"
              + (f"; warning: {result['warning']}" if result["warning"] else ""))
        print(f"| {'step':<60} | {'s':>6} |\n|{'-' * 62}|{'-' * 8}|")
        for label, seconds in result["steps"]:
            print(f"| {label[:60]:<60} | {seconds:6.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
