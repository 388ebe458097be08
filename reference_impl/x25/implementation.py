"""The X.25 reference as the harness calls it: one method per interface of recommendation.yaml."""

from __future__ import annotations

from reference_impl.x25 import frame


class Implementation:
    """Interfaces of recommendations/x25: frame_check_sequence, transmit_frame, receive_frame."""

    def frame_check_sequence(self, content: bytes) -> dict[str, bytes]:
        """FCS octets for a frame's content."""
        return {"fcs": frame.frame_check_sequence(content)}

    def transmit_frame(self, content: bytes) -> dict[str, list[int]]:
        """Line bits of a frame: flags, content, FCS, zeros inserted for transparency."""
        return {"bits": frame.transmit_frame(content)}

    def receive_frame(self, frame_octets: bytes) -> dict[str, bytes]:
        """Content of a valid received frame; ValueError for an invalid one."""
        return {"content": frame.accept_frame(frame_octets)}
