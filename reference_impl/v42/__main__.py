"""``python -m reference_impl.v42 serve``: the V.42 reference over the process protocol."""

from __future__ import annotations

import sys

from reference_impl._serve import serve
from reference_impl.v42 import Implementation, __version__


def main(argv: list[str]) -> int:
    """Serve on stdin/stdout when asked to; return the exit status."""
    if argv != ["serve"]:
        sys.stderr.write("usage: python -m reference_impl.v42 serve\n")
        return 2
    return serve(Implementation(), name="recbench-v42-reference", version=__version__,
                 bytes_inputs={"frame_check_sequence": {"content"}, "receive_frame": {"frame"}})


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
