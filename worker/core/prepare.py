"""The text the customer actually wrote: HTML to text, quoted history, signatures, disclaimers.

``prepare(body)`` returns a :class:`Prepared`: the text to score plus what was removed, as
``(kind, characters)`` pairs (never the removed text). Kinds: ``html`` (markup), ``quoted``
(a reply header such as Gmail's/Apple Mail's/Thunderbird's ``On ... wrote:``, Outlook's
``From:/Sent:/To:/Subject:`` block or ``-----Original Message-----``, and everything below it;
``>`` lines anywhere; ``<blockquote>`` in HTML), ``forwarded`` (a forwarded message and all
below it), ``signature`` (``-- `` and below, "Sent from my iPhone", a sign-off line followed
by a few short name/title/phone lines) and ``disclaimer`` (a paragraph of legal boilerplate:
"intended recipient", "confidential", "originated from outside").

Why no library: ``mail-parser-reply`` 1.36 (MIT) got 12 of the 16 plain-text cases in
``tests/unit/core/test_prepare.py`` right (it kept interleaved ``>`` lines, both forwards and
the disclaimer; ~50 us each) and took 18 s on one 40 kB adversarial line (its header regexes
backtrack);
``inscriptis`` (Apache-2.0, lxml) took ~290 us per small HTML message and ``selectolax``
(MIT, lexbor) ~27 us but neither knows quoting. This module is line based and every
pattern is linear; a plain one-line chat message costs a few string scans.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

__all__ = ["REMOVED_KINDS", "Prepared", "prepare"]

REMOVED_KINDS: tuple[str, ...] = ("html", "quoted", "forwarded", "signature", "disclaimer")


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the customer wrote, and what was cut: ``(kind, characters)`` in kind order."""

    text: str
    removed: tuple[tuple[str, int], ...] = ()

    @property
    def removed_chars(self) -> int:
        return sum(n for _, n in self.removed)


# --- HTML -------------------------------------------------------------------------------

_HTML_HINT = re.compile(
    r"</?(?:html|body|div|p|br|span|blockquote|table|td|tr|li|ul|ol|b|i|u|strong|em|a|font"
    r"|head|meta|style|img|h[1-6]|hr)(?:\s|/?>)",
    re.IGNORECASE,
)
# A tag never contains '<' or '>': each '<' scans at most to the next one (linear).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)([^<>]*)>|<!--|<![^<>]*>")
_BLOCK = frozenset(
    {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr", "ul", "ol"}
)
_PARAGRAPH = frozenset({"p", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP = frozenset({"script", "style", "head", "title"})
_QUOTE_MARKS = ("quote", "divrplyfwdmsg", "moz-cite-prefix", "outlookmessageheader")
_WS = re.compile(r"\s+")


class _Lines:
    """The text lines being built from markup, each with its quote depth."""

    def __init__(self) -> None:
        self.lines: list[tuple[int, list[str]]] = [(0, [])]
        self.depth = 0  # quote depth
        self.skip = 0  # inside <script>, <style>, <head>, <title>
        self.divs: list[bool] = []  # per open <div>: whether it opened a quote container

    def newline(self) -> None:
        if self.lines[-1][1]:
            self.lines.append((self.depth, []))

    def add(self, chunk: str) -> None:
        if self.skip:
            return
        chunk = _WS.sub(" ", html.unescape(chunk))
        if chunk.strip():
            lines = self.lines
            if not lines[-1][1]:
                lines[-1] = (self.depth, lines[-1][1])
            lines[-1][1].append(chunk)

    def tag(self, m: re.Match[str]) -> None:
        """Open or close one tag: skipped content, quote containers, blocks and paragraphs."""
        name = (m.group(2) or "").lower()
        closing = m.group(1) == "/"
        if not name:
            return
        if name in _SKIP:
            self.skip = max(0, self.skip - 1) if closing else self.skip + 1
            return
        quote_open = False
        if name == "blockquote":
            quote_open = True
        elif name == "div":
            if closing:
                if self.divs and self.divs.pop():
                    self.newline()
                    self.depth = max(0, self.depth - 1)
                    return
            else:
                attrs = m.group(3).lower()
                marked = any(mark in attrs for mark in _QUOTE_MARKS)
                self.divs.append(marked)
                quote_open = marked
        if quote_open:
            self.newline()
            self.depth = max(0, self.depth - 1) if closing else self.depth + 1
            self.newline()
            return
        if name in _BLOCK:
            self.newline()
            lines = self.lines
            if name in _PARAGRAPH and len(lines) > 1 and lines[-2][1] != [""]:
                lines[-1] = (self.depth, [""])  # a blank line between paragraphs
                lines.append((self.depth, []))

    def text(self) -> str:
        out: list[str] = []
        for level, parts in self.lines:
            line = "".join(parts).strip()
            if line or (out and out[-1]):
                out.append(f"> {line}" if level and line else line)
        return "\n".join(out).strip()


def html_to_text(markup: str) -> str:
    """Visible text, one line per block; ``<blockquote>`` and quote containers as ``>`` lines."""
    lines = _Lines()
    pos = 0
    n = len(markup)
    while pos < n:
        m = _TAG.search(markup, pos)
        if m is None:
            lines.add(markup[pos:])
            break
        lines.add(markup[pos : m.start()])
        pos = m.end()
        if m.group(0) == "<!--":
            end = markup.find("-->", pos)
            pos = n if end < 0 else end + 3
            continue
        lines.tag(m)
    return lines.text()


# --- quoted history, forwards -----------------------------------------------------------

#: Reply attributions: "On <date>, <name> wrote:" and its translations (es, fr, de, pt).
_WROTE = (
    ("on ", "wrote:"),
    ("el ", "escribió:"),
    ("le ", "a écrit :"),
    ("le ", "a écrit:"),
    ("am ", "schrieb"),  # "Am 03.06.2024 um 10:02 schrieb Acme <a@b.de>:"
    ("em ", "escreveu:"),
)
_HEADER_FIELDS = (
    "from:",
    "sent:",
    "to:",
    "subject:",
    "date:",
    "cc:",
    "de:",
    "von:",
    "envoyé :",
    "envoyé:",
    "gesendet:",
    "enviado:",
    "objet :",
    "betreff:",
    "asunto:",
    "para:",
    "à :",
    "an:",
)
_FROM_FIELDS = ("from:", "de:", "von:")
_ORIGINAL = ("original message", "ursprüngliche nachricht", "mensaje original", "message d'origine")
_FORWARD = (
    "forwarded message",
    "begin forwarded message:",
    "forwarded message:",
    "mensaje reenviado",
    "message transféré",
    "weitergeleitete nachricht",
)
_MAX_ATTRIBUTION = 400


def _is_quote_line(line: str) -> bool:
    """``> text``, ``>text``, ``>> text`` or a bare ``>``; not an emoticon (``>:(``, ``>_<``)."""
    rest = line.lstrip()
    if not rest.startswith(">"):
        return False
    nxt = rest[1:2]
    return not nxt or nxt in " >\t" or nxt.isalnum()


def _bare(line: str) -> str:
    return line.strip().strip("*_").strip().lower()


def _is_attribution(line: str, following: str) -> bool:
    low = line.strip().lower()
    if len(low) > _MAX_ATTRIBUTION:
        return False
    joined = f"{low} {following.strip().lower()}"  # Gmail wraps long attributions
    for start, end in _WROTE:
        if not low.startswith(start):
            continue
        for candidate in (low, joined):
            if len(candidate) > _MAX_ATTRIBUTION:
                continue
            if candidate.endswith(end) or (
                end == "schrieb" and f" {end} " in candidate and candidate.endswith(":")
            ):
                return True
    return False


def _is_outlook_header(lines: list[str], i: int) -> bool:
    """``From:`` followed within four lines by another header field."""
    if not _bare(lines[i]).startswith(_FROM_FIELDS):
        return False
    for nxt in lines[i + 1 : i + 5]:
        if _bare(nxt).startswith(_HEADER_FIELDS):
            return True
    return False


def _cut_kind(lines: list[str], i: int) -> str | None:
    """The kind of history that starts at line ``i``, or None."""
    rule = lines[i].strip()
    # Outlook's rule of underscores right above the header block.
    if len(rule) >= 20 and set(rule) <= {"_"} and i + 1 < len(lines):
        return "quoted" if _is_outlook_header(lines, i + 1) else None
    bare = _bare(lines[i])
    if not bare:
        return None
    if bare.strip("-_ ").startswith(_FORWARD) or bare.startswith(_FORWARD):
        return "forwarded"
    if bare.startswith("-----") and any(o in bare for o in _ORIGINAL):
        return "quoted"
    following = lines[i + 1] if i + 1 < len(lines) else ""
    if _is_attribution(lines[i], following) or _is_outlook_header(lines, i):
        return "quoted"
    return None


# --- signatures, disclaimers ------------------------------------------------------------

_SENT_FROM = (
    "sent from my ",
    "sent from mail for windows",
    "sent from yahoo mail",
    "sent from outlook",
    "get outlook for ",
    "enviado desde mi ",
    "envoyé de mon ",
    "von meinem ",
    "gesendet von ",
)
_SIGN_OFFS = frozenset(
    {
        "thanks",
        "thank you",
        "many thanks",
        "thanks again",
        "thanks in advance",
        "regards",
        "best regards",
        "kind regards",
        "warm regards",
        "best",
        "all the best",
        "cheers",
        "sincerely",
        "yours sincerely",
        "yours truly",
        "respectfully",
        "br",
        "saludos",
        "un saludo",
        "cordialement",
        "mit freundlichen grüßen",
        "viele grüße",
        "atenciosamente",
        "obrigado",
    }
)
_SIGNATURE_LINES = 6  # at most this many lines under a sign-off
_SIGNATURE_LINE_CHARS = 80
_DISCLAIMER_STARTS = (
    "confidential",
    "disclaimer",
    "caution:",
    "external email",
    "[external]",
    "this e-mail",
    "this email",
    "this message",
    "the information contained",
    "the information in this",
    "privileged",
    "important notice",
    "notice:",
)
_DISCLAIMER_MARKS = (
    "intended recipient",
    "intended only for",
    "confidential",
    "privileged",
    "originated from outside",
    "unauthorised",
    "unauthorized",
    "do not click links",
    "legally protected",
)


def _is_disclaimer(paragraph: str) -> bool:
    low = _bare(paragraph)
    return low.startswith(_DISCLAIMER_STARTS) and any(m in low for m in _DISCLAIMER_MARKS)


def _sign_off(line: str) -> bool:
    return _bare(line).rstrip(",.!-\u2013 ") in _SIGN_OFFS


# --- the whole pass ---------------------------------------------------------------------


def prepare(body: str) -> Prepared:
    """Cut what the customer did not write for this message; say what was cut."""
    removed: dict[str, int] = {}
    text = body
    if "<" in text and _HTML_HINT.search(text):
        plain = html_to_text(text)
        removed["html"] = len(text) - len(plain)
        text = plain
    if "\n" not in text and not _is_quote_line(text):
        return _result(text, removed)  # one line of chat: nothing to cut
    lines = text.split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        kind = _cut_kind(lines, i)
        if kind is not None:
            removed[kind] = removed.get(kind, 0) + sum(len(x) + 1 for x in lines[i:])
            if not any(k.strip() for k in kept):  # nothing written above it: all is history
                kept = []
            break
        if _is_quote_line(line):
            removed["quoted"] = removed.get("quoted", 0) + len(line) + 1
            continue
        kept.append(line)
    kept = _cut_disclaimers(kept, removed)
    kept = _cut_signature(kept, removed)
    return _result("\n".join(kept).strip(), removed)


def _cut_signature(lines: list[str], removed: dict[str, int]) -> list[str]:
    def cut(at: int) -> list[str]:
        removed["signature"] = removed.get("signature", 0) + sum(len(x) + 1 for x in lines[at:])
        return lines[:at]

    def has_text_above(at: int) -> bool:
        return any(x.strip() for x in lines[:at])

    for i, line in enumerate(lines):
        if line.rstrip() == "--" or line == "-- ":
            if has_text_above(i):
                return cut(i)
    for i, line in enumerate(lines):
        if _bare(line).startswith(_SENT_FROM) and len(line) <= _SIGNATURE_LINE_CHARS:
            if has_text_above(i):
                lines = cut(i)
                break
    # a sign-off line near the end, followed only by a few short lines (name, title, phone)
    content = [i for i, x in enumerate(lines) if x.strip()]
    for i in content[-(_SIGNATURE_LINES + 1) :]:
        if not _sign_off(lines[i]) or not has_text_above(i):
            continue
        tail = [x for x in lines[i + 1 :] if x.strip()]
        if len(tail) <= _SIGNATURE_LINES and all(
            len(x) <= _SIGNATURE_LINE_CHARS and not x.rstrip().endswith("?") for x in tail
        ):
            return cut(i)
    return lines


def _cut_disclaimers(lines: list[str], removed: dict[str, int]) -> list[str]:
    out: list[str] = []
    para: list[str] = []
    signed = False  # a sign-off line seen so far

    def flush() -> None:
        # A disclaimer is a paragraph of its own, or the end of one after a sign-off: a
        # signature block often runs straight into it ("Kind regards, / John Smith / This
        # email and any attachments are confidential ..."). Without the sign-off, the lines
        # are the customer's own ("This email is about my confidential file ...").
        nonlocal signed
        at = len(para)
        for k, line in enumerate(para):
            if (
                (k == 0 or signed)
                and _bare(line).startswith(_DISCLAIMER_STARTS)
                and _is_disclaimer(" ".join(para[k:]))
            ):
                at = k
                break
            signed = signed or _sign_off(line)
        if at < len(para):
            cut = sum(len(x) + 1 for x in para[at:])
            removed["disclaimer"] = removed.get("disclaimer", 0) + cut
        out.extend(para[:at])
        para.clear()

    for line in lines:
        if line.strip():
            para.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


def _result(text: str, removed: dict[str, int]) -> Prepared:
    return Prepared(
        text=text,
        removed=tuple((k, removed[k]) for k in REMOVED_KINDS if removed.get(k, 0) > 0),
    )
