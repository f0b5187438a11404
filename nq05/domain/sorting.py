"""The Vietnamese order of names, as a key a database compares byte by byte.

``vn_sort_key("Đào tạo")`` is a string of digits: two digits per letter in the Vietnamese
alphabet's order (a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z, digits
before letters), ``00`` at the end of each word, then one digit for the word's tone mark (none,
huyền, hỏi, ngã, sắc, nặng: the order of Unicode's Vietnamese collation). Words are compared one
after another, each by its letters first and its tone second, as a Vietnamese dictionary does:
"Anh" < "Ánh" < "Ánh Dương" < "Bình". Case and punctuation are ignored (ties are broken by the
caller, by code or id). Digits only, so PostgreSQL under any collation and SQLite compare two keys
exactly as Python does: the same order on both databases.

``vn_name_key("Nguyễn Văn An")`` is the order of people: given name (the last word) first, then
the middle names (none first), then the family name ("An Văn Nguyễn").
"""

from __future__ import annotations

import re
import unicodedata

#: the letters in the order of the Vietnamese alphabet; digits first; the foreign f j w z in
#: their Latin places
ALPHABET = "0123456789" + "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_CODES = {letter: f"{i + 1:02d}" for i, letter in enumerate(ALPHABET)}
#: a letter outside the alphabet (after every letter)
_OTHER = "99"
#: the tone marks, combining characters, in their order: huyền, hỏi, ngã, sắc, nặng
TONES = "\u0300\u0309\u0303\u0301\u0323"
_WORD = re.compile(r"[^\W_]+")


def _letter(decomposed: str) -> tuple[str, int]:
    """(base letter, tone number) of one character given decomposed (NFD), tone marks included."""
    tone = 0
    kept = []
    for c in decomposed:
        if c in TONES:
            tone = TONES.index(c) + 1
        else:
            kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept)).lower(), tone


def _word_key(word: str) -> str:
    letters = []
    tone = 0
    for char in word:
        base, char_tone = _letter(unicodedata.normalize("NFD", char))
        tone = tone or char_tone
        code = _CODES.get(base)
        if code is None:  # a foreign letter: its bare Latin letter if it has one (ñ as n)
            code = _CODES.get(unicodedata.normalize("NFD", base)[:1], _OTHER)
        letters.append(code)
    return "".join(letters) + "00" + str(tone)


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits; spaces and punctuation separate them)."""
    return _WORD.findall(unicodedata.normalize("NFC", text or ""))


def vn_sort_key(text: str) -> str:
    """The key of a name (a programme, a unit, a centre, a position...) in Vietnamese order."""
    return "".join(_word_key(w) for w in words(text))


def vn_name_key(full_name: str) -> str:
    """The key of a person's full name ("Family Middle Given"): given name, then middle, then family."""
    found = words(full_name)
    if len(found) < 2:
        return "".join(_word_key(w) for w in found)
    # "00" closes the middle names (it sorts before any letter): "Vũ An" before "Trần Thị An"
    return _word_key(found[-1]) + "".join(_word_key(w) for w in found[1:-1]) + "00" + _word_key(found[0])
