"""The DER forms of UTCTime and GeneralizedTime (X.690 11.7, 11.8).

DER admits one form of each: UTC (ending in "Z"), with seconds, midnight as 000000, and for
GeneralizedTime a fraction of a second only when non-zero, written after a full stop and
without trailing zeros. Dates and times must exist (no 31 April, no hour 24).
"""

from __future__ import annotations

import re

_UTC_TIME = re.compile(r"(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z")
_GENERALIZED_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d*))?Z")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def utc_time_problem(text: str) -> str | None:
    """Why ``text`` is not a UTCTime in DER form, or None when it is."""
    match = _UTC_TIME.fullmatch(text)
    if match is None:
        return f"UTCTime {text!r} is not YYMMDDHHMMSSZ (DER 11.8: UTC 'Z' and seconds required)"
    year, month, day, hour, minute, second = (int(group) for group in match.groups())
    # a two-digit year is 19YY or 20YY; 29 February exists for both when YY is a multiple of 4
    # except 00, where only 2000 is a leap year, which is the reading that accepts it
    return _calendar_problem(2000 + year, month, day, hour, minute, second, "UTCTime", text)


def generalized_time_problem(text: str) -> str | None:
    """Why ``text`` is not a GeneralizedTime in DER form, or None when it is."""
    match = _GENERALIZED_TIME.fullmatch(text)
    if match is None:
        return (f"GeneralizedTime {text!r} is not YYYYMMDDHHMMSS[.f]Z (DER 11.7: UTC 'Z', "
                "seconds and a full stop before any fraction)")
    *fields, fraction = match.groups()
    if fraction is not None and (fraction == "" or fraction.endswith("0")):
        return f"GeneralizedTime {text!r}: the fraction has trailing zeros or no digits (11.7.3)"
    year, month, day, hour, minute, second = (int(group) for group in fields)
    return _calendar_problem(year, month, day, hour, minute, second, "GeneralizedTime", text)


def _calendar_problem(year: int, month: int, day: int, hour: int, minute: int, second: int,
                      kind: str, text: str) -> str | None:
    if not 1 <= month <= 12:
        return f"{kind} {text!r}: month {month:02} does not exist"
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = 28 if month == 2 and not leap else _DAYS[month - 1]
    if not 1 <= day <= last:
        return f"{kind} {text!r}: day {day:02} does not exist in that month"
    if hour > 23:
        return f"{kind} {text!r}: hour {hour} is not allowed (midnight is 000000, 11.7.5 / 11.8.3)"
    if minute > 59 or second > 59:
        return f"{kind} {text!r}: minutes and seconds run from 00 to 59"
    return None
