"""Do the model's training prompts and its served prompts tokenize the same? A smoke check before serving.

    python -m training.prompt_parity --tokenizer PATH [--data lora-data/valid.jsonl] [--examples 50]
    python -m training.prompt_parity --tokenizer PATH --server http://gpu-host:8080 [--model dualrec]

A LoRA adapter learns to continue the exact token sequence it was trained on. With SentencePiece tokenizers
(Mistral, Llama 2) the tokens at the end of a prompt can depend on what follows it, so the prompt tokenized
alone (serving) can differ from the prompt as part of prompt + completion (training). For each record of the
LoRA JSONL this compares:
- the training context: TRL's SFTTrainer tokenizes prompt + completion through the chat template and learns
  the completion from where that sequence and the prompt alone diverge (the loop trainer tokenizes the
  rendered prompt itself, which is the serving side's sequence by construction);
- the local serving prompt: recommender.prompts.prompt_token_ids, what LocalChatModel feeds the model;
- with --server, the served prompt: the server's own tokenization of the same messages (vLLM's /tokenize,
  TGI's /chat_tokenize), i.e. its chat template and tokenizer.
Prints a table and exits 1 on any difference, showing the first one decoded.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from recommender.errors import DualRecError, run_script
from recommender.prompts import prompt_token_ids


def training_context_ids(tokenizer: Any, prompt: Sequence[dict], completion: Sequence[dict]) -> list[int]:
    """The tokens SFTTrainer trains the completion after: the common prefix of the prompt rendered alone
    (with the generation prompt) and the prompt + completion rendered together."""
    alone = prompt_token_ids(prompt, tokenizer)  # the chat template with its generation prompt, as TRL renders it
    text = tokenizer.apply_chat_template(list(prompt) + list(completion), tokenize=False)
    together = list(tokenizer(text, add_special_tokens=False)["input_ids"])
    shared = 0
    for a, b in zip(alone, together):
        if a != b:
            break
        shared += 1
    return together[:shared]


def server_prompt_ids(url: str, messages: Sequence[dict], model: str, timeout_s: float = 30.0) -> list[int]:
    """The server's tokens for the chat prompt: vLLM's POST /tokenize, else TGI's POST /chat_tokenize."""
    import httpx

    base = url.rstrip("/").removesuffix("/v1")
    with httpx.Client(timeout=timeout_s) as client:
        vllm = client.post(f"{base}/tokenize", json={"model": model, "messages": list(messages),
                                                      "add_generation_prompt": True})
        if vllm.status_code == 200 and "tokens" in vllm.json():
            return list(vllm.json()["tokens"])
        tgi = client.post(f"{base}/chat_tokenize", json={"model": model, "messages": list(messages)})
        if tgi.status_code == 200 and "tokenize_response" in tgi.json():
            return [token["id"] for token in tgi.json()["tokenize_response"]]
    raise DualRecError(f"{base} has neither vLLM's /tokenize nor TGI's /chat_tokenize "
                       f"(answers {vllm.status_code} and {tgi.status_code})")


@dataclass
class ParityReport:
    checked: int = 0
    training_differs: int = 0  # the training context is not the local serving prompt
    server_differs: int = 0  # the server's prompt is not the local serving prompt
    first_difference: str = ""

    @property
    def ok(self) -> bool:
        return self.checked > 0 and not self.training_differs and not self.server_differs


def check_records(tokenizer: Any, records: Sequence[dict], server: str = "", model: str = "") -> ParityReport:
    report = ParityReport()
    for record in records:
        served = list(prompt_token_ids(record["prompt"], tokenizer))
        trained = training_context_ids(tokenizer, record["prompt"], record["completion"])
        report.checked += 1
        if trained != served:
            report.training_differs += 1
            report.first_difference = report.first_difference or _difference("training", trained, served, tokenizer)
        if server:
            remote = server_prompt_ids(server, record["prompt"], model)
            if remote != served:
                report.server_differs += 1
                report.first_difference = report.first_difference or _difference("server", remote, served, tokenizer)
    return report


def _difference(name: str, other: list[int], served: list[int], tokenizer: Any) -> str:
    at = next((i for i, (a, b) in enumerate(zip(other, served)) if a != b), min(len(other), len(served)))
    return (f"{name} tokens differ from token {at} of {len(served)}: {name} "
            f"{tokenizer.decode(other[max(0, at - 3):at + 3])!r} vs served {tokenizer.decode(served[max(0, at - 3):at + 3])!r}")


def cli(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokenizer", required=True, help="a local folder with the served model's tokenizer")
    parser.add_argument("--data", type=Path, default=None, help="LoRA JSONL (default DUALREC_HOME/lora-data/valid.jsonl)")
    parser.add_argument("--examples", type=int, default=50)
    parser.add_argument("--server", default="", help="an OpenAI-compatible server to ask for its prompt tokens")
    parser.add_argument("--model", default="", help="the model or adapter name on the server")
    args = parser.parse_args(argv)

    def body() -> int:
        from transformers import AutoTokenizer

        from bot.config import env_home

        path = args.data or env_home() / "lora-data" / "valid.jsonl"
        if not Path(path).exists():
            raise DualRecError(f"{path} does not exist; run python -m training.build_lora_dataset first")
        with open(path, encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()][: args.examples]
        tokenizer = AutoTokenizer.from_pretrained(args.tokenizer)
        report = check_records(tokenizer, records, args.server, args.model)
        print("| prompts | training context differs | server prompt differs |\n|---:|---:|---:|")
        print(f"| {report.checked} | {report.training_differs} | "
              f"{report.server_differs if args.server else 'not asked'} |")
        if report.first_difference:
            print(report.first_difference)
        return 0 if report.ok else 1

    return run_script(body)


if __name__ == "__main__":
    sys.exit(cli())
