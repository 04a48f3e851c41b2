"""negotiate_locale: an HTTP Accept-Language value to a packaged locale, by RFC 4647 lookup."""

from __future__ import annotations

import random as random_module

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion import available_locales, load_guide, negotiate_locale

LOCALES = available_locales()
DEFAULT = "en"

subtag = st.from_regex(r"[A-Za-z0-9]{1,8}", fullmatch=True)
unknown_language = st.from_regex(r"[a-z]{2,3}", fullmatch=True).filter(
    lambda tag: tag not in LOCALES
)
weight = st.sampled_from(["", ";q=1", ";q=0.9", ";q=0.5", ";q=0.05", ";q=0.001", ";Q=0.3"])


def mixed_case(draw: st.DrawFn, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if flip else c for c, flip in zip(text, flips, strict=True))


@st.composite
def packaged_range(draw: st.DrawFn) -> tuple[str, str]:
    """A language range that a packaged locale answers, and that locale."""
    locale = draw(st.sampled_from(LOCALES))
    more = draw(st.lists(subtag, max_size=3))
    return mixed_case(draw, "-".join([locale, *more])), locale


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("es-419", "es"),
        ("ES-mx", "es"),
        ("en-GB, es;q=0.5", "en"),
        ("fr-CA, fr;q=0.9, es;q=0.7, en;q=0.5", "es"),
        ("en;q=0.1, es;q=0.2", "es"),
        ("es;q=0.5, en;q=0.5", "es"),  # equal weights keep the header's order
        ("de, *;q=0.1", DEFAULT),
        ("*", DEFAULT),
        ("en;q=0, *", "es"),  # any language but English
        ("es;q=0", DEFAULT),
        ("es-MX, es;q=0", DEFAULT),  # Spanish refused, even found by lookup
        ("es-x-private", "es"),
        ("zh-Hant-TW", DEFAULT),
        ("", DEFAULT),
        ("es;q=2, en;q=0.1", "en"),  # a weight over 1 does not parse: that element is skipped
        (",,;, es", "es"),
        ("e$, es", "es"),
    ],
)
def test_examples(header: str, expected: str) -> None:
    assert negotiate_locale(header) == expected


@given(packaged_range())
def test_a_range_finds_its_packaged_locale_whatever_its_subtags_or_case(
    case: tuple[str, str],
) -> None:
    language_range, locale = case
    assert negotiate_locale(language_range) == locale


@given(st.lists(st.tuples(unknown_language, weight), max_size=5))
def test_unknown_languages_get_the_default(ranges: list[tuple[str, str]]) -> None:
    assert negotiate_locale(", ".join(tag + q for tag, q in ranges)) == DEFAULT


@given(
    st.lists(
        st.tuples(st.sampled_from([*LOCALES, "fr", "de", "pt-BR"]), st.integers(1, 1000)),
        min_size=1,
        max_size=6,
        unique_by=lambda pair: pair[1],
    ),
    st.randoms(use_true_random=False),
)
def test_the_heaviest_packaged_range_wins_in_any_order(
    ranges: list[tuple[str, int]], random: random_module.Random
) -> None:
    packaged = [(q, tag) for tag, q in ranges if tag in LOCALES]
    expected = max(packaged)[1] if packaged else DEFAULT
    random.shuffle(ranges)
    header = ",".join(f"{tag};q={q / 1000:.3f}" for tag, q in ranges)
    assert negotiate_locale(header) == expected


@given(st.text())
def test_any_text_gets_a_locale_that_loads(header: str) -> None:
    locale = negotiate_locale(header)
    assert locale in LOCALES
    assert load_guide(locale).locale == locale


def test_wrong_type_is_named() -> None:
    with pytest.raises(TypeError, match="accept_language must be a str"):
        negotiate_locale(None)  # type: ignore[arg-type]
