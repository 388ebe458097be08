"""``python -m reference_impl.x667 serve``: serve the reference over the process protocol."""

import sys

from reference_impl._serve import serve
from reference_impl.x667 import __version__
from reference_impl.x667.implementation import Implementation

BYTES_INPUTS = {"time_based": {"node"}, "name_based": {"name"}, "random_based": {"random"}}

if __name__ == "__main__":
    if sys.argv[1:] != ["serve"]:
        sys.exit("usage: python -m reference_impl.x667 serve")
    sys.exit(serve(Implementation(), name="recbench X.667 reference", version=__version__,
                   bytes_inputs=BYTES_INPUTS))
