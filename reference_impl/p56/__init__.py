"""ITU-T P.56 reference implementation: active speech level by Method B, and normalisation.

- voltmeter: the two processes of Method B (sums for the long-term level; envelope, 15
  thresholds and hangover for the activity) and the active level they give;
- normalisation: gain to a target level, applied as the ITU-T G.191 tool applies it;
- implementation: the interfaces of recommendations/p56, for the conformance harness.
"""

from reference_impl.p56.implementation import Implementation
from reference_impl.p56.normalisation import apply_gain, gain_for, measure_samples
from reference_impl.p56.voltmeter import Measurement, measure

__all__ = ["Implementation", "Measurement", "apply_gain", "gain_for", "measure", "measure_samples"]
