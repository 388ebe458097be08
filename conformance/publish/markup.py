"""Text from a Recommendation, a report or an audit made safe for a Markdown page, and small HTML pieces.

Every piece of outside text goes through ``text`` (or ``attribute`` inside an HTML attribute):
characters Markdown or HTML would act on are written as character references, so a title with
``|``, ``*`` or ``<script>`` shows as written and never breaks a table or the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from conformance.reports.verdicts import Verdict

# Markdown's and HTML's active characters; ':' keeps ':emoji:' shortcodes as written.
_ACTIVE = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]<>()#+-!|&~\"':=^$"}
_ACTIVE[ord("\n")] = " "
_ACTIVE[ord("\r")] = " "


def text(value: object) -> str:
    """``value`` as inert Markdown text on one line."""
    return str(value).translate(_ACTIVE)


def attribute(value: object) -> str:
    """``value`` for an HTML attribute in double quotes."""
    return escape(str(value), quote=True)


def code(value: object) -> str:
    """``value`` shown as code (an HTML ``code`` element, so backticks inside need no fencing)."""
    return f"<code>{text(value)}</code>"


def link(label: str, target: str) -> str:
    """A Markdown link; ``label`` is already safe text, ``target`` a relative path we made."""
    return f"[{label}]({target})"


def badge(label: str, kind: str) -> str:
    """A coloured badge; ``kind`` is a verdict's name (or ``not-run``) and picks the colour."""
    return f'<span class="rb-badge rb-{attribute(kind)}">{text(label)}</span>'


def verdict_badge(verdict: Verdict | str | None) -> str:
    """A coloured badge for a verdict (``None``: not run)."""
    name = verdict.value if isinstance(verdict, Verdict) else (verdict or "not-run")
    return badge(name, name)


def status_badge(status: str) -> str:
    """A badge for a Recommendation's status (in force, draft, superseded ...)."""
    return f'<span class="rb-status rb-status-{attribute(status)}">{text(status)}</span>'


def counts_text(counts: dict[str, int] | dict[Verdict, int]) -> str:
    """``"120 pass, 2 fail"`` in the verdicts' order of severity."""
    order = [verdict.value for verdict in sorted(Verdict, key=lambda verdict: verdict.rank)]
    plain = {str(getattr(key, "value", key)): value for key, value in counts.items()}
    shown = [f"{plain[name]:,} {name}" for name in order if plain.get(name)]
    return ", ".join(shown) or "no vectors"


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table; cells are already safe Markdown (made with ``text`` and friends)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def page(title: str, *blocks: str) -> str:
    """A page: its title as the first heading, then the blocks separated by blank lines."""
    return "\n\n".join([f"# {text(title)}", *[block.strip("\n") for block in blocks if block]]) + "\n"
