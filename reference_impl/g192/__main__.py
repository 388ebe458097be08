"""``python -m reference_impl.g192 serve``: the G.192 / EID reference over the process protocol."""

from __future__ import annotations

import sys

from reference_impl._serve import serve
from reference_impl.g192.implementation import NAME, VERSION, Implementation

BYTES_INPUTS = {
    "truncate": {"bitstream"},
    "apply_pattern": {"bitstream", "pattern"},
    "disturb": {"bitstream"},
}


def main(argv: list[str]) -> int:
    """Serve on stdin/stdout when asked to; return the exit status."""
    if argv != ["serve"]:
        sys.stderr.write("usage: python -m reference_impl.g192 serve\n")
        return 2
    return serve(Implementation(), name=NAME, version=VERSION, bytes_inputs=BYTES_INPUTS)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
