"""``python -m reference_impl.i4321 serve``: the I.432.1 reference over the process protocol."""

from __future__ import annotations

import sys

from reference_impl._serve import serve
from reference_impl.i4321 import Implementation, __version__


def main(argv: list[str]) -> int:
    """Serve on stdin/stdout when asked to; return the exit status."""
    if argv != ["serve"]:
        sys.stderr.write("usage: python -m reference_impl.i4321 serve\n")
        return 2
    return serve(Implementation(), name="recbench-i4321-reference", version=__version__,
                 bytes_inputs={"crc8": {"data"}, "header_error_control": {"header"},
                               "receive_headers": {"headers"}})


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
