"""Text helpers shared by search and similarity: Vietnamese without diacritics."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return `text` lower-cased with Vietnamese diacritics removed ("Cán bộ" -> "can bo")."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def format_vn_date(value) -> str:
    """Return a date as dd/mm/yyyy, as Vietnamese offices write it."""
    return value.strftime("%d/%m/%Y") if value else ""
