"""The G.726 ADPCM encoder and decoder (clauses 1 to 4): state variables and the sample loop.

Encoder and decoder share the whole adaptation part (inverse quantizer, scale factor,
speed control, predictor, tone and transition detector): one loop serves both, taking
I(k) from the quantizer (encoder) or from the channel (decoder). The rate may change from
one sample to the next; every state variable is common to the four rates.

The state lives in local variables while the loop runs (a CPython speed measure: local
names are much cheaper than attributes) and in a State object between calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reference_impl.g726.adaptive_quantizer import inverse_quantize, quantize
from reference_impl.g726.pcm_format import LINEAR, compress, expand
from reference_impl.g726.predictor import (
    FLOAT_ZERO,
    Float,
    reconstructed_to_float,
    signal_estimate,
    to_float,
    update_a1,
    update_a2,
    update_zeros,
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

YU_RESET = 544  # 1.06 in 1/512
YL_RESET = 34816  # 1.06 in 1/32768


@dataclass
class State:
    """The delayed state variables of G.726; a new State is the reset state."""

    yu: int = YU_RESET  # fast scale factor
    yl: int = YL_RESET  # slow scale factor
    dms: int = 0  # short-term average of F(I)
    dml: int = 0  # long-term average of F(I)
    ap: int = 0  # unlimited speed control parameter
    a1: int = 0  # second-order (pole) coefficients
    a2: int = 0
    b: list[int] = field(default_factory=lambda: [0] * 6)  # sixth-order (zero) coefficients
    dq_history: list[Float] = field(default_factory=lambda: [FLOAT_ZERO] * 6)  # dq(k-1..k-6)
    sr1: Float = FLOAT_ZERO  # sr(k-1)
    sr2: Float = FLOAT_ZERO  # sr(k-2)
    pk1: int = 0  # sign of dq + sez at k-1
    pk2: int = 0  # and at k-2
    td: int = 0  # tone detected at k-1


def run(
    state: State, words: Sequence[int], law: str, rates: Sequence[RateTables], *, decoding: bool
) -> list[int]:
    """Encode PCM words to code words, or decode code words to PCM words, from ``state``.

    rates[k] gives the rate of sample k. ``state`` is left as after the last sample.
    """
    yu, yl, dms, dml, ap = state.yu, state.yl, state.dms, state.dml, state.ap
    a1, a2, b, dq_history = state.a1, state.a2, state.b, state.dq_history
    sr1, sr2, pk1, pk2, td = state.sr1, state.sr2, state.pk1, state.pk2, state.td
    log_output = law != LINEAR
    output = []
    for word, tables in zip(words, rates, strict=True):
        # adaptive predictor (2.7) and scale factor (2.5, with al(k) from 2.6) for sample k
        se, sez = signal_estimate(a1, a2, b, sr1, sr2, dq_history)
        y = mix(limit_speed(ap), yu, yl)

        if decoding:
            code = word
        else:
            # input PCM format conversion, difference signal, adaptive quantizer (2.1 - 2.3)
            code = quantize(expand(word, law) - se, y, tables)
            output.append(code)

        # inverse adaptive quantizer (2.4): dq(k) in sign and magnitude
        dq_sign = tables.code_sign[code]
        dq_magnitude = inverse_quantize(code, y, tables)
        dq = -dq_magnitude if dq_sign else dq_magnitude

        # reconstructed signal and the sign of the partial estimate plus dq (ADDB, ADDC)
        sr = wrap16(se + dq)
        dqsez = wrap16(sez + dq)
        pk0 = 1 if dqsez < 0 else 0
        sigpk = 1 if dqsez == 0 else 0

        if decoding:
            # output PCM format conversion (3.6) and synchronous coding adjustment (3.7)
            sp = compress(sr, law)
            output.append(adjust(sp, code, se, y, law, tables) if log_output else sp)

        # transition detector (2.8), from td(k-1) and yl(k-1)
        transition = transition_detected(td, yl, dq_magnitude)

        # quantizer scale factor adaptation (2.5) and adaptation speed control (2.6)
        magnitude = tables.code_magnitude[code]
        f = tables.speed_function[magnitude]
        dms = update_short_average(f, dms)
        dml = update_long_average(f, dml)
        yu = update_fast_factor(tables.scale_multipliers[magnitude], y)
        yl = update_slow_factor(yu, yl)

        # adaptive predictor coefficients (2.7) and tone detector (2.8)
        a2p = update_a2(a1, a2, pk0, pk1, pk2, sigpk)
        a1p = update_a1(a1, a2p, pk0, pk1, sigpk)
        tone = tone_detected(a2p)
        ap = update_speed(ap, dms, dml, tone, y, transition)
        if transition:
            # TRIGB: a transition resets the predictor
            a1 = a2 = td = 0
            b = [0] * 6
        else:
            b = update_zeros(b, dq_sign, dq_magnitude, dq_history, tables.predictor_leak_shift)
            a1, a2, td = a1p, a2p, tone

        # delays: floating-point histories of dq and sr, signs of p
        dq_history = [to_float(dq_sign, dq_magnitude), *dq_history[:5]]
        sr1, sr2 = reconstructed_to_float(sr), sr1
        pk1, pk2 = pk0, pk1

    state.yu, state.yl, state.dms, state.dml, state.ap = yu, yl, dms, dml, ap
    state.a1, state.a2, state.b, state.dq_history = a1, a2, b, dq_history
    state.sr1, state.sr2, state.pk1, state.pk2, state.td = sr1, sr2, pk1, pk2, td
    return output


def encode_scheduled(words: Sequence[int], law: str, rates: Sequence[RateTables]) -> list[int]:
    """Encode PCM words from reset; rates[k] is the rate of sample k (Appendix I.1 alternation)."""
    return run(State(), words, law, rates, decoding=False)


def decode_scheduled(codes: Sequence[int], law: str, rates: Sequence[RateTables]) -> list[int]:
    """Decode code words from reset to PCM words; rates[k] is the rate of sample k."""
    return run(State(), codes, law, rates, decoding=True)


def encode(words: Sequence[int], law: str, tables: RateTables) -> list[int]:
    """Encode PCM words from reset at one rate."""
    return encode_scheduled(words, law, [tables] * len(words))


def decode(codes: Sequence[int], law: str, tables: RateTables) -> list[int]:
    """Decode ADPCM code words from reset at one rate."""
    return decode_scheduled(codes, law, [tables] * len(codes))
