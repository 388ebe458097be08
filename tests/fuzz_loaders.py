"""A mutation fuzzer for every loader of user files: each input is loaded or refused with a
``RecbenchError`` (located diagnostics), never any other exception, and never hangs.

Seeds are small valid files of each kind (recommendation.yaml, a vector file, an ICS, a
requirements lock, a pylock.toml, hygiene.toml, CycloneDX and SPDX SBOMs); mutations flip bytes,
truncate, nest deeply, write huge numbers, lone surrogates, NULs, aliases and complex keys, and
re-encode the text as UTF-16/32. Everything derives from ``(seed, index)``, so a finding is
reproduced by its index.

In the suite, ``tests/spec/test_fuzz.py`` runs a few hundred inputs in-process. For longer runs::

    python -m tests.fuzz_loaders --minutes 10 [--seed 1] [--timeout 20] [--out FOLDER]

runs inputs in worker processes, each under a watchdog (``--timeout`` seconds), and writes every
input that raised something else or hung to ``--out`` (default: a new temporary folder), with
the traceback; the exit status is 1 when anything was found.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from tests.mini_repository import RECOMMENDATION, VECTORS

ICS = """\
schema: recbench-ics/1
recommendation: ITU-T X.999
edition: 2024-01-31
implementation: {name: x, version: '1.0', location: impl}
options: [wide]
flags: []
adapter:
  type: process
  command: [python, -m, impl]
  timeouts: {startup: 5, request: 2.5}
expected_failures:
  - basic/1
  - {vector: basic/2, reason: known}
expected_failures_file: null
"""

LOCK = """\
# a comment
attrs==23.1.0 \\
    --hash=sha256:{h}
idna==3.7 --hash=sha256:{h}
-r base.txt
-c constraints.txt
-e ./local
jinja2>=3 ; python_version >= "3.8"
""".replace("{h}", "a" * 64)

PYLOCK = """\
lock-version = "1.0"
[[packages]]
name = "attrs"
version = "23.1.0"
[[packages.wheels]]
upload-time = 2023-05-01T00:00:00Z
hashes = {sha256 = "aaaa"}
"""

POLICY = """\
max_severity = "low"
max_release_age_days = 400
max_libyears = 2.5
require_pins = true
[licences]
allow = ["MIT", "Apache-2.0"]
[repository]
min_score = 4.0
[[ignores]]
id = "PYSEC-1"
reason = "not reachable"
expires = 2030-01-01
"""

CYCLONEDX = json.dumps({
    "bomFormat": "CycloneDX", "specVersion": "1.6",
    "components": [{"name": "attrs", "version": "23.1.0", "purl": "pkg:pypi/attrs@23.1.0",
                    "hashes": [{"alg": "SHA-256", "content": "a" * 64}],
                    "licenses": [{"license": {"id": "MIT"}}],
                    "components": [{"purl": "pkg:pypi/idna@3.7"}]}]})

SPDX = json.dumps({
    "spdxVersion": "SPDX-2.3", "packages": [
        {"name": "attrs", "versionInfo": "23.1.0", "licenseConcluded": "MIT",
         "externalRefs": [{"referenceType": "purl", "referenceLocator": "pkg:pypi/attrs@23.1.0"}],
         "checksums": [{"algorithm": "SHA256", "checksumValue": "a" * 64}]}]})

_VECTORS = json.loads(json.dumps(VECTORS))
_VECTORS["groups"][0]["tests"][1]["input"]["values"]["sha256"] = hashlib.sha256(bytes([3, 4])).hexdigest()

SEEDS: dict[str, tuple[str, bytes]] = {
    "recommendation": ("recommendation.yaml", RECOMMENDATION.replace("{sha}", "0" * 64).encode()),
    "vectors": ("basic.json", json.dumps(_VECTORS, indent=1).encode()),
    "ics": ("ics.yaml", ICS.encode()),
    "requirements": ("requirements.txt", LOCK.encode()),
    "pylock": ("pylock.toml", PYLOCK.encode()),
    "policy-toml": ("hygiene.toml", POLICY.encode()),
    "policy-yaml": ("hygiene.yaml", b"max_severity: low\nignores:\n  - {id: A, reason: r, expires: 2030-01-01}\n"),
    "cyclonedx": ("bom.json", CYCLONEDX.encode()),
    "spdx": ("sbom.spdx.json", SPDX.encode()),
}

# fragments that reach the corners of the formats
TOKENS = [
    b"\x00", b"\\0", b"\\u0000", b"\\ud800", b"\xed\xa0\x80", b"\xff", b"\xef\xbb\xbf", b"[", b"{", b"]", b"}",
    b"&a ", b"*a", b"<<: *a", b"? ", b": ", b"- ", b"!!timestamp ", b"!!int ", b"!!binary ", b"!!set ",
    b"!!python/object:os.system ", b"1988-13-45", b"2024-02-30T25:61:61Z", b".inf", b".nan", b"NaN",
    b"Infinity", b"-Infinity", b"1e999", b"9" * 5000, b"0x" + b"f" * 5000, b"\t", b"\r", b"\n  ", b"'",
    b'"', b"#", b"|", b">", b"%YAML 1.1\n---\n", b"---\n", b"...\n", b"-r ", b"-c ", b"--hash=",
    b"[[packages]]\n", b"a = [", b'"\\', b"\xe2\x80\xa8", b"a" * 5000, b"/" * 300, b"../" * 40,
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random mutations of ``data``."""
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(10)
        position = rng.randint(0, len(data))
        if choice == 0 and data:  # flip bytes
            buffer = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                buffer[rng.randrange(len(buffer))] = rng.randrange(256)
            data = bytes(buffer)
        elif choice == 1:  # truncate
            data = data[:position]
        elif choice in (2, 3, 4):  # a token of the formats
            data = data[:position] + rng.choice(TOKENS) + data[position:]
        elif choice == 5:  # deep nesting, flow or block
            depth = rng.choice([70, 1000, 20_000, 100_000])
            opener, closer = rng.choice([(b"[", b"]"), (b"{a: ", b"}"), (b'{"a": ', b"}"), (b"- ", b"")])
            data = data[:position] + opener * depth + closer * depth + data[position:]
        elif choice == 6:  # duplicate a slice (repeated keys, tables, anchors)
            start = rng.randint(0, len(data))
            piece = data[start:start + rng.randint(1, 200)]
            data = data[:position] + piece + data[position:]
        elif choice == 7:  # another encoding
            codec = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "latin-1"])
            data = data.decode("utf-8", "replace").encode(codec, "replace")
        elif choice == 8:  # an alias bomb
            bomb = "a0: &a0 [x, x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 30))
            data = data[:position] + bomb.encode() + data[position:]
        else:  # delete a slice
            data = data[:position] + data[position + rng.randint(1, 50):]
    return data


def _load(kind: str, data: bytes, folder: Path) -> None:
    """Write ``data`` where a loader of ``kind`` expects it and load it."""
    from conformance.harness.expected_failures import expected_failures
    from conformance.harness.ics import load_ics
    from conformance.hygiene.inventory import read_inventory
    from conformance.hygiene.policy import load_policy
    from conformance.spec.loading import load_recommendation
    from conformance.spec.vectors import load_vector_set

    name, _ = SEEDS[kind]
    if kind in ("recommendation", "vectors"):
        rec = folder / "recommendations" / "x999"
        (rec / "vectors").mkdir(parents=True, exist_ok=True)
        (rec / "vectors" / "data.bin").write_bytes(bytes([3, 4]))
        vectors = data if kind == "vectors" else SEEDS["vectors"][1]
        (rec / "vectors" / "basic.json").write_bytes(vectors)
        text = data if kind == "recommendation" else SEEDS["recommendation"][1]
        (rec / "recommendation.yaml").write_bytes(text.replace(b"0" * 64, hashlib.sha256(vectors).hexdigest().encode()))
        loaded = load_recommendation(rec)
        for entry in loaded.model.vector_sets:
            load_vector_set(entry, rec, check_hash=kind == "recommendation")
        return
    path = folder / name
    path.write_bytes(data)
    if kind == "ics":
        (folder / "impl").mkdir(exist_ok=True)
        expected_failures(load_ics(path))
    elif kind.startswith("policy"):
        load_policy(path)
    else:
        (folder / "base.txt").write_bytes(data[: len(data) // 2])
        read_inventory(path)


def check(kind: str, data: bytes, folder: Path) -> str | None:
    """None when the loader returned or raised a RecbenchError; else the unexpected traceback."""
    from conformance.errors import RecbenchError

    try:
        _load(kind, data, folder)
    except RecbenchError as error:
        for line in error.lines:  # what the CLI prints must be printable
            line.encode("utf-8", "backslashreplace")
    except _Hang:
        raise
    except BaseException:  # anything else is a finding, even SystemExit or KeyboardInterrupt-free ones
        return traceback.format_exc()
    return None


def inputs(seed: int, start: int = 0) -> Iterator[tuple[int, str, bytes]]:
    """(index, kind, data) for ever, each derived from ``(seed, index)`` alone."""
    kinds = sorted(SEEDS)
    index = start
    while True:
        kind = kinds[index % len(kinds)]
        rng = random.Random(f"{seed}:{index}")
        yield index, kind, mutate(SEEDS[kind][1], rng)
        index += 1


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _Hang


def _work(job: tuple[int, int, int]) -> tuple[int, str, str | None]:
    """Worker side: run input ``index`` of ``seed`` under a ``timeout``-second alarm."""
    seed, index, timeout = job
    _, kind, data = next(inputs(seed, index))
    signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory() as folder:
        signal.alarm(timeout)
        try:
            found = check(kind, data, Path(folder))
        except _Hang:
            found = f"hang: no answer within {timeout} s"
        finally:
            signal.alarm(0)
    return index, kind, found


def main(argv: list[str] | None = None) -> int:
    """Fuzz for ``--minutes``; print the figures and write findings to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=20, help="seconds an input may take")
    parser.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2) - 0))
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args(argv)
    out = options.out or Path(tempfile.mkdtemp(prefix="recbench-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("RECBENCH_CACHE_DIR", str(out / "cache"))
    deadline = time.monotonic() + options.minutes * 60
    tried = findings = 0
    index = 0
    context = multiprocessing.get_context("fork")
    while time.monotonic() < deadline:
        with context.Pool(options.workers, maxtasksperchild=200) as pool:
            batch = [(options.seed, index + offset, options.timeout) for offset in range(options.workers * 8)]
            index += len(batch)
            pending = [pool.apply_async(_work, (job,)) for job in batch]
            for job, result in zip(batch, pending, strict=True):
                try:  # the parent's watchdog, for a hang the alarm cannot break (inside C code)
                    number, kind, found = result.get(options.timeout * 3 + 10)
                except multiprocessing.TimeoutError:
                    number, kind, found = job[1], "?", "hang: the worker did not answer"
                    pool.terminate()
                    break
                tried += 1
                if found is not None:
                    findings += 1
                    _, kind, data = next(inputs(options.seed, number))
                    (out / f"{number}-{kind}.input").write_bytes(data)
                    (out / f"{number}-{kind}.txt").write_text(found)
                    print(f"finding: input {number} ({kind}): {found.strip().splitlines()[-1]}", flush=True)
    minutes = options.minutes
    print(f"{tried} inputs in {minutes:g} minutes (seed {options.seed}), {findings} findings; written to {out}")
    return 1 if findings else 0


def run_in_process(seed: int, count: int, folder: Path) -> list[str]:
    """The suite's bounded run: ``count`` inputs in this process; returns the findings."""
    found: list[str] = []
    for index, kind, data in inputs(seed):
        if index >= count:
            break
        place = folder / str(index)
        place.mkdir()
        problem = check(kind, data, place)
        if problem is not None:
            found.append(f"input {index} ({kind}):\n{problem}")
    return found


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["SEEDS", "check", "inputs", "main", "mutate", "run_in_process"]
