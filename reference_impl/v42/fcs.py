"""ITU-T V.42 (LAPM) frame check sequences: the 16-bit FCS and the optional 32-bit FCS.

The FCS protects the address, control and information fields of a frame; V.42 defines it in
the HDLC family's words (see reference_impl.fcs.hdlc). The 32-bit FCS is used only when both
DCEs have agreed to it during parameter negotiation; otherwise the 16-bit FCS applies.
"""

from __future__ import annotations

from reference_impl.fcs import FCS_16, FCS_32, FrameCheckSequence

FCS_LENGTHS: dict[str, FrameCheckSequence] = {"16-bit": FCS_16, "32-bit": FCS_32}
# address (1 octet) and control (at least 1 octet) precede the FCS in every valid frame
MINIMUM_FIELDS_OCTETS = 2


def fcs_for(length: str) -> FrameCheckSequence:
    """The FCS called ``length`` ('16-bit' or '32-bit')."""
    try:
        return FCS_LENGTHS[length]
    except KeyError:
        raise ValueError(f"unknown FCS length {length!r}: expected '16-bit' or '32-bit'") from None


def frame_check_sequence(content: bytes, length: str) -> bytes:
    """The FCS octets that follow ``content`` (address, control, information) in the frame."""
    return fcs_for(length).compute(content)


def accept_frame(frame: bytes, length: str) -> bytes:
    """Check a received frame (content then FCS, flags and inserted zeros removed).

    Returns the content when the frame is valid; raises ValueError for an invalid frame: too
    short to hold address, control and FCS, or an FCS error.
    """
    fcs = fcs_for(length)
    minimum = MINIMUM_FIELDS_OCTETS + fcs.octets
    if len(frame) < minimum:
        raise ValueError(
            f"invalid frame: {len(frame) * 8} bits between flags, fewer than {minimum * 8}"
        )
    if not fcs.is_error_free(frame):
        raise ValueError(
            f"FCS error: receiver remainder {fcs.receiver_remainder(frame):#0{fcs.bits // 4 + 2}x}"
        )
    return frame[: -fcs.octets]
