"""``python -m conformance``: the recbench command line."""

from conformance.cli import main

main()
