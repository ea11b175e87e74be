"""Plain messages skip Markdown and nh3, and come out as the very same bytes.

Most staff messages are plain sentences; Markdown only wraps them in ``<p>``. The
fast path (``display.plain_paragraphs``) must say "plain" only for text that
Markdown and nh3 would give exactly that for: compared here on generated text
full of the characters that matter, and on every message of the example.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import display
from generator.incidents.load import load_site

ROOT = Path(__file__).resolve().parent.parent

TRICKY = " \n\t*_`[]<>&\\|~{}#-+=.!:;,'\"()/%$@0123456789\u00a0\u2014\u2019é"
WORDS = ["Crews", "are", "on", "site", "780-555-0100", "#2", "1.", "2026.", "(call)", "“quoted”", "e.g.", "a.m.", "—",
         "'tis", "100%", "$5", "a@b.example", "x+y=z", "éclair", "1)", "--", "...", "?", "!", "Çà"]  # fmt: skip


def both_ways(text: str) -> None:
    fast = display.plain_paragraphs(text)
    if fast is None:
        return
    assert display.render_markdown(text) == display._rendered(text, 3)
    assert display.render_markdown(text, 4) == display._rendered(text, 4)
    assert display.plain(text) == display._plain(text)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=TRICKY + "abcXYZ", max_size=40))
def test_any_text_the_fast_path_takes_renders_as_markdown_would(text: str) -> None:
    both_ways(text)


sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)
paragraphs = st.lists(sentences, min_size=1, max_size=3).map("\n".join)
messages = st.lists(paragraphs, min_size=1, max_size=3).flatmap(
    lambda parts: st.sampled_from(["\n\n", "\n\n\n", "\n \n"]).map(lambda gap: gap.join(parts))
)


@settings(max_examples=1500, deadline=None)
@given(messages, st.sampled_from(["", "\n", "\n\n", " "]))
def test_sentences_and_paragraphs_render_as_markdown_would(text: str, end: str) -> None:
    both_ways(text + end)


def test_the_fast_path_is_taken_for_plain_sentences_and_refused_for_markdown() -> None:
    plain = "Crews found a cut fibre cable near 153 Avenue.\nCall 780-555-0100 #2 (or “email” us)."
    assert display.plain_paragraphs(plain) == [plain]
    assert display.plain_paragraphs("One.\n\nTwo.\n") == ["One.", "Two."]
    assert display.render_markdown("One.\n\nTwo.\n") == "<p>One.</p>\n<p>Two.</p>"
    for markdown in ("- a list", "1. first", "# Heading", "> quote", "a *b*", "AT&T", "a  \nb", "a <b>", "    code"):
        assert display.plain_paragraphs(markdown) is None, markdown


def test_every_message_of_the_example_renders_as_markdown_would() -> None:
    site = load_site(ROOT)
    texts = [u.message for i in site.incidents for u in i.updates] + [i.postmortem for i in site.incidents]
    texts += [i.cause for i in site.incidents] + [i.expected_impact for i in site.incidents]
    for text in texts:
        both_ways(text)
    taken = sum(display.plain_paragraphs(u.message) is not None for i in site.incidents for u in i.updates)
    assert taken > 20


BEFORE = re.compile(
    r"(?:[^\W_]|[\"'(\u2018\u201c])(?:[^\W_]|[ \"',.;:?!()/%$@#+=\-\u2010-\u2015\u2018\u2019\u201c\u201d\u2026])*"
)
"""The plain line as it was first written, letters and digits as ``[^\\W_]``: ten times slower, the same lines."""
LINE_CHARACTERS = (
    TRICKY + "_abcXYZ\u2010\u2015\u2018\u201c\u201d\u2026\u00b7\u2122\u0663\u00b2\u5b57\U0001f600\u200b\u2028"
)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(alphabet=LINE_CHARACTERS, max_size=30), st.text(max_size=30)))
def test_a_plain_line_is_what_the_first_pattern_took(line: str) -> None:
    assert ("_" not in line and display._PLAIN_LINE.fullmatch(line) is not None) == (BEFORE.fullmatch(line) is not None)
