"""FFmpeg's codecs (pcm_alaw, pcm_mulaw, g722) driven through the command adapter: this module only checks.

The ICSs call the ffmpeg program with raw files (s16le samples, one code per octet); nothing of
ours sits between the vectors and FFmpeg but the file layout the command adapter writes.
"""

from __future__ import annotations

from campaign_adapters._common import Readiness, program


def check() -> Readiness:
    """The ffmpeg program (Debian's ffmpeg package), and its version from `ffmpeg -version`."""
    return program("ffmpeg", ["-hide_banner", "-version"], r"ffmpeg version (\S+)", "apt: ffmpeg")
