"""SpanDSP's G.726 for the python adapter: each call runs the built spandsp_codec tool on files.

The reset interfaces and the homing ones (an initialisation sequence whose outputs are
discarded, then the vectors' own) are the same tool run: the tool codes the initialisation and
the input in one codec state and leaves out the first outputs. Exit status 3 is SpanDSP's own
refusal (g726_init refusing a bit rate), so it is a rejection; any other failure is an error.
"""

from __future__ import annotations

import array
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from campaign_adapters._common import NotExpressible, octets
from campaign_adapters.spandsp import built, check

__all__ = ["Implementation", "check"]
LAWS = {"A": "A", "mu": "mu"}  # the codings the tool opens SpanDSP with (G726_ENCODING_ALAW, _ULAW)


def _law(law: str) -> str:
    if law not in LAWS:
        raise NotExpressible(f"SpanDSP is driven here with A-law or mu-law interworking: {law!r} cannot be given")
    return LAWS[law]


class Implementation:
    def __init__(self) -> None:
        found = built()
        if isinstance(found, str):
            raise RuntimeError(f"not installed: {found}")
        self.program = found

    def _run(self, interface: str, law: str, rate: int, data: bytes, skip: int) -> bytes:
        with tempfile.TemporaryDirectory(prefix="recbench-spandsp-") as folder:
            source, target = Path(folder) / "in", Path(folder) / "out"
            source.write_bytes(data)
            done = subprocess.run(
                [str(self.program), "g726", interface, _law(law), str(rate), str(source), str(target), str(skip)],
                capture_output=True, text=True, timeout=60, check=False,
            )
            if done.returncode == 3:
                raise ValueError(done.stderr.strip() or "SpanDSP refused the input")
            if done.returncode != 0:
                raise RuntimeError(f"spandsp_codec exited with {done.returncode}: {done.stderr.strip()[-500:]}")
            return target.read_bytes()

    def _encode(self, law: str, rate: int, words: list[int], skip: int) -> dict[str, Any]:
        _law(law)
        for word in words:
            if not 0 <= word <= 255:  # SpanDSP's buffer holds law octets
                raise NotExpressible(f"{word} is not a law octet: it cannot be given to SpanDSP")
        return {"codes": list(self._run("encode", law, rate, array.array("h", words).tobytes(), skip))}

    def _decode(self, law: str, rate: int, codes: list[int], skip: int) -> dict[str, Any]:
        output = self._run("decode", law, rate, octets(codes, "SpanDSP"), skip)
        return {"samples": array.array("h", output).tolist()}

    def encode(self, law: str, rate: int, samples: list[int]) -> dict[str, Any]:
        return self._encode(law, rate, samples, 0)

    def decode(self, law: str, rate: int, codes: list[int]) -> dict[str, Any]:
        return self._decode(law, rate, codes, 0)

    def encode_initialised(self, law: str, rate: int, initialisation: list[int], samples: list[int]) -> dict[str, Any]:
        return self._encode(law, rate, initialisation + samples, len(initialisation))

    def decode_initialised(self, law: str, rate: int, initialisation: list[int], codes: list[int]) -> dict[str, Any]:
        return self._decode(law, rate, initialisation + codes, len(initialisation))
