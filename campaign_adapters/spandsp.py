"""SpanDSP (Debian's libspandsp) through a small C tool of ours, spandsp_codec.c, built here at first use.

``check()`` builds the tool with gcc into recbench's cache folder (keyed by the source's sha256,
so an edited source is rebuilt and nothing built is ever committed); the ICSs run it through
``python -m campaign_adapters.spandsp ARGS``, which execs the built tool with ARGS.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from campaign_adapters._common import Readiness, cache_folder

SOURCE = Path(__file__).with_name("spandsp_codec.c")
PACKAGE = "apt: libspandsp-dev"


def _version() -> str | None:
    for argv in (["pkg-config", "--modversion", "spandsp"], ["dpkg-query", "-W", "-f", "${Version}", "libspandsp-dev"]):
        if shutil.which(argv[0]) is None:
            continue
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
    return None


def built() -> Path | str:
    """The built tool, or what is missing (in words) when it cannot be built here."""
    compiler = shutil.which("gcc")
    if compiler is None:
        return "gcc (apt: gcc)"
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:16]
    program = cache_folder("spandsp") / f"spandsp_codec-{digest}"
    if program.is_file() and os.access(program, os.X_OK):
        return program
    program.parent.mkdir(parents=True, exist_ok=True)
    temporary = program.with_name(f".{program.name}.{os.getpid()}")
    done = subprocess.run(
        [compiler, "-O2", "-Wall", "-o", str(temporary), str(SOURCE), "-lspandsp", "-lm"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    if done.returncode != 0:
        temporary.unlink(missing_ok=True)
        if "spandsp.h" in done.stderr or "-lspandsp" in done.stderr:
            return f"libspandsp-dev ({PACKAGE})"
        return f"a SpanDSP tool that builds ({PACKAGE}; gcc said: {done.stderr.strip()[-300:]})"
    temporary.replace(program)  # atomic: parallel builds each finish their own file
    return program


def check() -> Readiness:
    found = built()
    if isinstance(found, str):
        return Readiness((found,))
    return Readiness(version=_version() or "unknown")


def main(arguments: list[str]) -> int:
    found = built()
    if isinstance(found, str):
        sys.stderr.write(f"not installed: {found}\n")
        return 1
    os.execv(found, [str(found), *arguments])
    return 1  # not reached: execv replaces this process


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
