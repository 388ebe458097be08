"""ITU-T P.810 reference implementation: the modulated noise reference unit (MNRU).

The modules follow the STL's MNRU (ITU-T G.191), whose noise source makes its output
reproducible bit for bit:

- noise: the Gaussian table and the 24-bit index generator of the STL's noise source;
- narrowband: the 8 kHz MNRU (DC removal, modulated noise, output low-pass);
- fullband: the 48 kHz MNRU with P.50-shaped noise (p50_filters holds the shaping filters);
- fullband_vectorised: the same with NumPy, when it is installed;
- rounding: floating point back to 16-bit samples;
- implementation: the interfaces of recommendations/p810, for the conformance harness.
"""

from reference_impl.p810.implementation import Implementation

__all__ = ["Implementation"]
