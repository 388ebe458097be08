"""ITU-T G.712 PCM channel filters: the ITU-T G.191 STL's G.712 IIR filters (parallel and cascade form).

- tables: the coefficients (generated from the STL by tools/vectors/stl_filter_tables.py);
- filters: the filters by name, on the kernels of reference_impl.stlfilter;
- implementation: the interface of recommendations/g712, for the conformance harness.
"""

from reference_impl.g712.implementation import Implementation

__all__ = ["Implementation"]
