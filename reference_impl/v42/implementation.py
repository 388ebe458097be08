"""The V.42 reference as the harness calls it: one method per interface of recommendation.yaml."""

from __future__ import annotations

from reference_impl.v42 import fcs


class Implementation:
    """Interfaces of recommendations/v42: frame_check_sequence, receive_frame."""

    def frame_check_sequence(self, content: bytes, length: str) -> dict[str, bytes]:
        """FCS octets for a frame's content."""
        return {"fcs": fcs.frame_check_sequence(content, length)}

    def receive_frame(self, frame: bytes, length: str) -> dict[str, bytes]:
        """Content of a valid received frame; ValueError for an invalid one."""
        return {"content": fcs.accept_frame(frame, length)}
