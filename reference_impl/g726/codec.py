"""The G.726 ADPCM encoder and decoder (clauses 1 to 4): state variables and one sample step.

Encoder and decoder share the whole adaptation part (inverse quantizer, scale factor,
speed control, predictor, tone and transition detector), so both use the same state and
the same update; they differ only in where I(k) comes from and what is output.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reference_impl.g726.adaptive_quantizer import code_magnitude, inverse_quantize, quantize
from reference_impl.g726.pcm_format import LINEAR, compress, expand
from reference_impl.g726.predictor import (
    FLOAT_ZERO,
    Float,
    reconstructed_to_float,
    signal_estimate,
    to_float,
    update_a1,
    update_a2,
    update_b,
    wrap16,
)
from reference_impl.g726.quantizer_tables import RateTables
from reference_impl.g726.scale_factor import mix, update_fast_factor, update_slow_factor
from reference_impl.g726.speed_control import (
    limit_speed,
    update_long_average,
    update_short_average,
    update_speed,
)
from reference_impl.g726.synchronous_coding import adjust
from reference_impl.g726.tone_transition import tone_detected, transition_detected

YU_RESET = 544
YL_RESET = 34816


@dataclass
class State:
    """The delayed state variables of G.726, at their reset values."""

    yu: int = YU_RESET
    yl: int = YL_RESET
    dms: int = 0
    dml: int = 0
    ap: int = 0
    a1: int = 0
    a2: int = 0
    b: list[int] = field(default_factory=lambda: [0] * 6)
    dq_history: list[Float] = field(default_factory=lambda: [FLOAT_ZERO] * 6)  # dq(k-1..k-6)
    sr1: Float = FLOAT_ZERO
    sr2: Float = FLOAT_ZERO
    pk1: int = 0
    pk2: int = 0
    td: int = 0


@dataclass(frozen=True)
class Estimate:
    """What the state predicts for sample k, before I(k) is known."""

    se: int  # signal estimate
    sez: int  # its sixth-order (zeros) part
    y: int  # quantizer scale factor


def predict(state: State) -> Estimate:
    """Signal estimate and scale factor for the next sample."""
    se, sez = signal_estimate(
        state.a1, state.a2, state.b, state.sr1, state.sr2, state.dq_history
    )
    y = mix(limit_speed(state.ap), state.yu, state.yl)
    return Estimate(se, sez, y)


def adapt(state: State, code: int, estimate: Estimate, tables: RateTables) -> int:
    """Inverse-quantize I(k), update every state variable, and return sr(k)."""
    y = estimate.y
    dq_sign, dq_magnitude = inverse_quantize(code, y, tables)
    dq = -dq_magnitude if dq_sign else dq_magnitude
    sr = wrap16(estimate.se + dq)  # ADDB
    dqsez = wrap16(estimate.sez + dq)  # ADDC
    pk0 = 1 if dqsez < 0 else 0
    sigpk = 1 if dqsez == 0 else 0
    transition = transition_detected(state.td, state.yl, dq_magnitude)

    magnitude = code_magnitude(code, tables)
    f = tables.speed_function[magnitude]
    dms = update_short_average(f, state.dms)
    dml = update_long_average(f, state.dml)
    state.dms, state.dml = dms, dml
    yu = update_fast_factor(tables.scale_multipliers[magnitude], y)
    state.yl = update_slow_factor(yu, state.yl)
    state.yu = yu

    a2p = update_a2(state.a1, state.a2, pk0, state.pk1, state.pk2, sigpk)
    a1p = update_a1(state.a1, a2p, pk0, state.pk1, sigpk)
    tone = tone_detected(a2p)
    state.ap = update_speed(state.ap, dms, dml, tone, y, transition)
    if transition:
        state.a1 = state.a2 = state.td = 0
        state.b = [0] * 6
    else:
        state.a1, state.a2, state.td = a1p, a2p, tone
        leak = tables.predictor_leak_shift
        state.b = [
            update_b(b, dq_sign, dq_magnitude, history[0], leak)
            for b, history in zip(state.b, state.dq_history, strict=True)
        ]

    state.dq_history = [to_float(dq_sign, dq_magnitude), *state.dq_history[:5]]
    state.sr2, state.sr1 = state.sr1, reconstructed_to_float(sr)
    state.pk2, state.pk1 = state.pk1, pk0
    return sr


def encode_sample(state: State, word: int, law: str, tables: RateTables) -> int:
    """One encoder step: the ADPCM code I(k) for the input PCM word s(k)."""
    estimate = predict(state)
    code = quantize(expand(word, law) - estimate.se, estimate.y, tables)
    adapt(state, code, estimate, tables)
    return code


def decode_sample(state: State, code: int, law: str, tables: RateTables) -> int:
    """One decoder step: the output PCM word sd(k) for the ADPCM code I(k)."""
    estimate = predict(state)
    sr = adapt(state, code, estimate, tables)
    sp = compress(sr, law)
    if law == LINEAR:
        return sp
    return adjust(sp, code, estimate.se, estimate.y, law, tables)


def encode_scheduled(words: Iterable[int], law: str, rates: Sequence[RateTables]) -> list[int]:
    """Encode from reset; rates[k] is the rate of sample k (G.726 Appendix I.1 alternation)."""
    state = State()
    return [encode_sample(state, w, law, t) for w, t in zip(words, rates, strict=True)]


def decode_scheduled(codes: Iterable[int], law: str, rates: Sequence[RateTables]) -> list[int]:
    """Decode from reset; rates[k] is the rate of sample k."""
    state = State()
    return [decode_sample(state, c, law, t) for c, t in zip(codes, rates, strict=True)]


def encode(words: Sequence[int], law: str, tables: RateTables) -> list[int]:
    """Encode PCM words from reset at one rate."""
    return encode_scheduled(words, law, [tables] * len(words))


def decode(codes: Sequence[int], law: str, tables: RateTables) -> list[int]:
    """Decode ADPCM code words from reset at one rate."""
    return decode_scheduled(codes, law, [tables] * len(codes))
