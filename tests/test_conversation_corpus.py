"""The conversation corpus (tests/conversations/) through ChatService with the LLM off, on the synthetic
catalogue: real SQLite, real SBERT, the small LSTM. The pass rates on ML-1M are in the README
(python -m benchmarks.conversation)."""
from benchmarks.conversation import fill, load_corpus, pick_cast, print_report, run_corpus

# A floor under today's pass rates on the synthetic catalogue, so that a change that breaks conversations fails
# here; the targets (97% overall, 90% per category) are measured by the benchmark.
FLOOR_OVERALL = 0.95
FLOOR_CATEGORY = 0.9


def test_the_corpus_has_every_category_and_its_conversations_are_well_formed(prepared):
    corpus = load_corpus()
    categories = {c.category for c in corpus}
    assert len(corpus) >= 200 and {"adding", "titles_as_typed", "multi_act", "negation", "mood_words", "follow_ups",
                                   "feedback", "small_talk", "constraints", "editing", "bad_input"} <= categories
    cast = pick_cast(prepared.catalog)
    assert len(cast) == 6 and len({m.movie_id for m in cast.values()}) == 6
    for conversation in corpus:
        for turn in conversation.turns:
            assert "{" not in fill(turn.get("say", ""), cast).replace("{}", ""), conversation.name


def test_the_corpus_passes_with_the_llm_off(make_service, prepared, capsys):
    report = run_corpus(make_service(), load_corpus(), pick_cast(prepared.catalog))
    with capsys.disabled():
        print_report(report, "none (synthetic catalogue)", show=40)
    assert report["passed"] / report["total"] >= FLOOR_OVERALL
    assert all(ok / total >= FLOOR_CATEGORY for ok, total in report["by_category"].values())
