"""The filtering kernels of the ITU-T G.191 STL's FIR and IIR modules, in single precision.

Shared by reference_impl/p341 (FIR and IIR IRS, rate changers) and reference_impl/g712 (PCM
channel filters). The STL filters hold coefficients, delay lines and outputs in single
precision (C float) and round every float operation to it; these kernels do the same, in the
same order, so that their outputs equal the STL's bit for bit, not only within the one unit
its portability tests allow.

- single: rounding to single precision;
- samples: 16-bit samples to the normalised floats the filters work on, and back;
- fir: polyphase FIR filtering with down- or up-sampling (fir_vectorised: the NumPy form);
- iir: second-order sections in cascade and in parallel, with down- or up-sampling.
"""

from reference_impl.stlfilter.fir import FirFilter
from reference_impl.stlfilter.iir import CascadeIir, ParallelIir
from reference_impl.stlfilter.samples import checked_words, from_words, to_words

__all__ = ["CascadeIir", "FirFilter", "ParallelIir", "checked_words", "from_words", "to_words"]
