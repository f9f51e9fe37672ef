"""Citation markers in passage text: small superscripts in the panel, dropped from excerpts."""
from __future__ import annotations

from viewer.passage_text import excerpt, split_citations


def test_footnote_markers_are_citations():
    runs = split_citations("[32] Litvinov replied.[121] Later.[citation needed]")
    assert [run for run, cited in runs if cited] == ["[32]", "[121]", "[citation needed]"]


def test_a_bracketed_year_in_a_quotation_is_text():
    """The review found "its note of 7 September [1921]" shown as a footnote and cut from excerpts."""
    text = "its note of 7 September [1921] would not have been sent.[33]"
    assert [run for run, cited in split_citations(text) if cited] == ["[33]"]
    assert excerpt(text) == "its note of 7 September [1921] would not have been sent."
