"""Fixtures of the CLI tests: the published site of tests/publish, for ``recbench publish``."""

from tests.publish.conftest import catalog, published  # noqa: F401  (fixtures shared with tests/publish)
