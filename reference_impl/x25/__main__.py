"""``python -m reference_impl.x25 serve``: the X.25 reference over the process protocol."""

from __future__ import annotations

import sys

from reference_impl._serve import serve
from reference_impl.x25 import Implementation, __version__


def main(argv: list[str]) -> int:
    """Serve on stdin/stdout when asked to; return the exit status."""
    if argv != ["serve"]:
        sys.stderr.write("usage: python -m reference_impl.x25 serve\n")
        return 2
    return serve(Implementation(), name="recbench-x25-reference", version=__version__,
                 bytes_inputs={"frame_check_sequence": {"content"}, "transmit_frame": {"content"},
                               "receive_frame": {"frame_octets"}})


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
