"""``python -m reference_impl.g704 serve``: the G.704 reference over the process protocol."""

from __future__ import annotations

import sys

from reference_impl._serve import serve
from reference_impl.g704 import Implementation, __version__


def main(argv: list[str]) -> int:
    """Serve on stdin/stdout when asked to; return the exit status."""
    if argv != ["serve"]:
        sys.stderr.write("usage: python -m reference_impl.g704 serve\n")
        return 2
    return serve(Implementation(), name="recbench-g704-reference", version=__version__)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
