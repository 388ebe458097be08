"""The toy Recommendation's fixtures, shared with the harness tests."""

from tests.harness.conftest import run_toy, toy, toy_root

__all__ = ["run_toy", "toy", "toy_root"]
