"""Training and serving prompts tokenize the same (training.prompt_parity), on a SentencePiece-style tokenizer
built here: Mistral's and Llama 2's kind (a "▁" word marker, byte fallback), whose real files are gated and
unreachable offline. The `gpu`-marked test in test_gpu.py checks the real Mistral tokenizer where it is."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast

from recommender.catalog import Movie
from recommender.prompts import completion_text, free_messages, grounded_messages, prompt_token_ids
from training.prompt_parity import check_records, cli, training_context_ids

# Mistral-7B-Instruct's template in its v0.1 form: [INST] ... [/INST] answer</s>, the system message folded into
# the first user turn
MISTRAL_TEMPLATE = (
    "{{ bos_token }}{% for m in messages %}{% if m['role'] == 'system' %}{% set ns = m['content'] %}"
    "{% elif m['role'] == 'user' %}[INST] {% if loop.index0 == 1 and messages[0]['role'] == 'system' %}"
    "{{ messages[0]['content'] }}\n\n{% endif %}{{ m['content'] }} [/INST]"
    "{% elif m['role'] == 'assistant' %}{{ m['content'] }}{{ eos_token }}{% endif %}{% endfor %}")


def movie(i: int, title: str, year: int, genres=("Drama",)) -> Movie:
    return Movie(movie_id=i, title=title, display_title=title, year=year, genres=genres)


MOVIES = [movie(1, "Toy Story", 1995, ("Animation", "Comedy")), movie(2, "Heat", 1995, ("Action", "Crime")),
          movie(3, "Amélie", 2001, ("Comedy", "Romance")), movie(4, "Alien", 1979, ("Horror", "Sci-Fi")),
          movie(5, "Fargo", 1996, ("Crime", "Thriller")), movie(6, "Se7en", 1995, ("Crime",)),
          movie(7, "Blade Runner", 1982, ("Sci-Fi",)), movie(8, "Jaws", 1975, ("Action", "Horror"))]


def records() -> list[dict]:
    out = []
    for shift in range(4):
        recent, pick, rest = MOVIES[shift:shift + 5], MOVIES[(shift + 5) % 8], MOVIES[:3]
        for messages in (free_messages(recent, pick), grounded_messages(recent, pick, MOVIES)):
            out.append({"prompt": messages, "completion": [{"role": "assistant", "content": completion_text(rest)}]})
    return out


@pytest.fixture(scope="module")
def sentencepiece_tokenizer():
    """A byte-fallback BPE with SentencePiece's "▁" word marker, trained on the prompts' own words."""
    model = Tokenizer(models.BPE(unk_token="<unk>", byte_fallback=True))
    model.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first")
    model.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="first")
    corpus = [json.dumps(r) for r in records()] * 3
    model.train_from_iterator(corpus, trainers.BpeTrainer(
        vocab_size=800, special_tokens=["<unk>", "<s>", "</s>", "[INST]", "[/INST]"],
        initial_alphabet=[f"<0x{b:02X}>" for b in range(256)]))
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=model, bos_token="<s>", eos_token="</s>", unk_token="<unk>")
    tokenizer.chat_template = MISTRAL_TEMPLATE
    return tokenizer


def test_our_prompts_train_and_serve_as_the_same_tokens_on_a_sentencepiece_tokenizer(sentencepiece_tokenizer):
    report = check_records(sentencepiece_tokenizer, records())
    assert report.ok, report.first_difference
    record = records()[1]
    served = prompt_token_ids(record["prompt"], sentencepiece_tokenizer)
    assert sentencepiece_tokenizer.convert_ids_to_tokens(served[:1]) == ["<s>"]  # the template's own BOS, once
    assert served.count(sentencepiece_tokenizer.bos_token_id) == 1


def test_a_template_that_ends_the_prompt_mid_word_is_caught(sentencepiece_tokenizer):
    """A generation prompt ending in a space: the completion's first word merges with it when trained."""
    import copy

    broken = copy.deepcopy(sentencepiece_tokenizer)  # the answer after a space, which the prompt alone ends in
    broken.chat_template = MISTRAL_TEMPLATE.replace("{{ m['content'] }}{{ eos_token }}",
                                                    "{{ ' ' + m['content'] }}{{ eos_token }}") + (
        "{% if add_generation_prompt %} {% endif %}")
    record = records()[0]
    trained = training_context_ids(broken, record["prompt"], record["completion"])
    served = list(prompt_token_ids(record["prompt"], broken))
    report = check_records(broken, records())
    assert (trained != served) == (report.training_differs > 0)
    assert report.training_differs > 0 and "differ from token" in report.first_difference


class TokenizeServer(BaseHTTPRequestHandler):
    """vLLM's POST /tokenize, answering with the tokens a server with a stale chat template would use.
    (A stand-in: `transformers serve` has no tokenize route.)"""
    tokenizer = None
    stale = False

    def do_POST(self):  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.path != "/tokenize":
            self.send_response(404)
            self.end_headers()
            return
        ids = list(prompt_token_ids(body["messages"], self.tokenizer))
        payload = json.dumps({"tokens": ids[:-1] if self.stale else ids, "count": len(ids)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def test_the_smoke_script_compares_with_the_servers_prompt_tokens(sentencepiece_tokenizer, tmp_path, capsys):
    folder = tmp_path / "tokenizer"
    sentencepiece_tokenizer.save_pretrained(folder)
    data = tmp_path / "valid.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in records()))
    TokenizeServer.tokenizer = sentencepiece_tokenizer
    server = ThreadingHTTPServer(("127.0.0.1", 0), TokenizeServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert cli(["--tokenizer", str(folder), "--data", str(data), "--server", url, "--model", "dualrec"]) == 0
        assert f"| {len(records())} | 0 | 0 |" in capsys.readouterr().out
        TokenizeServer.stale = True
        assert cli(["--tokenizer", str(folder), "--data", str(data), "--server", url]) == 1
        out = capsys.readouterr().out
        assert f"| {len(records())} | 0 | {len(records())} |" in out and "server tokens differ" in out
    finally:
        server.shutdown()
