"""The first start's estimate of the time left (bot/wait.py) and the page's words for it (bot/render.py).

Pure functions on given figures, and a Startup whose build reports steps without doing them (no training):
nothing here measures or asserts a time the machine took."""
import json
import threading

import pytest

from bot import render
from bot.startup import Startup
from bot.wait import (DEFAULT_STEPS, DEFAULT_TIMINGS, TRAIN, Estimate, Timings, TrainingReport, advance, estimate,
                      load_timings, measured_timings, planned_steps, save_timings, step_key)
from recommender.fitting import Progress

TIMINGS = Timings({"prepare": 10.0, "checkpoint": 2.0, "sbert": 12.0, "llm": 20.0, "database": 3.0}, epoch_s=60.0,
                  epochs=10, measured=True)
PLAN = planned_steps(train=True, artefacts=False, llm=True)  # prepare, checkpoint, train, checkpoint, sbert, llm, db


def test_each_reported_step_has_a_name_its_time_is_kept_under():
    assert step_key(render.STEP_READING.format(dataset="ml-latest-small")) == "prepare"
    assert step_key(f"{render.STEP_TRAINING} (the checkpoint is damaged): pass 3 of at most 20") \
        == TRAIN
    assert step_key(render.STEP_LOADING_LSTM) == "checkpoint"
    assert step_key(render.STEP_SBERT) == "sbert"
    assert step_key(render.STEP_LLM.format(backend="local")) == "llm"
    assert step_key(render.STEP_DATABASE) == "database"
    assert step_key(render.FETCHING_ARTEFACTS.format(source="user/dualrec")) == "fetch"
    assert step_key(render.INSTALLING_ARTEFACTS.format(source="user/dualrec")) == "install"
    assert step_key("Warming the caches (a new step): 3 of 5") == "Warming the caches"


def test_the_plan_follows_the_steps_that_run():
    assert PLAN == ("prepare", "checkpoint", TRAIN, "checkpoint", "sbert", "llm", "database")
    assert advance(PLAN, -1, "prepare") == (PLAN, 0)
    assert advance(PLAN, 1, TRAIN) == (PLAN, 2)
    assert advance(PLAN, 2, "checkpoint") == (PLAN, 3)  # loading the model trained, not the one before
    assert advance(PLAN, 1, "sbert") == (PLAN, 4)  # the model was there: no training
    untrained = planned_steps(train=False, artefacts=False, llm=False)
    assert advance(untrained, 1, TRAIN) == (("prepare", "checkpoint", TRAIN, "sbert", "database"), 2)  # damaged


def test_while_training_the_estimate_is_every_pass_left_at_most_and_the_usual_number_likely():
    progress = Progress(epoch=3, max_epochs=20, batch=50, batches=100, epoch_seconds=60.0, best_epoch=3, patience=3)
    later = 2.0 + 12.0 + 20.0 + 3.0  # loading the trained model, SBERT, the LLM, the database
    left = estimate(PLAN, 2, 150.0, TIMINGS, progress, max_epochs=20)
    assert left == Estimate(likely_s=(10 - 2.5) * 60 + later, most_s=(20 - 2.5) * 60 + later, passes=20)
    # still improving at pass 9: it cannot stop before pass 12 (best + patience), more than the usual 10
    improving = Progress(epoch=9, max_epochs=20, batch=0, batches=100, epoch_seconds=60.0, best_epoch=9, patience=3)
    assert estimate(PLAN, 2, 0.0, TIMINGS, improving).likely_s == pytest.approx((12 - 8) * 60 + later)
    # past the usual number of passes: the rest of this one is the likeliest, and never more than the maximum
    late = Progress(epoch=20, max_epochs=20, batch=50, batches=100, epoch_seconds=60.0, best_epoch=18, patience=3)
    assert estimate(PLAN, 2, 0.0, TIMINGS, late) == Estimate(30 + later, 30 + later, passes=20)


def test_before_training_the_estimate_counts_the_last_trainings_passes_and_every_later_step():
    left = estimate(PLAN, 0, 4.0, TIMINGS, max_epochs=20)
    rest = 2.0 + 2.0 + 12.0 + 20.0 + 3.0
    assert left == Estimate(likely_s=6.0 + 10 * 60 + rest, most_s=6.0 + 20 * 60 + rest, passes=20)
    assert estimate(PLAN, -1, 0.0, TIMINGS).likely_s == 10.0 + 10 * 60 + rest  # not started yet: all of it
    no_training = planned_steps(train=False, artefacts=False, llm=False)
    assert estimate(no_training, 3, 1.0, TIMINGS) == Estimate(2.0, 2.0)  # the database's rest, nothing after


def test_a_step_taking_longer_than_before_counts_only_what_follows_it():
    left = estimate(PLAN, 4, 30.0, TIMINGS)  # SBERT took 12 s last time
    assert left.overrun and left.likely_s == 23.0
    assert "after this step" in render.time_left(left)


def test_the_page_says_the_time_left_in_all_and_the_bound():
    assert render.time_left(Estimate(467.0, 1067.0, passes=20)) == \
        "about 8 min left (at most 18 min, if training runs all 20 passes; it usually stops earlier)"
    assert render.time_left(Estimate(40.0, 40.0)) == "about 40 s left"
    assert render.duration_words(2.5 * 3600) == "2.5 hours"
    banner = render.getting_ready("Training the sequence model: pass 3 of at most 20.", 125.0,
                                  Estimate(467.0, 1067.0, passes=20))
    assert banner.startswith("⏳ **Getting ready, about 8 min left** (at most 18 min") and "2 min so far" in banner
    assert render.getting_ready("Starting", 0.2, Estimate(40.0, 40.0)) == "⏳ **Getting ready, about 40 s left**. Now: Starting…"
    assert render.held_note(3, Estimate(467.0, 1067.0, passes=20)).startswith(
        "Got it: I'll answer your 3 messages, in order, as soon as I'm ready: about 8 min left (at most 18 min")
    assert render.still_getting_ready("training the sequence model", Estimate(60.0, 60.0)) == \
        "I'm still getting ready: training the sequence model. Try again in about 60 s."


def test_the_figures_are_kept_and_read_back_and_a_bad_file_falls_back_to_the_readme(tmp_path):
    path = tmp_path / "startup-times.json"
    assert load_timings(path) == DEFAULT_TIMINGS and DEFAULT_TIMINGS.step_s("sbert") == DEFAULT_STEPS["sbert"]
    last = Progress(epoch=8, max_epochs=20, batch=100, batches=100, epoch_seconds=55.0)
    kept = measured_timings(DEFAULT_TIMINGS, {"prepare": 3.0, TRAIN: 400.0, "sbert": 9.0}, last, 400.0)
    assert kept.epochs == 8 and kept.epoch_s == 50.0 and TRAIN not in kept.steps
    save_timings(path, kept)
    assert load_timings(path) == kept
    again = measured_timings(kept, {"prepare": 1.0, "sbert": 8.0, "database": 2.0}, None, None)  # no training
    assert again.steps == {"prepare": 1.0, "sbert": 8.0, "database": 2.0} and (again.epoch_s, again.epochs) == (50.0, 8)
    for bad in ("{", '{"steps": {"sbert": -1, "llm": "x"}, "training": {"epochs": 0}}', "[]"):
        path.write_text(bad)
        timings = load_timings(path)
        assert timings.step_s("sbert") == DEFAULT_STEPS["sbert"] and timings.epochs == DEFAULT_TIMINGS.epochs


def test_a_start_records_its_steps_and_the_next_start_estimates_from_them(tmp_path):
    """Two Startups on one home: the first records what its steps took (no real work: the build only reports),
    the second's estimate before it starts comes from those figures."""
    path = tmp_path / "startup-times.json"
    release = threading.Event()

    def build(cfg, report):
        report(render.STEP_READING.format(dataset="ml-1m"))
        report(render.STEP_LOADING_LSTM)
        report(TrainingReport(f"{render.STEP_TRAINING}: pass 1", Progress(1, 20, 5, 10, 30.0, 0, 3)))
        report(TrainingReport(f"{render.STEP_TRAINING}: pass 6", Progress(6, 20, 10, 10, 30.0, 3, 3)))
        report("Loading the sequence model")
        release.wait(30)
        report("Loading Sentence-BERT for title matching")
        report("Opening the database")
        return object(), ""

    plan = planned_steps(train=True, artefacts=False, llm=False)
    startup = Startup(None, build=build, timings_path=path, plan=plan).start()
    release.set()
    startup.wait(30)
    assert startup.state().ready and startup.state().left is None
    saved = json.loads(path.read_text())
    assert set(saved["steps"]) == {"prepare", "checkpoint", "sbert", "database"} and saved["training"]["epochs"] == 6
    path.write_text(json.dumps({"steps": {"prepare": 5, "checkpoint": 1, "sbert": 10, "database": 2},
                                "training": {"epoch_s": 40, "epochs": 7}}))
    waiting = Startup(None, build=build, timings_path=path, plan=plan).state()
    assert waiting.left == Estimate(5 + 1 + 7 * 40 + 1 + 10 + 2, 5 + 1 + 20 * 40 + 1 + 10 + 2, passes=20)
    assert "about 5 min left" in waiting.markdown() and "at most 14 min" in waiting.markdown()
