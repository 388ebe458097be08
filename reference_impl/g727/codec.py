"""The ITU-T G.727 embedded ADPCM encoder and decoder: state variables and the sample loop.

G.727 is G.726's structure with an embedded quantizer: the encoder quantizes with all its
bits (core plus enhancement), but the adaptation everywhere (inverse quantizer in the feedback
path, scale factor, speed control, predictor, tone and transition detector) sees only the
core bits, so an encoder and a decoder stay in step when the network drops enhancement bits.
The decoder reconstructs its output from every bit it receives (the feed-forward path) and
applies the synchronous coding adjustment with the full quantizer.

The blocks that G.727 shares with G.726 bit for bit come from reference_impl.g726: PCM
conversion, logarithm and antilogarithm, scale factor and speed control, the predictor and the
tone detector. G.727's own parts are its quantizer and adaptation tables, the transition
detector's limit and the synchronous adjustment's step (see their modules).

As in reference_impl.g726.codec, the state lives in local variables while the loop runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from reference_impl.g726.adaptive_quantizer import inverse_quantize, quantize
from reference_impl.g726.codec import State  # G.727 clause 4 keeps G.726's state variables and reset values
from reference_impl.g726.pcm_format import compress, expand
from reference_impl.g726.predictor import (
    reconstructed_to_float,
    signal_estimate,
    to_float,
    update_a1,
    update_a2,
    update_zeros,
    wrap16,
)
from reference_impl.g726.scale_factor import mix, update_fast_factor, update_slow_factor
from reference_impl.g726.speed_control import (
    limit_speed,
    update_long_average,
    update_short_average,
    update_speed,
)
from reference_impl.g726.tone_transition import tone_detected
from reference_impl.g727.quantizer_tables import CORE_ADAPTATION, QUANTIZERS
from reference_impl.g727.synchronous_coding import adjust
from reference_impl.g727.transition import transition_detected

PREDICTOR_LEAK_SHIFT = 8  # b_i leak 2^-8 at every rate (G.726 uses 2^-9 at 40 kbit/s)


def run(
    state: State, words: Sequence[int], law: str, total_bits: int, core_bits: int, *, decoding: bool
) -> list[int]:
    """Encode PCM words to code words of ``total_bits``, or decode such code words to PCM words.

    The adaptation uses the ``core_bits`` most significant bits of each code word. ``state``
    is left as after the last sample.
    """
    full = QUANTIZERS[total_bits]
    core = QUANTIZERS[core_bits]
    adaptation = CORE_ADAPTATION[core_bits]
    enhancement_bits = total_bits - core_bits
    core_sign, core_magnitude = core.code_sign, core.code_magnitude
    multipliers, speed_function = adaptation.scale_multipliers, adaptation.speed_function

    yu, yl, dms, dml, ap = state.yu, state.yl, state.dms, state.dml, state.ap
    a1, a2, b, dq_history = state.a1, state.a2, state.b, state.dq_history
    sr1, sr2, pk1, pk2, td = state.sr1, state.sr2, state.pk1, state.pk2, state.td
    output = []
    for word in words:
        se, sez = signal_estimate(a1, a2, b, sr1, sr2, dq_history)
        y = mix(limit_speed(ap), yu, yl)

        if decoding:
            code = word
        else:
            code = quantize(expand(word, law) - se, y, full)
            output.append(code)
        core_code = code >> enhancement_bits

        # feedback path: the inverse quantizer of the core bits
        dq_sign = core_sign[core_code]
        dq_magnitude = inverse_quantize(core_code, y, core)
        dq = -dq_magnitude if dq_sign else dq_magnitude
        sr = wrap16(se + dq)
        dqsez = wrap16(sez + dq)
        pk0 = 1 if dqsez < 0 else 0
        sigpk = 1 if dqsez == 0 else 0

        if decoding:
            # feed-forward path: every received bit reconstructs the output
            dq_full = inverse_quantize(code, y, full)
            sr_full = wrap16(se - dq_full if full.code_sign[code] else se + dq_full)
            output.append(adjust(compress(sr_full, law), code, se, y, law, full))

        transition = transition_detected(td, yl, dq_magnitude)

        magnitude = core_magnitude[core_code]
        f = speed_function[magnitude]
        dms = update_short_average(f, dms)
        dml = update_long_average(f, dml)
        yu = update_fast_factor(multipliers[magnitude], y)
        yl = update_slow_factor(yu, yl)

        a2p = update_a2(a1, a2, pk0, pk1, pk2, sigpk)
        a1p = update_a1(a1, a2p, pk0, pk1, sigpk)
        tone = tone_detected(a2p)
        ap = update_speed(ap, dms, dml, tone, y, transition)
        if transition:
            a1 = a2 = td = 0
            b = [0] * 6
        else:
            b = update_zeros(b, dq_sign, dq_magnitude, dq_history, PREDICTOR_LEAK_SHIFT)
            a1, a2, td = a1p, a2p, tone

        dq_history = [to_float(dq_sign, dq_magnitude), *dq_history[:5]]
        sr1, sr2 = reconstructed_to_float(sr), sr1
        pk1, pk2 = pk0, pk1

    state.yu, state.yl, state.dms, state.dml, state.ap = yu, yl, dms, dml, ap
    state.a1, state.a2, state.b, state.dq_history = a1, a2, b, dq_history
    state.sr1, state.sr2, state.pk1, state.pk2, state.td = sr1, sr2, pk1, pk2, td
    return output


def encode(words: Sequence[int], law: str, total_bits: int, core_bits: int) -> list[int]:
    """Encode log PCM words from reset into code words of ``total_bits`` bits."""
    return run(State(), words, law, total_bits, core_bits, decoding=False)


def decode(codes: Sequence[int], law: str, total_bits: int, core_bits: int) -> list[int]:
    """Decode code words of ``total_bits`` bits from reset into log PCM words of ``law``."""
    return run(State(), codes, law, total_bits, core_bits, decoding=True)
