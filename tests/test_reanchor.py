"""Annotations follow their sentences through edits of the article (issue 4 item 6)."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_store_support import open_article

from tui.store.reanchor import Anchorer
from tui.text import Sentence

ORIGINAL = ("Talks opened in Geneva on Monday. The delegates agreed on an agenda for the week. "
            "Officials said a deal was close. Markets rose on the news. The talks end on Friday.")


def _tag_original(folder: Path):
    notes = open_article(folder, ORIGINAL)
    notes.toggle([1], "event")
    notes.toggle([2], "claim")
    notes.set_note(2, "unnamed officials")
    notes.toggle([4], "speculation")
    return notes


def test_unchanged_text_is_exact(tmp_path: Path) -> None:
    _tag_original(tmp_path)
    notes = open_article(tmp_path, ORIGINAL)
    assert notes.tagged_indices() == [1, 2, 4]
    assert notes.moved == notes.fuzzy == notes.orphans == []


def test_inserted_text_moves_annotations_to_their_sentences(tmp_path: Path) -> None:
    _tag_original(tmp_path)
    edited = "UPDATED: A new first sentence was added. " + ORIGINAL
    notes = open_article(tmp_path, edited)
    assert {i: notes.tags_of(i) for i in notes.tagged_indices()} == {2: ("event",), 3: ("claim",),
                                                                     5: ("speculation",)}
    assert notes.note_of(3) == "unnamed officials" and len(notes.moved) == 3
    notes.toggle([0], "background")  # any save writes the new places
    again = open_article(tmp_path, edited)
    assert again.moved == [] and again.tagged_indices() == [0, 2, 3, 5]


def test_prefix_and_suffix_choose_among_copies(tmp_path: Path) -> None:
    text = "Alpha one. Same words here. Beta two. Same words here. Gamma three."
    notes = open_article(tmp_path, text)
    notes.toggle([3], "quote")  # the second copy
    edited = "Intro. " + text.replace("Gamma", "Delta")
    again = open_article(tmp_path, edited)
    assert again.tagged_indices() == [4] and again.tags_of(4) == ("quote",)


def test_reworded_sentence_is_fuzzy_until_confirmed(tmp_path: Path) -> None:
    _tag_original(tmp_path)
    edited = ORIGINAL.replace("Officials said a deal was close.", "Officials said that a deal was very close.")
    notes = open_article(tmp_path, edited)
    assert notes.tags_of(2) == ("claim",)
    (flagged,) = notes.fuzzy
    assert flagged.sentence == 2 and flagged.exact == "Officials said a deal was close."
    notes.toggle([0], "background")  # saving elsewhere does not confirm it
    assert [a.sentence for a in open_article(tmp_path, edited).fuzzy] == [2]
    notes.toggle([2], "quote")  # working on the sentence does
    again = open_article(tmp_path, edited)
    assert again.fuzzy == [] and again.tags_of(2) == ("claim", "quote")


def test_deleted_sentence_is_orphaned_and_kept(tmp_path: Path) -> None:
    _tag_original(tmp_path)
    edited = ORIGINAL.replace(" Markets rose on the news.", "").replace(
        "The talks end on Friday.", "Nothing is like what was there before at all.")
    notes = open_article(tmp_path, edited)
    assert [a.tags for a in notes.orphans] == [("speculation",)]
    assert notes.tagged_indices() == [1, 2]
    notes.toggle([0], "event")
    records = yaml.safe_load(notes.path.read_text())["annotations"]
    orphan = next(r for r in records if r["tags"] == ["speculation"])
    assert orphan["exact"] == "The talks end on Friday." and orphan["sentence"] == 4
    assert open_article(tmp_path, ORIGINAL).tags_of(4) == ("speculation",)  # back when the text is


def test_new_sentence_boundaries_keep_exact_offsets() -> None:
    text = "One. Two. Three."
    anchorer = Anchorer(text, [Sentence(0, 0, 9), Sentence(1, 10, 16)])  # a splitter that joined two
    assert anchorer.locate(5, 9, "Two.").sentence == 0
    assert anchorer.locate(10, 16, "Three.").status == "exact"


def test_sentence_at_prefers_the_largest_overlap() -> None:
    anchorer = Anchorer("a" * 30, [Sentence(0, 0, 10), Sentence(1, 11, 20), Sentence(2, 21, 30)])
    assert anchorer.sentence_at(8, 19) == 1
    assert anchorer.sentence_at(0, 3) == 0
    assert anchorer.sentence_at(10, 10) is None


def test_fuzzy_threshold() -> None:
    text = "The minister resigned on Tuesday after the vote. Rain fell."
    sentences = [Sentence(0, 0, 48), Sentence(1, 49, 59)]
    close = Anchorer(text, sentences).locate(0, 40, "The minister resigned Tuesday after a vote.")
    assert (close.status, close.sentence) == ("fuzzy", 0)
    far = Anchorer(text, sentences).locate(0, 40, "A completely different statement about sport.")
    assert far.status == "orphaned"
