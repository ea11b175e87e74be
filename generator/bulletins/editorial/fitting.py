"""Fitting copy to its slot: whole sentences chosen by importance, never cut, never padded.

A template offers candidate sentences, each with an importance (1 first) and
perhaps shorter alternatives of the same point ("The company expects service
back by about three this afternoon." / "Service should be back by about
three."). Fitting a budget (words of a radio slot, characters of a text):

1. the points that are always kept (importance up to ``keep``: what and
   where, safety, when it is back) go in, each in its fullest form that
   leaves room for the others;
2. every other point, most important first, goes in (shortest form) if it
   still fits, so a short slot says as many things as it can;
3. then each point, most important first, takes its fullest form that
   still fits, so the slot fills with detail rather than filler.

The copy keeps the template's order. A point already said word for word is
not said twice. If the points always kept do not fit, they are all kept and
the copy runs long: the header says so, the copy never drops safety.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    """One point the copy may make: its importance and its wordings, fullest (preferred) first."""

    importance: int
    wordings: tuple[str, ...]


@dataclass(frozen=True)
class Fitted:
    """The copy: the chosen wording of each point kept, in the template's order."""

    sentences: tuple[str, ...]
    kept: tuple[int, ...]
    """The importance of each sentence kept, in the same order."""
    size: int
    """Its size in the budget's unit (spoken words, characters)."""


def fit(
    candidates: Sequence[Candidate], budget: int, measure: Callable[[str], int], keep: int = 3, gap: int = 0
) -> Fitted:
    """The candidates' wordings that fill ``budget`` by importance; ``gap`` is the size of the joint between two."""
    sizes = [[measure(w) + gap for w in c.wordings] for c in candidates]
    chosen: dict[int, int] = {}  # candidate index -> wording index
    seen: set[str] = set()

    def shortest(index: int) -> int:
        return min(range(len(sizes[index])), key=lambda w: (sizes[index][w], w))

    def used() -> int:
        return sum(sizes[i][w] for i, w in chosen.items())

    order = sorted(range(len(candidates)), key=lambda i: (candidates[i].importance, i))
    kept = [i for i in order if candidates[i].importance <= keep]
    for position, index in enumerate(kept):
        # The points always kept take their fullest wording that leaves room for the rest of them.
        rest = sum(sizes[i][shortest(i)] for i in kept[position + 1 :])
        fitting = [w for w, size in enumerate(sizes[index]) if used() + size + rest <= budget]
        wording = fitting[0] if fitting else shortest(index)
        text = candidates[index].wordings[wording]
        if text not in seen:
            chosen[index] = wording
            seen.add(text)
    for index in order:
        if candidates[index].importance <= keep:
            continue
        wording = shortest(index)
        text = candidates[index].wordings[wording]
        if text not in seen and used() + sizes[index][wording] <= budget:
            chosen[index] = wording
            seen.add(text)
    for index in order:
        if index not in chosen:
            continue
        for wording, size in enumerate(sizes[index]):
            text = candidates[index].wordings[wording]
            if text in seen and wording != chosen[index]:
                continue
            if used() - sizes[index][chosen[index]] + size <= budget:
                seen.discard(candidates[index].wordings[chosen[index]])
                chosen[index] = wording
                seen.add(text)
                break
    kept = sorted(chosen)
    return Fitted(
        sentences=tuple(candidates[i].wordings[chosen[i]] for i in kept),
        kept=tuple(candidates[i].importance for i in kept),
        size=max(0, used() - gap) if kept else 0,
    )


def candidates_from_lines(text: str, tidy: Callable[[str], str] = str.strip) -> list[Candidate]:
    """Candidates from a template's lines: ``N text`` starts a point of importance N, ``or text`` words the
    same point shorter, and a line ``… |condition`` is left out when its condition is empty."""
    found: list[Candidate] = []
    importance, open_ = 0, False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        head, _, rest = line.partition(" ")
        sentence, bar, condition = rest.partition("|")
        alternative = head == "or"
        if not alternative:
            try:
                importance, open_ = int(head), False
            except ValueError:
                raise ValueError(
                    f"expected a line starting with its importance (1, 2 …) or 'or'; found {line!r}"
                ) from None
        if bar and not condition.strip():
            continue
        sentence = tidy(sentence)
        if not sentence:
            continue
        if alternative and open_:
            found[-1] = Candidate(importance, (*found[-1].wordings, sentence))
        else:
            found.append(Candidate(importance, (sentence,)))
            open_ = True
    return found
