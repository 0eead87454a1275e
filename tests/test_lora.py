"""LoRA data and training: the prompt identity with serving, completion-only loss, and a few real steps."""
import json
from dataclasses import replace

import pytest
import torch
from safetensors.torch import load_file

from recommender.errors import DualRecError
from recommender.llm import LLMConfig, load_local_model
from recommender.prompts import render_prompt
from tests.conftest import TEST_TRAIN
from training import build_lora_dataset, train_lora


@pytest.fixture(scope="module")
def lora_data(data_cfg, trained):
    build_lora_dataset.main(data_cfg, TEST_TRAIN, build_lora_dataset.LoraDataConfig(valid_fraction=0.1))
    return data_cfg.home / "lora-data"


def read(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_one_example_per_training_user_in_prompt_completion_form(lora_data, prepared):
    train, valid = read(lora_data / "train.jsonl"), read(lora_data / "valid.jsonl")
    assert len(train) + len(valid) == len(prepared.next5.train_users) and valid
    assert not {r["user_id"] for r in train} & {r["user_id"] for r in valid}
    for record in train[:20]:
        assert [m["role"] for m in record["prompt"]] == ["system", "user"]
        assert record["completion"][0]["role"] == "assistant"
        sequence = prepared.sequences[record["user_id"]]
        held_out = sequence[-5:]
        assert record["pick"] not in record["target"]
        assert record["target"] == [m for m in held_out if m != record["pick"]][:3]  # watch order
        assert all("| " in line for line in record["completion"][0]["content"].splitlines())
        recent = sequence[-10:-5]
        for movie_id in recent:  # the 5 movies before the held-out ones are the prompt's history
            assert prepared.catalog.by_id(movie_id).label in record["prompt"][1]["content"]
    assert json.loads((lora_data / "meta.json").read_text())["train_examples"] == len(train)


@pytest.mark.slow
def test_training_and_serving_render_identical_prompts(lora_data, smollm2):
    record = read(lora_data / "train.jsonl")[0]
    ids, labels = train_lora.encode_example(record, smollm2.tokenizer)
    served = smollm2.render(record["prompt"])  # what LocalChatModel feeds the model at serving time
    assert served == render_prompt(record["prompt"], smollm2.tokenizer)
    prompt_ids = smollm2.tokenizer(served, add_special_tokens=False)["input_ids"]
    assert ids[: len(prompt_ids)] == prompt_ids
    # completion-only loss: every prompt position is masked, every completion position is learned
    assert labels[: len(prompt_ids)] == [train_lora.IGNORE] * len(prompt_ids)
    assert all(label != train_lora.IGNORE for label in labels[len(prompt_ids):])
    batch = train_lora.collate([(ids, labels), (ids[:-3], labels[:-3])], pad_id=0)
    assert (batch["labels"][1, :3] == train_lora.IGNORE).all() and (batch["attention_mask"][1, :3] == 0).all()


@pytest.mark.slow
def test_a_few_lora_steps_change_the_adapter_and_not_the_base(lora_data, data_cfg, llm_home, smollm2):
    # the test home reuses the converted SmolLM2 of llm_home instead of converting it again
    models = data_cfg.home / "models"
    if not models.exists():
        models.symlink_to(llm_home / "models", target_is_directory=True)
    base_before = {k: v.clone() for k, v in smollm2.model.state_dict().items()}
    cfg = train_lora.LoraTrainConfig(name="smoke", max_examples=8, max_steps=3, batch_size=4, learning_rate=1e-2,
                                     max_valid_examples=4, warmup_steps=1)
    result = train_lora.main(data_cfg, LLMConfig(), cfg)
    adapter = load_file(result.adapter_dir / "adapter_model.safetensors")
    lora_b = [v for k, v in adapter.items() if "lora_B" in k]
    assert lora_b and any(v.abs().sum() > 0 for v in lora_b)  # B starts at zero: training moved it
    assert {k.split(".")[-2] for k in adapter if "lora_" in k} <= {"lora_A", "lora_B"}
    assert all("q_proj" in k or "v_proj" in k for k in adapter)
    meta = json.loads((result.adapter_dir / "meta.json").read_text())
    assert meta["steps"] == 3 and meta["data_fingerprint"] and meta["lora"]["r"] == 8
    # the base model on disk is untouched: a fresh load equals the weights from before training
    base_after, _ = load_local_model(LLMConfig(), data_cfg.home)
    for key, value in base_after.state_dict().items():
        assert torch.equal(value, base_before[key]), key
    served, _ = load_local_model(LLMConfig(adapter=str(result.adapter_dir)), data_cfg.home)
    q_proj = "model.layers.0.self_attn.q_proj.weight"
    assert not torch.equal(served.state_dict()[q_proj], base_before[q_proj])  # the adapter is folded in
    assert torch.equal(served.state_dict()["model.layers.0.mlp.up_proj.weight"], base_before["model.layers.0.mlp.up_proj.weight"])


@pytest.mark.slow
def test_the_trl_trainer_checkpoints_resumes_and_evaluates(lora_data, data_cfg, llm_home):
    """The GPU preset's trainer (TRL's SFTTrainer) on SmolLM2 and the CPU: two steps with a checkpoint each,
    then the same command with one more step continues from the second checkpoint instead of starting over."""
    models = data_cfg.home / "models"
    if not models.exists():
        models.symlink_to(llm_home / "models", target_is_directory=True)
    cfg = train_lora.LoraTrainConfig(name="trl-smoke", trainer="trl", max_examples=8, max_steps=2, batch_size=4,
                                     learning_rate=1e-2, max_valid_examples=4, warmup_steps=1, save_steps=1,
                                     eval_steps=1)
    first = train_lora.main(data_cfg, LLMConfig(), cfg)
    run_dir = data_cfg.home / "lora-runs" / "trl-smoke"
    assert sorted(p.name for p in run_dir.glob("checkpoint-*")) == ["checkpoint-1", "checkpoint-2"]
    assert first.steps == 2 and first.metrics["resumed_from_step"] == 0
    assert first.metrics["valid_loss_after"] < first.metrics["valid_loss_before"]
    second = train_lora.main(data_cfg, LLMConfig(), replace(cfg, max_steps=3))
    assert second.steps == 3 and second.metrics["resumed_from_step"] == 2
    adapter = load_file(second.adapter_dir / "adapter_model.safetensors")
    assert any(v.abs().sum() > 0 for k, v in adapter.items() if "lora_B" in k)
    served, _ = load_local_model(LLMConfig(adapter=str(second.adapter_dir)), data_cfg.home)  # it serves
    assert served is not None
    with pytest.raises(DualRecError, match="unknown trainer"):
        train_lora.main(data_cfg, LLMConfig(), replace(cfg, trainer="keras"))
