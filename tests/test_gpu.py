"""The GPU path, on a CUDA machine: `pytest -m gpu` (pip install -e '.[gpu]' first, for bitsandbytes).

Without CUDA every test here skips with its reason. The model is SmolLM2 (everywhere, offline) loaded the way
the Mistral-7B preset loads its model: NF4 4-bit weights through bitsandbytes, LoRA through TRL's SFTTrainer.
DUALREC_GPU_TOKENIZER, a local folder with Mistral-7B-Instruct's tokenizer files (gated on the hub), adds the
train/serve prompt-token check on its real SentencePiece tokenizer."""
import json
import os
from pathlib import Path

import pytest
import torch

pytestmark = [pytest.mark.gpu,
              pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")]


def test_smollm2_loads_in_4_bits_on_the_gpu_and_answers(llm_home):
    pytest.importorskip("bitsandbytes", reason="the gpu extra: pip install -e '.[gpu]'")
    from recommender.llm import LLMConfig, LocalChatModel, load_local_model

    config = LLMConfig(load_in_4bit=True, dtype="bfloat16", max_new_tokens=24)
    model, _ = load_local_model(config, llm_home)
    assert next(model.parameters()).device.type == "cuda"
    assert any("4bit" in type(module).__name__ for module in model.modules())
    llm = LocalChatModel.from_config(config, llm_home)
    answers = llm.batch([[{"role": "user", "content": "Name a movie about space."}]] * 3)
    assert all(answer.content.strip() for answer in answers)
    assert "".join(chunk.content for chunk in llm.stream([{"role": "user", "content": "Name a comedy."}])).strip()


def test_one_lora_step_through_trl_on_4_bit_weights(llm_home, tmp_path):
    pytest.importorskip("bitsandbytes", reason="the gpu extra: pip install -e '.[gpu]'")
    from recommender.config import DataConfig
    from recommender.llm import LLMConfig
    from training import train_lora

    data = tmp_path / "lora-data"
    data.mkdir()
    record = {"prompt": [{"role": "system", "content": "You recommend movies."},
                         {"role": "user", "content": "I liked Alien (1979). What next?"}],
              "completion": [{"role": "assistant", "content": "1. Aliens (1986) | Action, Sci-Fi"}]}
    for name in ("train.jsonl", "valid.jsonl"):
        (data / name).write_text("\n".join(json.dumps(record) for _ in range(4)))
    (tmp_path / "models").symlink_to(llm_home / "models", target_is_directory=True)
    cfg = train_lora.LoraTrainConfig(name="gpu-step", trainer="trl", max_steps=1, batch_size=2, save_steps=1,
                                     eval_steps=1, gradient_checkpointing=True)
    result = train_lora.main(DataConfig(home=tmp_path), LLMConfig(load_in_4bit=True, dtype="bfloat16"), cfg)
    assert result.steps == 1 and (result.adapter_dir / "adapter_model.safetensors").exists()
    assert result.metrics["valid_loss_after"] == result.metrics["valid_loss_after"]  # a number, not NaN


def test_mistral_prompts_train_and_serve_as_the_same_tokens():
    folder = os.environ.get("DUALREC_GPU_TOKENIZER", "")
    if not folder or not Path(folder).exists():
        pytest.skip("set DUALREC_GPU_TOKENIZER to a local folder with Mistral-7B-Instruct's tokenizer")
    from transformers import AutoTokenizer

    from tests.test_prompt_parity import records
    from training.prompt_parity import check_records

    tokenizer = AutoTokenizer.from_pretrained(folder)
    report = check_records(tokenizer, records())
    assert report.ok, report.first_difference


def test_the_lstm_trains_on_the_gpu_in_bf16_with_sampled_softmax(data_cfg, prepared, tmp_path):
    """The same fitting as on the CPU, through Accelerate on the GPU with bf16 autocast; the checkpoint serves on
    the CPU."""
    from dataclasses import replace

    from recommender.fitting import main
    from recommender.predictor import NextMoviePredictor
    from tests.conftest import TEST_MODEL, TEST_TRAIN

    cfg = replace(TEST_TRAIN, epochs=3, loss="sampled", negatives=16, mixed_precision="bf16")
    result = main(replace(data_cfg, home=tmp_path), TEST_MODEL, cfg)
    assert result.validation["hr@5/next5"] > 0.5
    predictor = NextMoviePredictor.from_checkpoint(result.checkpoint_dir, prepared.catalog)
    assert len(predictor.top_k([m.movie_id for m in prepared.catalog.movies[:5]], 10)) == 10
