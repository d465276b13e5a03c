"""Find and normalise e-mail addresses, phone numbers and web sites in printed text.

Shared by every extractor that emits `contacts` rows, so an address is recognised the
same way in every document. Phone numbers go through Google's libphonenumber
(`phonenumbers`) and come out in E.164 form (+33…).
"""

from __future__ import annotations

import re

# Not preceded or followed by a word character, so 'andré.martin@…' is not cut to '.martin@…'.
EMAIL = re.compile(
    r"(?<![\w.%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?!\w)")
URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"']+[^\s<>()\"'.,;:!?]", re.IGNORECASE)


# A word with something before an '@' (so not a '@handle'), to catch broken addresses.
_AT_WORD = re.compile(r"(?<![\w.%+'-])[\w.%+'-]+@\S*")
_TRAILING = ".,;:!?)]}»”\"'"


def broken_emails(text: str | None) -> list[str]:
    """Words that read as an e-mail address but are not one ('jean.dupont@', 'drh@chu'),
    as printed, so the caller can reject them with the reason instead of losing them."""
    words = (m.group(0).rstrip(_TRAILING) for m in _AT_WORD.finditer(text or ""))
    return list(dict.fromkeys(w for w in words if not EMAIL.fullmatch(w)))


def emails(text: str | None) -> list[str]:
    """Every e-mail address in `text`, lower-cased, in order, without repeats."""
    return list(dict.fromkeys(m.group(0).lower() for m in EMAIL.finditer(text or "")))


def phones(text: str | None, region: str = "FR") -> list[str]:
    """Every phone number in `text` in E.164 form, in order, without repeats."""
    import phonenumbers

    found = (phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
             for m in phonenumbers.PhoneNumberMatcher(text or "", region))
    return list(dict.fromkeys(found))


# The scheme of a web address, which one edition prints and another leaves to the browser.
_SCHEME = re.compile(r"^https?://", re.IGNORECASE)


def normal_url(url: str) -> str:
    """A web address in one form however it was printed: without its scheme ('http://',
    'https://') and with its host in lower case, its path as printed."""
    host, slash, path = _SCHEME.sub("", url.strip()).partition("/")
    return f"{host.lower()}{slash}{path}"


def urls(text: str | None) -> list[str]:
    """Every web address in `text` in its normal form (`normal_url`), without repeats."""
    return list(dict.fromkeys(normal_url(m.group(0)) for m in URL.finditer(text or "")))
