"""``python -m reference_impl.x690 serve``: serve the reference over the process protocol."""

import sys

from reference_impl._serve import serve
from reference_impl.x690 import __version__
from reference_impl.x690.implementation import Implementation

if __name__ == "__main__":
    if sys.argv[1:] != ["serve"]:
        sys.exit("usage: python -m reference_impl.x690 serve")
    sys.exit(serve(Implementation(), name="recbench X.690 reference", version=__version__,
                   bytes_inputs={"decode": {"der"}}))
