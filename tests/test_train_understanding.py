"""The mention-status reader's training (training/train_understanding.py) with the real all-MiniLM-L6-v2 encoder,
on ReDial-format dialogues and templates written here."""
import json

import numpy as np
import pytest

from bot.mention_reader import MentionHead, features
from training.train_understanding import UnderstandingConfig, main

TEMPLATES = """
slots:
  good: [great, amazing, so good, fantastic, wonderful]
  when: ["", last night, yesterday, on tv]
  ref: [something like, anything like, similar to, movies like, a film like, more like]
  ask: ["", please, "?", got any, i want, show me]
families:
  - {family: loved, status: liked, sentences: ["i loved [MOVIE] {when}", "[MOVIE] was {good}", "i watched [MOVIE] {when}, {good}"]}
  - {family: never, status: not_watched, sentences: ["i haven't seen [MOVIE] {when}", "never saw [MOVIE]", "i didn't watch [MOVIE] {when}"]}
  - {family: like, status: reference, sentences: ["{ask} {ref} [MOVIE]", "{ref} [MOVIE] {ask}"]}
  - {family: held, status: not_watched, holdout: true, sentences: ["i have never watched [MOVIE]"]}
"""


@pytest.fixture(scope="module")
def encoder():
    from recommender.matching import MatchConfig, load_encoder

    return load_encoder(MatchConfig())


def test_the_head_reads_new_sentences_and_round_trips(tmp_path, encoder):
    redial_dir = tmp_path / "redial"
    redial_dir.mkdir()
    dialogue = {"conversationId": "3", "initiatorWorkerId": 1,  # "3": not in the hold-out
                "movieMentions": {"5": "Heat"},
                "initiatorQuestions": {"5": {"suggested": 0, "seen": 1, "liked": 1}}, "respondentQuestions": [],
                "messages": [{"senderWorkerId": 1, "text": "I really loved @5"}]}
    (redial_dir / "train_data.jsonl").write_text(json.dumps(dialogue) + "\n")
    templates = tmp_path / "t.yaml"
    templates.write_text(TEMPLATES)
    written = tmp_path / "written"
    written.mkdir()
    (written / "alice.txt").write_text("# a comment line\nloved [heat](liked) but never saw [casino](not_watched)\n")
    (written / "everyone.txt").write_text("[fargo](liked) 10/10. [jaws](not_watched)? not yet\n")  # held out
    cfg = UnderstandingConfig(redial_dir=redial_dir, templates=templates, written_dir=written, per_template=8,
                               adapter_dir=tmp_path / "no-adapter",  # the frozen encoder, as `features` reads below
                               redial_weight=0.05)  # one ReDial row must not outweigh the templates
    head, table = main(cfg, tmp_path / "out", encoder=encoder)
    assert table["templates hold-out"]["rows"] == 1 and table["redial train"]["rows"] == 1
    assert table["written train"]["rows"] == 2 and table["written hold-out"]["rows"] == 2
    probabilities = head.probabilities(features(encoder, ["we loved [MOVIE], so good", "i never saw [MOVIE]",
                                                        "anything similar to [MOVIE]?"]))
    assert [head.statuses[i] for i in probabilities.argmax(axis=1)] == ["liked", "not_watched", "reference"]
    loaded = MentionHead.load(tmp_path / "out")
    assert loaded.statuses == head.statuses and np.allclose(loaded.coef, head.coef)
    assert json.loads((tmp_path / "out" / "meta.json").read_text())["fingerprint"]


def test_the_fingerprint_does_not_depend_on_where_the_checkout_lies(tmp_path):
    """The data's folders sorted by path put a checkout at /work/main and one at /work/wt-x in different orders."""
    from training import redial
    from training.train_acts import ActConfig, fingerprint as act_fingerprint
    from training.train_understanding import UnderstandingConfig, fingerprint

    data = tmp_path / "m-data"
    data.mkdir()
    (data / redial.FILES[0]).write_text('{"conversationId": "1"}\n')
    configs = []
    for folder in ("a-checkout", "z-checkout"):
        (tmp_path / folder).mkdir()
        templates = tmp_path / folder / "templates.yaml"
        templates.write_text("slots: {}\nfamilies: []\n")
        configs.append((templates, folder))
    prints = {fingerprint(UnderstandingConfig(redial_dir=data, templates=t)) for t, _ in configs}
    acts = {act_fingerprint(ActConfig(redial_dir=data, templates=t, corpus=tmp_path / f)) for t, f in configs}
    assert len(prints) == 1 and len(acts) == 1
