"""Sentence splitting: offsets into the original text, news conventions, linear time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import text as text_module
from tui.text import ABBREVIATIONS, MAX_SENTENCE, Sentence, split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def pieces(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def assert_covers(text: str, sentences: list[Sentence]) -> None:
    """Spans are in order, do not overlap, are trimmed, and hold every non-space character once."""
    covered = [False] * len(text)
    previous_end = 0
    for number, sentence in enumerate(sentences):
        assert sentence.index == number
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert not text[sentence.start].isspace()
        assert not text[sentence.end - 1].isspace()
        for pos in range(sentence.start, sentence.end):
            covered[pos] = True
        previous_end = sentence.end
    for pos, char in enumerate(text):
        assert covered[pos] or char.isspace(), f"character {char!r} at {pos} is in no sentence"


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_nothing_is_lost_or_moved_on_any_unicode(text: str) -> None:
    assert_covers(text, split_sentences(text))


NEWSY = st.lists(
    st.sampled_from(
        [
            "Mr.",
            "U.S.",
            "Sept.",
            "17",
            "a.m.",
            "The",
            "said.",
            "“Yes.”",
            "?",
            "!",
            "...",
            "…",
            "$1.5",
            "3.2%",
            "F.",
            "Kennedy",
            "\u00a0",
            "\r\n",
            "\n\n",
            "\n",
            " ",
            "  ",
            "'' ",
            ")",
            "(AP)",
            "—",
            "_",
            ".",
            "word",
            "Inc.",
            "\u2029",
            "。",
            "x" * 50,
        ]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(NEWSY)
def test_nothing_is_lost_or_moved_on_news_like_text(text: str) -> None:
    assert_covers(text, split_sentences(text))


STOPS = st.lists(
    st.one_of(
        st.sampled_from(sorted(ABBREVIATIONS)).flatmap(
            lambda w: st.sampled_from([w, w.upper(), w.capitalize()]).map(lambda v: v + ".")),
        st.sampled_from(["said.", "Tuesday.", "approximately.", "(J.", "X.", "xx.", "1998.", "'98.", "5%.",
                         "(AP).", "“Yes”.", "co-op.", "e.g.", "Ph.D.", "a.m.", "é.", "Mé.", "Über.", "the",
                         "The", "He", "U.S.", "17", "“", "(", " ", "  ", "\n", "\u00a0", "“The", "Zoë"]),
    ),
    max_size=40,
).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(STOPS, NEWSY, st.lists(st.sampled_from(["\r", "\n", "\r\n", " ", "\t", "\u2029", "\x0c", "a",
                                                         "A", ",", "Gov."]), max_size=20).map("".join)))
def test_the_ends_the_regex_takes_alone_are_ends_of_the_rules(text: str) -> None:
    """The splitter's regex takes the commonest sentence ends without code to judge them: a
    sure full stop must be one the decision table ends, a blank line one _line_break ends."""
    for match in text_module._CANDIDATE.finditer(text):
        if match.lastgroup == "sure":
            assert text_module._ends_sentence(text, match.start(), ".", match.end()), (text, match.start())
        elif match.lastgroup == "blank":
            assert text_module._line_break(text, match.start(), match.end(), -1) == match.start(), text
        elif match.lastgroup == "nl":  # and every blank line is taken so
            first = text_module._LINE_BREAK.match(text, match.start())
            assert text_module._LINE_BREAK.search(text, first.end(), match.end()) is None, text
    assert_covers(text, split_sentences(text))


def test_empty_and_blank_texts_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\u00a0\r\n\t ") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Gov. Jones. They spoke.", ["Mr. Smith met Gov. Jones.", "They spoke."]),
        (
            "Sen. Kim and Rep. Lee left. Prof. Park and Dr. Choi stayed.",
            ["Sen. Kim and Rep. Lee left.", "Prof. Park and Dr. Choi stayed."],
        ),
        ("The summit is on Sept. 18 to 20. It is the third.", ["The summit is on Sept. 18 to 20.", "It is the third."]),
        ("Trump on Aug. 9 said so. No. 2 agreed.", ["Trump on Aug. 9 said so.", "No. 2 agreed."]),
        (
            "Senior U.S. officials agreed. The U.S. Senate did not.",
            ["Senior U.S. officials agreed.", "The U.S. Senate did not."],
        ),
        ("Troops left the U.S. The war ended.", ["Troops left the U.S.", "The war ended."]),
        (
            "Apple Inc. said profit rose. Acme Corp. The rival fell.",
            ["Apple Inc. said profit rose.", "Acme Corp.", "The rival fell."],
        ),
        (
            "It starts at 10 a.m. Tuesday. Doors open at 9 p.m. The show ends late.",
            ["It starts at 10 a.m. Tuesday.", "Doors open at 9 p.m.", "The show ends late."],
        ),
        (
            "It was analyzed by Salomon Brothers Inc. Ms. Applebaum agreed.",
            ["It was analyzed by Salomon Brothers Inc.", "Ms. Applebaum agreed."],
        ),
        ("Martin Luther King Jr. spoke. Crowds cheered.", ["Martin Luther King Jr. spoke.", "Crowds cheered."]),
        ("John F. Kennedy was shot in 1963. He died.", ["John F. Kennedy was shot in 1963.", "He died."]),
        (
            "He will succeed Daniel P. Davison Feb. 1, officials said.",
            ["He will succeed Daniel P. Davison Feb. 1, officials said."],
        ),
        ("See p. 5 of the report. It is long.", ["See p. 5 of the report.", "It is long."]),
        ("It is based in Randolph, Mass. The company grew.", ["It is based in Randolph, Mass.", "The company grew."]),
        (
            "For the hopes and dreams . . . and for Elian. They cheered.",
            ["For the hopes and dreams . . . and for Elian.", "They cheered."],
        ),
        (
            "Sales rose 3.2% to $1.5 billion. Shares fell 0.5 percent.",
            ["Sales rose 3.2% to $1.5 billion.", "Shares fell 0.5 percent."],
        ),
        ("He said, “We will win.” Then he left.", ["He said, “We will win.”", "Then he left."]),
        ("“Why?” he asked. Nobody knew.", ["“Why?” he asked.", "Nobody knew."]),
        ("She said: 'It is over.' The crowd left.", ["She said: 'It is over.'", "The crowd left."]),
        ("He said ``it is over.'' The crowd left.", ["He said ``it is over.''", "The crowd left."]),
        ("(It was late.) The crowd left.", ["(It was late.)", "The crowd left."]),
        ("the summit.,” he said. Next came lunch.", ["the summit.,” he said.", "Next came lunch."]),
        ("He paused... and went on. Then… Silence.", ["He paused... and went on.", "Then…", "Silence."]),
        ("Wait! What? Yes.", ["Wait!", "What?", "Yes."]),
        ("It ended in 1953. 70 years later it goes on.", ["It ended in 1953.", "70 years later it goes on."]),
        ("The office opened.\u00a0\n\nThe talks began.", ["The office opened.", "The talks began."]),
        (
            "Talks\u00a0resumed on\u00a0Thursday. Nothing\u00a0changed.",
            ["Talks\u00a0resumed on\u00a0Thursday.", "Nothing\u00a0changed."],
        ),
        ("See e.g. the report. It is long.", ["See e.g. the report.", "It is long."]),
        ("会議は終わった。次に進む。", ["会議は終わった。", "次に進む。"]),
    ],
)
def test_news_conventions(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "TOKYO — North Korean leader Kim Jong Un said so. He smiled.",
            ["TOKYO — North Korean leader Kim Jong Un said so.", "He smiled."],
        ),
        (
            "SEOUL, Sept. 17 (Reuters) - North Korea fired two missiles. Japan protested.",
            ["SEOUL, Sept. 17 (Reuters) - North Korea fired two missiles.", "Japan protested."],
        ),
        (
            "NAIROBI, Kenya (AP) _ Rains flooded the city. Many fled.",
            ["NAIROBI, Kenya (AP) _ Rains flooded the city.", "Many fled."],
        ),
        ("NEWARK, N.J. _ A task force began work. It met.", ["NEWARK, N.J. _ A task force began work.", "It met."]),
        (
            "INDEPENDENCE, MO. (AP)-- Poland joined NATO. Hungary too.",
            ["INDEPENDENCE, MO. (AP)-- Poland joined NATO.", "Hungary too."],
        ),
        ("BOSTON, Mass. — Snow fell. Schools closed.", ["BOSTON, Mass. — Snow fell.", "Schools closed."]),
        (
            " date 2019-09-17 Reuters, SEOUL\n\nNorth Korean leader Kim wrote. Trump replied.",
            ["date 2019-09-17 Reuters, SEOUL", "North Korean leader Kim wrote.", "Trump replied."],
        ),
    ],
)
def test_datelines(text: str, expected: list[str]) -> None:
    assert pieces(text) == expected


def test_line_breaks_and_paragraphs() -> None:
    text = "A Title Without Stop\nThe body starts here and\ngoes on here. Second one\n\nNew paragraph"
    assert pieces(text) == [
        "A Title Without Stop",
        "The body starts here and\ngoes on here.",
        "Second one",
        "New paragraph",
    ]


def test_a_line_break_after_an_abbreviation_continues() -> None:
    text = "The bill was signed by Gov.\nJones and the U.S.\nSenate on Sept.\n17. It passed.\nThe end"
    assert pieces(text) == [
        "The bill was signed by Gov.\nJones and the U.S.\nSenate on Sept.\n17.",
        "It passed.",
        "The end",
    ]


def test_a_line_ending_in_a_comma_continues() -> None:
    assert pieces("Officials in Seoul,\nTokyo and Beijing agreed.") == [
        "Officials in Seoul,\nTokyo and Beijing agreed."
    ]


def test_crlf_offsets_index_the_original_text() -> None:
    text = "Headline\r\n\r\nFirst sentence. Second one.\r\nThird line\r\n"
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [
        "Headline",
        "First sentence.",
        "Second one.",
        "Third line",
    ]
    assert_covers(text, sentences)


def test_paragraph_separator_ends_a_sentence() -> None:
    assert pieces("one line\u2029another line") == ["one line", "another line"]


def test_long_text_without_a_full_stop_is_cut_at_spaces() -> None:
    text = "word " * 100_000
    sentences = split_sentences(text)
    assert_covers(text, sentences)
    assert max(s.end - s.start for s in sentences) <= MAX_SENTENCE
    assert all(text[s.end - 4 : s.end] == "word" for s in sentences)


def test_two_megabyte_line_without_spaces_is_cut_exactly() -> None:
    text = "x" * 2_000_000
    sentences = split_sentences(text)
    assert len(sentences) == 1000
    assert all(s.end - s.start == MAX_SENTENCE for s in sentences)
    assert_covers(text, sentences)


@pytest.mark.parametrize(
    "text",
    [
        "\n" * 3_000_000,
        " " * 3_000_000 + "x",
        "." * 3_000_000,
        "a.\n" * 200_000,
        "Mr. " * 300_000,
        "“" * 1_000_000 + ". " * 1_000,
    ],
)
def test_pathological_texts_finish(text: str) -> None:
    # Linear-time design: these would take minutes with a backtracking or quadratic scan.
    assert_covers(text, split_sentences(text))


def test_abbreviation_table_is_data_with_known_classes() -> None:
    assert {"sept", "u.s", "mr", "jr", "a.m", "p.m", "gov", "sen", "corp", "inc"} <= ABBREVIATIONS.keys()


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_samples_split_into_whole_sentences(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert_covers(text, sentences)
    for sentence in sentences:
        piece = text[sentence.start : sentence.end]
        # Every sample sentence ends in a terminator, a closing quote, or is a title/caption line.
        assert piece[-1] in ".!?”)" or piece.startswith("date "), piece
