"""ITU-T O.150 reference implementation: pseudo-random test patterns and a pattern checker."""

__version__ = "1.0.0"  # this reference's own version, announced when served and recorded in reports

from reference_impl.o150.checker import CheckResult, check
from reference_impl.o150.generator import PatternGenerator, pattern_bits
from reference_impl.o150.implementation import Implementation
from reference_impl.o150.patterns import PATTERNS, TestPattern, pattern_named

__all__ = [
    "PATTERNS",
    "CheckResult",
    "Implementation",
    "PatternGenerator",
    "TestPattern",
    "check",
    "pattern_bits",
    "pattern_named",
]
