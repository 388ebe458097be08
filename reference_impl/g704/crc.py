"""ITU-T G.704 cyclic redundancy checks of the primary and secondary frame structures.

Each check block is a stretch of the serial bit stream, first bit = highest-order
coefficient; multiplied by x^d and divided by the generator, its remainder (highest-order
coefficient first) gives the check bits. The register starts at zero for every block.

- CRC-6, 1544 kbit/s (clause 2.1.3): generator x^6 + x + 1 over a 24-frame multiframe of
  4632 bits, every F-bit replaced by a binary 1 for the calculation; the check bits e1..e6
  are sent in the F-bits of frames 2, 6, 10, 14, 18 and 22 of the next multiframe.
- CRC-5, 6312 kbit/s (clause 2.2.3): generator x^5 + x^4 + x^2 + 1 over the CRC message block
  of 3151 bits, bit 1 of frame 1 to bit 784 of frame 4 of a 4-frame multiframe; the check
  bits e1..e5 are bits 785 to 789 of frame 4 of the same multiframe.
- CRC-4, 2048 kbit/s (clause 2.3.3): generator x^4 + x + 1 over a sub-multiframe of 8 frames
  (2048 bits) with its own C-bits taken as 0; the check bits C1..C4 are sent in bit 1 of the
  frames carrying the frame alignment signal (frames 0, 2, 4, 6) of the next sub-multiframe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reference_impl.fcs import DividingRegister, GeneratorPolynomial, validated_bits


@dataclass(frozen=True)
class CrcProcedure:
    """One of G.704's CRC procedures: generator and the layout of its check block."""

    name: str
    generator: GeneratorPolynomial
    block_bits: int  # bits in one multiframe or sub-multiframe
    check_positions: tuple[int, ...]  # where the check bits travel, 0-based within a block
    forced_bits: tuple[tuple[int, int], ...]  # (position, value) substituted before dividing
    message_bits: int  # the leading bits of a block that are divided
    same_block: bool  # check bits travel in the block they protect (else in the next one)

    def check_bits(self, block: Sequence[int]) -> list[int]:
        """The check bits computed over one block (highest-order coefficient first)."""
        bits = validated_bits(block, "block")
        if len(bits) != self.block_bits:
            raise ValueError(f"a {self.name} block has {self.block_bits} bits; got {len(bits)}")
        for position, value in self.forced_bits:
            bits[position] = value
        return remainder_bits(self.generator, bits[: self.message_bits])

    def received_check_bits(self, block: Sequence[int]) -> list[int]:
        """The check bits carried in one block."""
        return [block[position] for position in self.check_positions]

    def errored_blocks(self, stream: Sequence[int]) -> list[int]:
        """Decode consecutive aligned blocks: 1 for each protected block whose check fails."""
        bits = validated_bits(stream, "stream")
        if len(bits) % self.block_bits or not bits:
            raise ValueError(
                f"a {self.name} stream is a whole, non-zero number of {self.block_bits}-bit blocks; "
                f"got {len(bits)} bits"
            )
        blocks = [bits[start : start + self.block_bits] for start in range(0, len(bits), self.block_bits)]
        carriers = blocks if self.same_block else blocks[1:]
        return [
            int(self.check_bits(protected) != self.received_check_bits(carrier))
            for protected, carrier in zip(blocks, carriers, strict=False)
        ]


def remainder_bits(generator: GeneratorPolynomial, bits: Iterable[int]) -> list[int]:
    """Remainder of x^d·M(x) / G(x) for the bit sequence M, register starting at zero."""
    register = DividingRegister(generator)
    register.feed_bits(bits)
    return register.remainder_bits()


_T1_FRAME = 193
_J2_FRAME = 789
_E1_FRAME = 256

CRC_6 = CrcProcedure(
    name="crc-6",
    generator=GeneratorPolynomial((6, 1, 0)),
    block_bits=24 * _T1_FRAME,
    check_positions=tuple(frame * _T1_FRAME for frame in (1, 5, 9, 13, 17, 21)),
    forced_bits=tuple((frame * _T1_FRAME, 1) for frame in range(24)),
    message_bits=24 * _T1_FRAME,
    same_block=False,
)
CRC_5 = CrcProcedure(
    name="crc-5",
    generator=GeneratorPolynomial((5, 4, 2, 0)),
    block_bits=4 * _J2_FRAME,
    check_positions=tuple(3 * _J2_FRAME + 784 + offset for offset in range(5)),
    forced_bits=(),
    message_bits=3 * _J2_FRAME + 784,
    same_block=True,
)
CRC_4 = CrcProcedure(
    name="crc-4",
    generator=GeneratorPolynomial((4, 1, 0)),
    block_bits=8 * _E1_FRAME,
    check_positions=tuple(frame * _E1_FRAME for frame in (0, 2, 4, 6)),
    forced_bits=tuple((frame * _E1_FRAME, 0) for frame in (0, 2, 4, 6)),
    message_bits=8 * _E1_FRAME,
    same_block=False,
)
PROCEDURES = {procedure.name: procedure for procedure in (CRC_4, CRC_5, CRC_6)}


def procedure_named(name: str) -> CrcProcedure:
    """The procedure called ``name`` ('crc-4', 'crc-5' or 'crc-6')."""
    try:
        return PROCEDURES[name]
    except KeyError:
        raise ValueError(f"unknown CRC procedure {name!r}: expected one of {', '.join(PROCEDURES)}") from None
