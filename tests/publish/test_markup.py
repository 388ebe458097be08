"""Outside text is inert on a page: Markdown and HTML see characters, never syntax."""

from __future__ import annotations

import markdown

from conformance.publish.markup import attribute, counts_text, table, text
from conformance.reports.verdicts import Verdict


def test_markdown_and_html_syntax_is_shown_as_written() -> None:
    hostile = "a | b *c* _d_ `e` [f](g) <script>h</script> # i\nj :smile: &amp;"
    html = markdown.markdown(table(["x"], [[text(hostile)]]), extensions=["tables"])
    assert "<script>" not in html and "<em>" not in html and "<a " not in html and "<code>" not in html
    assert html.count("<td>") == 1  # the | did not split the cell
    assert "&#38;amp;" in html  # an entity in the text stays the text of an entity (shown as "&amp;")


def test_attributes_are_quoted() -> None:
    assert attribute('x" onload="y') == "x&quot; onload=&quot;y"


def test_counts_go_by_severity() -> None:
    assert counts_text({Verdict.FAIL: 2, Verdict.PASS: 1200}) == "1,200 pass, 2 fail"
    assert counts_text({}) == "no vectors"
