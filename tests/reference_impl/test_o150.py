"""O.150 reference: patterns against a GF(2) power-series computation and published facts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reference_impl.o150 import PATTERNS, Implementation, check, pattern_bits, pattern_named

PLAIN = [name for name, pattern in PATTERNS.items() if pattern.zero_suppression is None]
PRIME_FACTORS = {  # of 2^n - 1, for the order test
    9: [7, 73], 11: [23, 89], 15: [7, 31, 151], 20: [3, 5, 11, 31, 41], 23: [47, 178481],
    29: [233, 1103, 2089], 31: [2147483647],
}


def _mulmod(a: int, b: int, modulus: int, degree: int) -> int:
    result = 0
    for position in range(b.bit_length()):
        if (b >> position) & 1:
            result ^= a << position
    for position in range(result.bit_length() - 1, degree - 1, -1):
        if (result >> position) & 1:
            result ^= modulus << (position - degree)
    return result


def _x_power(exponent: int, modulus: int, degree: int) -> int:
    result, base = 1, 2
    while exponent:
        if exponent & 1:
            result = _mulmod(result, base, modulus, degree)
        base = _mulmod(base, base, modulus, degree)
        exponent >>= 1
    return result


def _register_output(name: str, count: int) -> np.ndarray:
    """The register output by the recurrence, vectorised in blocks of `tap` bits with numpy."""
    pattern = pattern_named(name)
    n, tap = pattern.stages, pattern.tap
    s = np.ones(count + n, dtype=np.uint8)
    j = n
    while j < count:
        step = min(tap, count - j)  # s[j..j+step) only needs bits already known
        s[j : j + step] = s[j - tap : j - tap + step] ^ s[j - n : j - n + step]
        j += step
    return s[:count]


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_feedback_polynomials_are_primitive(name: str) -> None:
    """The period is exactly 2^n - 1: x has that order modulo x^n + x^(n-tap) + 1."""
    pattern = pattern_named(name)
    n = pattern.stages
    modulus = (1 << n) | (1 << (n - pattern.tap)) | 1
    assert _x_power(pattern.period, modulus, n) == 1
    for factor in PRIME_FACTORS[n]:
        assert _x_power(pattern.period // factor, modulus, n) != 1


@pytest.mark.parametrize("name", ["prbs-9", "prbs-11", "prbs-15", "prbs-20", "prbs-20-zs"])
def test_longest_zero_run_is_as_stated(name: str) -> None:
    pattern = pattern_named(name)
    s = _register_output(name, pattern.period + 32)
    if pattern.zero_suppression is not None:
        zeros = pattern.zero_suppression
        window = np.convolve(s, np.ones(zeros, dtype=np.int64), mode="valid")  # ones in s[j..j+zeros)
        forced = window[1 : pattern.period + 1] == 0
        line = np.where(forced, 1, s[: pattern.period])
    else:
        line = s[: pattern.period] ^ pattern.inverted
    assert list(pattern_bits(pattern, 0, 64)) == list(line[:64])
    doubled = np.concatenate([line, line])  # runs may wrap around the period
    edges = np.flatnonzero(np.diff(np.concatenate([[1], doubled, [1]])))
    longest = int(np.max(edges[1::2] - edges[::2]))
    assert longest == pattern.longest_zero_run


@settings(max_examples=10_000, deadline=None)
@given(st.sampled_from(PLAIN), st.integers(0, 200_000))
def test_generator_agrees_with_numpy_recurrence(name: str, offset: int) -> None:
    expected = EXPECTED[name][offset : offset + 16] ^ pattern_named(name).inverted
    assert pattern_bits(pattern_named(name), offset, 16) == expected.tolist()


EXPECTED = {name: _register_output(name, 200_016) for name in PLAIN}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(PATTERNS)), st.integers(0, 1 << 40))
def test_jumping_a_whole_period_changes_nothing(name: str, offset: int) -> None:
    pattern = pattern_named(name)
    assert pattern_bits(pattern, offset + pattern.period, 8) == pattern_bits(pattern, offset, 8)


def test_prbs9_begins_with_nine_ones() -> None:
    assert pattern_bits(pattern_named("prbs-9"), 0, 10) == [1] * 9 + [0]


def test_inverted_patterns_begin_with_n_zeros() -> None:
    for name in ("prbs-15", "prbs-23", "prbs-29", "prbs-31"):
        pattern = pattern_named(name)
        assert pattern_bits(pattern, 0, pattern.stages + 1) == [0] * pattern.stages + [1]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(PATTERNS)), st.integers(0, 10_000), st.sets(st.integers(0, 9), max_size=4))
@example("prbs-20-zs", 1, set())  # bits 20-22 are forced ONEs: loading them as the register lost 22 bits
@example("prbs-20-zs", 22, {0})
def test_checker_counts_isolated_errors(name: str, offset: int, blocks: set[int]) -> None:
    pattern = pattern_named(name)
    received = pattern_bits(pattern, offset, 200 * 10 + 2 * pattern.stages)
    for block in blocks:  # at most one error per 200 bits, after acquisition
        received[2 * pattern.stages + 200 * block + 100] ^= 1
    result = check(pattern, received)
    assert (result.errors, result.sync_losses, result.compared) == (len(blocks), 0, 2000)


@pytest.mark.parametrize("offset", range(0, 40))
def test_zero_suppressed_checker_synchronises_on_forced_ones(offset: int) -> None:
    """A window holding ONEs forced in place of register ZEROs still synchronises at once."""
    pattern = pattern_named("prbs-20-zs")
    result = check(pattern, pattern_bits(pattern, offset, 2040))
    assert (result.compared, result.errors, result.synchronised) == (2000, 0, True)


def test_unknown_patterns_are_rejected() -> None:
    with pytest.raises(ValueError, match=r"unknown O\.150 pattern"):
        Implementation().generate("prbs-7", 0, 8)


