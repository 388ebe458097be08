"""Checking an SPDX licence expression against the policy's allow and deny lists."""

from __future__ import annotations

from license_expression import (
    AND,
    OR,
    ExpressionError,
    LicenseSymbol,
    LicenseWithExceptionSymbol,
)

from conformance.hygiene.policy import LicencePolicy, parse_spdx


def _key(symbol: object) -> str:
    if isinstance(symbol, LicenseWithExceptionSymbol):
        return str(symbol.license_symbol.key)
    return str(getattr(symbol, "key", symbol))


def _acceptable(node: object, allow: set[str], deny: set[str]) -> bool:
    if isinstance(node, OR):
        return any(_acceptable(child, allow, deny) for child in node.args)
    if isinstance(node, AND):
        return all(_acceptable(child, allow, deny) for child in node.args)
    if isinstance(node, LicenseSymbol | LicenseWithExceptionSymbol):
        key = _key(node).lower()
        return key not in deny and (not allow or key in allow)
    return False


def licence_problem(expression: str, policy: LicencePolicy) -> str | None:
    """Why ``expression`` breaks the policy, or None when some choice it offers is allowed."""
    try:
        parsed = parse_spdx(expression)
    except ExpressionError as error:
        return f"{expression!r} is not a valid SPDX expression ({error})"
    if parsed is None:
        return "empty licence expression"
    allow = {_key(parse_spdx(a)).lower() for a in policy.allow}
    deny = {_key(parse_spdx(d)).lower() for d in policy.deny}
    if _acceptable(parsed, allow, deny):
        return None
    if allow:
        return f"{expression} is not covered by the allowed licences ({', '.join(policy.allow)})"
    return f"{expression} uses a denied licence ({', '.join(policy.deny)})"
