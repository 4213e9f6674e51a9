"""Half-up rounding to whole numbers, exactly (no binary float): the one rule for Rupiah,
percentages shown, and WFO targets 'terdekat'."""

from __future__ import annotations

from fractions import Fraction


def half_up(n: int, d: int) -> int:
    """The whole number nearest to n / d, a half rounding up (n >= 0, d > 0): plain integer
    arithmetic, cheap enough to run once per employee-part over a province."""
    return (2 * n + d) // (2 * d)


def round_half_up(x: Fraction) -> int:
    """half_up of an exact non-negative fraction."""
    return half_up(x.numerator, x.denominator)
