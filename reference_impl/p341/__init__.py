"""ITU-T P.341 / IRS filters and rate changers: the ITU-T G.191 STL's FIR module and IIR IRS and flat filters.

- tables: the coefficients (generated from the STL by tools/vectors/stl_filter_tables.py);
- filters: the filters by name, on the kernels of reference_impl.stlfilter;
- implementation: the interfaces of recommendations/p341, for the conformance harness.
"""

from reference_impl.p341.implementation import Implementation

__all__ = ["Implementation"]
