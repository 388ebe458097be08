"""``python -m reference_impl.g107 serve``: serve the reference over the process protocol."""

import sys

from reference_impl._serve import serve
from reference_impl.g107 import __version__
from reference_impl.g107.implementation import Implementation

if __name__ == "__main__":
    if sys.argv[1:] != ["serve"]:
        sys.exit("usage: python -m reference_impl.g107 serve")
    sys.exit(serve(Implementation(), name="recbench G.107 reference", version=__version__))
