"""Someone else's words quoted without quotation marks, blanked before abuse is judged again
(``AbuseScorer.score``): a customer who reports abuse they received is not abusive.

Four forms (stop 50):

- after a colon that introduces what was received or what someone else wrote ("Another
  player messaged me: ur a retard, kys. I want him banned.", "Their comment under my post
  was: ..."), up to the end of that sentence; a colon that ends its line introduces the
  next paragraph;
- a paragraph announced after a full stop at the end of a line ("Please see below the
  message my son received."), the paragraph after it;
- a message "saying ..." ("I got a DM saying I know where you live", "the comment under my
  listing that says ..."), to the end of the sentence;
- someone "texting me things like ...", to the end of the sentence.

Stop 51 added: words announced as verbatim ("His exact words were ...", "and I quote");
messages "such as ..."; "It says ..." right after a screenshot or a message is named; what
someone else sent or said, or what the speaker got back, pointed at before a colon or a dash
("This is what I got back from your courier:"); a transcript's label of someone else
("Agent: ...", when the customer's lines are labelled too: "Me: ..."); what someone "told
me:"; a quotation attributed after it ('"..." This came from your employee.').

Stop 60 added: the other speakers' lines of a pasted transcript or chat log (labelled lines,
"Agent (Tom):", "him - ...", "[21:14] Dave:", "<Agent>", or a sender's name opening two or more
lines in a row; the customer's own "Me:" lines stay); messages named by where they came from,
what someone keeps sending, what arrived, what someone sent pointed at by "this" or "these",
someone named then when ("ur driver after i complained:"), the latest of several; lines
below an introduction with no colon ("a client sent"); a quotation after a colon up to its
closing mark; "he msgd me ur a ...", "she was like ...", "a man going ...", "someone saying
...", words written on the customer's things; "word for word" after "is" or "was".

Never the speaker's own words: an introduction in which the speaker writes, says or sends
("I replied:", "I'll post a review saying ...", "I found your agent online and sent her:"),
or addresses someone ("And to the agent who told me 'nothing I can do':"), blanks nothing;
and someone else's words end where the speaker resumes in the same sentence with a
consequence ("Your agent said: no refund, so I'll be waiting outside your office", stop 51).
Blanking keeps every offset and every line break.
"""

from __future__ import annotations

import re

__all__ = ["blank_unmarked", "sentence_start"]

_COMM = (
    r"(?:messages?|texts?|sms|dms?|pms?|e-?mails?|comments?|reviews?|posts?|notes?"
    r"|voicemails?|letters?|tweets?|repl(?:y|ies)|chats?|whatsapps?|snapchats?|snaps?|ims?"
    # "His last words before hanging up were: ..."; text speak ("he sent me a msg:") (stop 60)
    r"|words|msgs?|txts?)"
)
#: A word between a message and its "says" / "read", not the speaker or the reader doing the
#: reading ("your comments that I read" is no message saying anything).
_NOT_READER = r"(?:(?!(?:i|we|you|u|i've|we've)\b)[\w']+\s+)"
#: Received by the speaker or their people ("I got this", "my son was sent").
_RECEIPT = re.compile(
    r"\b(?:got|gets|getting|received|receives|receiving|(?:was|were|been|being)\s+sent)\b",
    re.IGNORECASE,
)
#: Written or said by someone: group 1 is the word before the verb (the speaker's own when
#: it is "I", "we", "my" ...).
_AUTHORED = re.compile(
    r"(?<![\w'])([\w']+|&)\s+(?:said|says|wrote|writes|posted|posts|commented|replied|replies"
    r"|messaged|texted|e-?mailed|tweeted|sent|left|typed|shouted|screamed|yelled|told"
    r"|threatened|warned|added|continued|responded|answered|goes|went"
    # text speak (stop 60)
    r"|msgd|msged|msg'd|txtd|txted|dmd|dm'd|pmd|pm'd|sed|sez|rote"
    r"|(?:msg|txt|dm|text)\s+(?:me|us))\b",
    re.IGNORECASE,
)
#: The message as the subject ("their comment was:", "the text reads:"); group 1 is the word
#: before it ("my comment to him was:" is the speaker's own).
_MESSAGE_SAID = re.compile(
    rf"(?<![\w'])([\w']+)\s+{_COMM}\s+{_NOT_READER}{{0,3}}?"
    r"(?:said|says|read|reads|was|were|is|stated|states)\s*$",
    re.IGNORECASE,
)
#: Someone else's message named right before the colon ("The seller's reply (copied):",
#: "Their message:"); group 1 is its owner.
_MESSAGE_NAMED = re.compile(
    rf"(?<![\w'])(the|their|his|her|[\w]+'s)\s+(?:[\w']+\s+)?{_COMM}"
    r"(?:\s*\([^)\n]{0,30}\))?\s*$",
    re.IGNORECASE,
)
#: The speaker writing, saying or sending: what follows is their own.
_OWN_AUTHOR = re.compile(
    r"(?<![\w'])(?:i|we|i'll|i'm|im|we'll|we're|i've|we've|i'd|we'd|ill)\s+(?:[\w']+\s+){0,2}?"
    r"(?:said|say|saying|wrote|write|writing|sent|send|sending|post|posted|posting|reply"
    r"|replied|replying|tell|told|telling|typed|type|leave|left|leaving|message|messaged"
    r"|text|texted|email|emailed|put)\b",
    re.IGNORECASE,
)
#: The speaker's own words right before the colon ("and I replied to him:").
_OWN_AT_END = re.compile(_OWN_AUTHOR.pattern + r"(?:\s+[\w']+){0,3}\s*$", re.IGNORECASE)
#: What the speaker received, pointed at ("I received the following email from your seller
#: after I left a review:", "got this from an unknown number:"): someone else's words even when
#: the speaker wrote something too.
_RECEIVED_THIS = re.compile(
    r"\b(?:got|received|(?:was|were|been)\s+sent)\s+(?:this|these|the\s+following|the\s+below)\b",
    re.IGNORECASE,
)
#: What the speaker or their people received, named ("I got a text from an unknown number:",
#: "the message my son received").
_RECEIVED_NAMED = re.compile(
    r"\b(?:got|received|(?:was|were|been)\s+sent)\s+(?:a|an|the|this|that|some)\s+"
    rf"(?:[\w']+\s+){{0,2}}?{_COMM}\b"
    rf"|\b{_COMM}\s+(?:[\w']+\s+){{0,3}}?(?:received|got|gets|receives|(?:was|were)\s+sent)\b",
    re.IGNORECASE,
)
_SPEAKER = frozenset(
    {"i", "we", "i've", "we've", "i'd", "we'd", "i'm", "im", "we're", "i'll", "we'll", "ill"}
)
#: The speaker's own people or messages ("my review", "our reply").
_OWN_WORDS = _SPEAKER | {"my", "our", "me", "us"}
#: Words before a verb whose subject was left out ("I found your agent online and sent her:"):
#: the subject is the sentence's, so the speaker's own when the speaker is in it.
_ELIDED = frozenset(
    "and & n then so also just even but or finally literally actually basically simply".split()
)
_SPEAKER_WORD = re.compile(
    r"(?<![\w'])(?:i|we|i'm|im|i've|i'd|i'll|we've|we're|we'll)(?![\w'])", re.IGNORECASE
)
#: The speaker addressing someone ("And to the agent who told me 'nothing more I can do':"):
#: what follows the colon is said to them.
_ADDRESSED = re.compile(
    r"^\s*(?:(?:and|so|oh|also|now|as\s+for|a\s+message)[,\s]+)?(?:to|dear|@)\s+"
    r"(?:the|that|this|your|ur|whoever|whichever|every|all|you)\b",
    re.IGNORECASE,
)
#: A verdict, not a quotation ("This says everything: you are ...").
_SAYS_ALL = re.compile(
    r"\b(?:says|said)\s+(?:everything|it\s+all|enough|a\s+lot)\s*$", re.IGNORECASE
)
#: A paragraph announced below ("see below", "the following").
_BELOW = re.compile(
    r"\b(?:see\s+below|pasted\s+below|copied\s+below|below\s+is|below\s+are|the\s+following)\b",
    re.IGNORECASE,
)
#: A colon, not one inside a time ("at 10:30").
_COLON = re.compile(r"(?<!\d):|:(?!\d)")
_ANNOUNCED = re.compile(r"\.[ \t]*\n")
_SAYING = re.compile(
    rf"(?<![\w'])([\w']+)\s+{_COMM}\s+"
    r"(?:(?:under|on|in|at|below|above|beneath)\s+(?:[\w']+\s+){1,3}?)?"
    r"(?:saying|that\s+said|that\s+says|which\s+said"
    r"|which\s+says|reading|that\s+read|that\s+reads|stating)\b",
    re.IGNORECASE,
)
_LIKE = re.compile(
    r"(?<![\w'])(?:([\w']+)\s+)?(?:[\w']+\s+)?(?:texting|messaging|sending|calling|telling"
    r"|e-?mailing|writing|saying\s+to|leaving|posting)\s+(?:(?:me|us|my\s+[\w']+|her|him|them)\s+)?"
    r"(?:things|stuff|messages|comments|names|texts|notes)\s+"
    r"(?:(?:on|under|in|about)\s+(?:[\w']+\s+){1,3}?)?like\b",
    re.IGNORECASE,
)
#: The message as the subject of "says" with its words after it ("The review says your owner
#: is a ..."); group 1 is the word before the message ("my review says" is the speaker's).
_MESSAGE_SAYS = re.compile(
    rf"(?<![\w'])([\w']+)\s+{_COMM}\s+(?!for\b){_NOT_READER}{{0,6}}?(?<!\bto\s)"
    r"(?:says|said|reads|read)\b"
    r"(?!\s*:)",
    re.IGNORECASE,
)
#: Words set off by dashes after a message named ("My landlord's text last night - you'll be
#: out on the street - is that legal?"): group 1 is the word before the message.
_DASHED = re.compile(
    rf"(?<![\w'])([\w']+)\s+{_COMM}\b[^\n\-\u2013\u2014]{{0,30}}?\s[-\u2013\u2014]+\s"
    r"([^\n\-\u2013\u2014]{1,200}?)\s[-\u2013\u2014]+\s",
    re.IGNORECASE,
)
#: A line that opens with what was received ("Received at 02:14:", "Received yesterday:").
_RECEIVED_OPENS = re.compile(
    r"^\s*received\s+(?:at|on|from|yesterday|today|tonight|last|this|these|the\s+following)\b",
    re.IGNORECASE,
)
#: Someone else typing words, quoted with no mark ("In our match he typed die you stupid ...");
#: not what they typed about ("she typed my address wrong", "he wrote back").
_TYPED = re.compile(
    r"(?<![\w'])(?:he|she|they|someone|somebody)\s+(?:typed|wrote|texted|posted|messaged"
    r"|commented|tweeted)\s+(?!(?:that|to|back|me|us|a|an|the|on|in|about|this|it|something"
    r"|some|his|her|their|my|our|your|again|down|up|out|off|nothing|and|but|so|it's)\b)",
    re.IGNORECASE,
)
#: Someone else's words after "texted me", "said to me", "was like" with no mark ("he msgd me
#: ur a fat cow", "she was like ur gonna regret this"; stop 60): only when the words open as
#: speech does (a pronoun or an order), not "he texted me back" or "he texted me yesterday".
_SAID_ME = re.compile(
    # the verb first (a word before every verb would be tried at every word); the word
    # before it is checked where it matched (:func:`_said_by_someone`)
    r"\b(?:"
    # "keeps dming me ima end u", "a man going ur dead ur dead" (stop 60)
    r"(?:keeps?|kept)\s+(?:dming|texting|messaging|msging|sending|telling|saying\s+to|calling)"
    r"\s+(?:me|us)|going|(?:texted|txted|txtd|msgd|msged"
    r"|messaged|dmd|dm'd|wrote|emailed|e-mailed|sent|said\s+to|told|replied\s+to)\s+(?:me|us)"
    r"|(?:was|is|were|are|goes|went)\s+like),?\s+(?=(?:ur|u|you|you're|youre|your|i|im|i'm"
    r"|i'll|ill|we|we'll|go|kys|die|watch|nobody|no\s+one|get|ima|imma|gonna|ull|u'll|ya"
    r"|send|show|bet|wait|shut)\b)",
    re.IGNORECASE,
)
#: Someone else's words announced as verbatim ("His exact words were ...", "He said, and I
#: quote, ..."; "words were" only before a colon or a quotation mark: "Her words were kind,
#: but ..." is a verdict); group 1 is the word before ("my exact words were" is the
#: speaker's).
_VERBATIM = re.compile(
    r"(?<![\w'])(?:([\w']+)\s+)?(?:exact\s+words\s+(?:were|was)|words\s+were(?=\s*[:\"\u201c])"
    r"|and\s+i\s+quote|i\s+quote"
    # "and this is word for word:" (stop 60); not a relay ("tell him word for word: ...")
    r"|(?<=\bis\s)word\s+for\s+word|(?<=\bwas\s)word\s+for\s+word)\b\s*[,:]?",
    re.IGNORECASE,
)
#: Messages named with examples ("I've been receiving messages such as ..."); the speaker's
#: own when they send them.
_SUCH_AS = re.compile(
    rf"(?<![\w']){_COMM}\s+(?:(?:on|under|in|about|from)\s+(?:[\w']+\s+){{1,3}}?)?"
    r"(?:such\s+as|along\s+the\s+lines\s+of)\b",
    re.IGNORECASE,
)
#: "It says ..." after a message or a screenshot was named just before ("Screenshot attached.
#: It says ...").
_IT_SAYS = re.compile(
    r"(?<![\w'])it\s+(?:says|said|reads|read|goes|went)\b(?!\s+(?:everything|it\s+all|enough)\b)"
    r"\s*:?",
    re.IGNORECASE,
)
_SHOWN = re.compile(
    rf"\b(?:screenshots?|screen\s+shots?|attached|attachment|photos?\s+of|{_COMM})\b", re.IGNORECASE
)
_SHOWN_REACH = 120
#: The word right before a position ("your" in "Got your message.", "he" in "he msgd me").
_WORD_BEFORE = re.compile(r"([\w']+)\s+$")
#: The reader (the business) as a message's owner: "Got your text. It says delivered, you
#: useless idiots" is a notice, and the abuse after it the customer's.
_READERS = frozenset({"your", "ur", "yr", "you're"})
#: What someone else sent or said, or what the speaker received, pointed at before a colon or
#: a dash ("This is what I got back from your courier:", "Here is what the seller sent -").
_WHAT_RECEIVED = re.compile(
    r"\b(?:what|wat|wot|wht)\s+(?:i|we|my\s+[\w']+|our\s+[\w']+|he|she|they)\s+(?:got|received|was\s+sent"
    r"|were\s+sent|got\s+sent|have\s+received|keep\s+getting)\b",
    re.IGNORECASE,
)
_WHAT_SAID = re.compile(
    r"\b(?:what|wat|wot|wht)\s+(?!(?:i|we|i've|we've|i'd|me|my|our)\b)(?:[\w']+\s+){1,3}?(?:sent|said|wrote"
    r"|posted|texted|messaged|replied|left|e-?mailed|typed|shouted|screamed|yelled|told\s+me"
    r"|told\s+us)\b",
    re.IGNORECASE,
)
#: What someone sent pointed at by "this", "these" or "the following" before a colon (stop
#: 60: "Buyer ... sent this after I refused a refund:", "the agent replied with these lines
#: in the ticket thread:", "ended the chat with this:"); the speaker's own when "I" or "we"
#: comes within four words before the verb ("I replied to him with this:").
_POINTER = re.compile(
    r"\b(?:with|sent|wrote|replied|posted|messaged|texted|e-?mailed|left|typed|said|added)"
    r"\s+(?:(?:me|us|back)\s+)?(?:this|these|the\s+following)\b",
    re.IGNORECASE,
)
_SPEAKER_NEAR = re.compile(_SPEAKER_WORD.pattern + r"(?:\W+[\w']+){0,4}?\W*$", re.IGNORECASE)
#: Messages named by where they came from, at the start of the introduction ("Messages from
#: buyer 'tomasz_b' after I told him it had sold:", "text from the lobby, copied from my son's
#: console:", "From team chat last night:"); never the speaker's ("my messages from ...",
#: "From me to your agent:") nor a relay ("Pass a message on to your supervisor:").
_FROM_SOURCE = re.compile(
    r"^\s*(?!(?:my|our|i|we|pass|tell|send|give|forward|relay|take|leave|get|put|read|write"
    r"|post|here's|here|this|heres)\b)(?:[\w']+\s+){0,2}?"
    rf"{_COMM}\s+(?:(?:from|by)\s+(?!(?:me|my|us|our|myself|i|we)\b)"
    r"|(?:in|on|off|under)\s+(?!(?:me|us|myself|i|we|to|your|ur|you|this|that)\b))"
    r"|^\s*(?:fwd|fw|forwarded|forwarding)\s+from\s+(?!(?:me|my|us|our|myself|i|we)\b)"
    r"|^\s*(?:(?:copied|pasted|taken|screenshots?)\s+)?from\s+(?!(?:me|my|us|our|myself|i|we"
    r"|now|then|today|tomorrow|here|there|day)\b)(?=[^\n]*\b(?:chats?|groups?|lobby|thread|logs?"
    r"|inbox|channel|server|forum|profile|account|number|voicemail|messages?|texts?|dms?"
    r"|comments?|posts?|e-?mails?)\b)",
    re.IGNORECASE,
)
#: The speaker as the source ("she can be told this from me:"; stop 60).
_FROM_ME = re.compile(r"\b(?:from|by)\s+(?:me|us|myself)\b", re.IGNORECASE)
#: The speaker's own messages named first ("My messages to your agent after she said no:").
_OWN_MESSAGES = re.compile(rf"^\s*(?:my|our)\s+(?:[\w']+\s+){{0,2}}?{_COMM}\b", re.IGNORECASE)
#: Someone named, then when they said it, before a colon ("ur driver after i complained:",
#: "The seller, when I asked for a refund:"; stop 60).
_SOMEONE_WHEN = re.compile(
    r"^\s*(?:the|your|ur|yr|this|that|a|an|some|his|her|my)\s+(?:[\w']+\s+)?(?:driver|agent|rep"
    r"|engineer|technician|seller|buyer|neighbou?r|ex|landlord|courier|caller|manager|guy|man"
    r"|woman|lad|girl|bloke|user|player|match|host|guest|tenant|cashier|guard|rider|fitter"
    r"|installer|plumber|electrician|roofer|trainer|teacher|boss|colleague|client|customer)"
    # a conjunction, not a bare time: "ur driver yesterday: ill break his legs" is a heading
    # of the customer's own words
    r",?\s+(?:after|when|once|before|as\s+soon\s+as|the\s+moment)\b"
    r"(?![^:]*\b(?:i|we)\s+(?:said|told|replied|wrote|sent)\b)",
    re.IGNORECASE,
)
#: Someone who keeps sending ("This account keeps messaging me on here:", "my landlord keeps
#: texting me, pasting them so you have them:"); group 1 is the sender.
_KEEPS_SENDING = re.compile(
    r"(?<![\w'])([\w']+)\s+(?:keeps?|kept|(?:has|have|had)\s+been|(?:is|are|was|were)"
    r"(?:\s+still)?)\s+(?:messaging|texting|dming|sending|writing|posting|commenting|spamming"
    r"|msging|msgin|txting|txtin|textin|messagin|sendin|dmin|postin|commentin"
    r"|e-?mailing|whispering|tweeting)\b",
    re.IGNORECASE,
)
#: The latest of messages named before ("My ex keeps commenting ... Latest one: '...'").
_LATEST = re.compile(
    rf"^\s*(?:the\s+|his\s+|her\s+|their\s+)?(?:latest|newest|most\s+recent)\s+(?:one|{_COMM})\b"
    r"(?![^:\n]*\b(?:from|by)\s+(?:me|us|myself)\b)",
    re.IGNORECASE,
)
#: What arrived, pointed at ("These arrived this week:", "this came through at 2am:").
_ARRIVED = re.compile(
    r"^\s*(?:these|this|they|those|the\s+following|which|it)\s+(?:(?:all|just|then)\s+)?"
    r"(?:arrived|came|come|landed|appeared|turned\s+up|popped\s+up)\b",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s(?:[-\u2013\u2014]+|>>|\u00bb)\s")
#: A quotation attributed after it to someone else ('"..." This came from your employee.',
#: '"..." (sent by your driver)'); never "I", "me" or "my".
_ATTRIBUTED_AFTER = re.compile(
    r"[\"\u201c]([^\"\u201c\u201d\n]{1,300})[\"\u201d][.!?,)]*\s*[(\-\u2013\u2014]?\s*"
    r"(?:(?:this|that|it|which|these|those)\s+(?:came|was\s+sent|were\s+sent|is|was|were"
    r"|arrived)\s+|(?:sent|written|posted|left|said)\s+)(?:from|by)\s+(?!(?:me|my|us|our|i)\b)",
    re.IGNORECASE,
)
#: A transcript's label of the customer's own lines ("Me:", "Customer:").
_OWN_LABEL = re.compile(r"(?:^|\n|[.:!?]\s)\s*(?:me|customer|myself|i)\s*:", re.IGNORECASE)
#: A transcript's label of someone else right before a colon ("Transcript of the call:
#: AGENT: ..."): at the start of the sentence or after another colon. Not a label with a
#: clause after it: "Your agent, who I spoke to twice: you are a useless idiot" is a verdict.
_ROLES = (
    r"agent|rep|representative|advisor|adviser|operator|driver|seller|engineer|technician|staff"
    r"|support|courier|rider|host|manager|assistant|him|her|he|she|them|they|caller|employee"
)
_LABEL = re.compile(rf"(?:^|:)\s*(?:the\s+|your\s+)?(?:{_ROLES})\s*$", re.IGNORECASE)

#: The speaker's own consequence after someone else's words, in the same sentence: a comma or
#: a dash, then "so", "so now", "which is why" ... and "I" or "we".
_RESUMES = re.compile(
    r"(?:,|\s[-\u2013\u2014])\s*(?:and\s+)?(?:so|so\s+now|which\s+is\s+why|that's\s+why"
    r"|that\s+is\s+why|therefore)\s+(?:i|we)(?:'ll|'m|'ve|'d)?\b",
    re.IGNORECASE,
)
#: The speaker's own next clause after someone else's unmarked words ("your agent told me
#: you're all useless and I agree, ...").
_OWN_RESUMES = re.compile(
    r"(?:\s+(?:and|but|so)|,)\s+(?:(?:frankly|honestly|now|well|yes|and|but|so)\s+)?"
    r"(?:i|i'm|im|i'll|i've|i'd|we|we're|we'll)(?![\w'])",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_BLOCK = 600  # at most this many characters of an announced paragraph


def sentence_start(text: str, at: int) -> int:
    return max(text.rfind(c, 0, at) for c in ".!?\n") + 1


def _sentence_end(text: str, at: int) -> int:
    m = _SENTENCE_END.search(text, at)
    return m.end() if m is not None and m.group() != "\n" else (m.start() if m else len(text))


def _line_end(text: str, at: int) -> int:
    """The end of the line that holds ``at`` (before its line break, or the text's end)."""
    end = text.find("\n", at)
    return end if end >= 0 else len(text)


def _words_end(text: str, at: int) -> int:
    """Where someone else's words that start at ``at`` end: the end of the sentence, or
    earlier where the speaker resumes with a consequence ("Your agent said: no refund, so
    I'll be waiting outside your office")."""
    end = _sentence_end(text, at)
    m = _RESUMES.search(text, at, end)
    return m.start() if m is not None else end


#: A quotation mark that opens someone else's words right after a colon, and the marks that
#: close it.
_OPENS = {'"': '"\u201d', "\u201c": '\u201d"', "'": "'\u2019", "\u2018": "\u2019'"}


def _quotation_end(text: str, at: int) -> int:
    """Where someone else's words that start at ``at`` end: after the closing mark when they
    open with a quotation mark (several sentences: "my ex sent: 'I know you're at the office
    now. I walk past at lunch.'", stop 60), else :func:`_words_end`. A closing single quote
    must not be an apostrophe ("you're")."""
    first = at
    while first < len(text) and text[first] in " \t":
        first += 1
    closes = _OPENS.get(text[first : first + 1])
    if closes is not None:
        stop = min(_line_end(text, first), first + 600)
        for k in range(first + 1, stop):
            if text[k] in closes and not (
                text[k] in "'\u2019" and k + 1 < len(text) and text[k + 1].isalpha()
            ):
                return k + 1
    return _words_end(text, at)


def _said_end(text: str, at: int) -> int:
    """:func:`_words_end`, or earlier where the speaker's own next clause starts ("your agent
    told me you're all useless and I agree, ...")."""
    end = _words_end(text, at)
    own = _OWN_RESUMES.search(text, at, end)
    return own.start() if own is not None else end


def _paragraph_after(text: str, at: int) -> tuple[int, int]:
    """The next paragraph from ``at`` (blank lines skipped): its start and end."""
    first = at
    while first < len(text) and text[first].isspace():
        first += 1
    m = _PARAGRAPH_END.search(text, first)
    end = m.start() if m is not None else len(text)
    return first, min(end, first + _BLOCK)


def _points_at_what_was_sent(intro: str) -> bool:
    """Whether ``intro`` points at what someone else sent or said, or at what the speaker got
    ("This is what I got back from your courier", "Here is what the seller sent"): before a
    colon (:func:`_introduces`) or a dash (:func:`_blank_pointed`)."""
    return bool(_WHAT_RECEIVED.search(intro) or _WHAT_SAID.search(intro))


def _introduces(intro: str, *, transcript: bool = False) -> bool:
    """Whether ``intro`` (a sentence up to a colon or a full stop) introduces someone else's
    words; ``transcript``: the message labels the customer's own lines too ("Me:"), so a
    label of someone else ("Agent:") introduces theirs."""
    if _RECEIVED_THIS.search(intro) or _RECEIVED_OPENS.match(intro):
        return True
    if _ADDRESSED.match(intro) or _SAYS_ALL.search(intro):
        return False
    if _points_at_what_was_sent(intro):
        return True
    if transcript and _LABEL.search(intro):
        return True
    if _OWN_MESSAGES.match(intro) or _FROM_ME.search(intro):
        return False
    if _SOMEONE_WHEN.match(intro):
        return True
    if _FROM_SOURCE.match(intro) or _ARRIVED.match(intro) or _LATEST.match(intro):
        return True
    if _OWN_AT_END.search(intro):
        return False
    pointer = _POINTER.search(intro)
    if pointer is not None and not _SPEAKER_NEAR.search(intro, 0, pointer.start()):
        return True
    sender = _KEEPS_SENDING.search(intro)
    if sender is not None and sender.group(1).lower() not in _OWN_WORDS:
        return True
    if _RECEIVED_NAMED.search(intro):
        return True
    if _OWN_AUTHOR.search(intro):
        return False
    said = _MESSAGE_SAID.search(intro)
    if said is not None and said.group(1).lower() not in _OWN_WORDS:
        return True
    if _MESSAGE_NAMED.search(intro):
        return True
    return any(
        m.group(1).lower() not in _OWN_WORDS
        and not (m.group(1).lower() in _ELIDED and _speaker_last(intro, m.start()))
        for m in _AUTHORED.finditer(intro)
    )


#: A subject pronoun: the last one before a verb whose subject was left out is its subject
#: ("i asked him to bring it up n he turns round n goes:" is his; "i turned round n went:"
#: is the speaker's; stop 60).
_SUBJECT_WORD = re.compile(
    r"(?<![\w'])(?:i|we|i'm|im|i've|i'd|i'll|we've|we're|we'll|he|she|they|he's|she's|they're"
    r"|hes|shes)(?![\w'])",
    re.IGNORECASE,
)


def _speaker_last(intro: str, at: int) -> bool:
    """Whether the last subject pronoun before ``at`` in ``intro`` is the speaker."""
    found = _SUBJECT_WORD.findall(intro, 0, at)
    return bool(found) and _SPEAKER_WORD.fullmatch(found[-1]) is not None


def _speakers(text: str, m: re.Match[str]) -> bool:
    """Whether the message ``m`` names is the speaker's own: its owner (group 1) is "my",
    "our", "I" ..., or the speaker writes or sends earlier in its sentence ("I'll post a
    review saying ...")."""
    before = text[sentence_start(text, m.start()) : m.start()]
    return m.group(1).lower() in _OWN_WORDS or _OWN_AUTHOR.search(before) is not None


def _blank(text: str, first: int, end: int) -> str:
    return text[:first] + re.sub(r"[^\n]", " ", text[first:end]) + text[end:]


#: A line of a transcript or a chat log that opens with its speaker's label ("Agent (Tom):",
#: "[00:14] Driver:", "BigDawgDre:", "Man (neighbour, no. 6):"): group 1 is the label, group
#: 2 what is in brackets after it.
_LINE_LABEL = re.compile(
    # a date or a time first ("[12/05/2026, 21:14]", "12/05/2026 21:14 -", "10:32 PM")
    r"^[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*"
    r"|(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4},?[ \t]+)?\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:[ \t]*[aApP]\.?[mM]\.?)?(?:[ \t]+[-\u2013])?[ \t]+)?"
    # the label, bare or in bold, "<...>" or "[...]" ("**Agent:**", "<Agent>", "[Agent]")
    r"(?:\*\*|__)?[<\[]?([A-Za-z@][\w'.@#]*(?:[ \t]+[\w'.@#]+){0,2}?)[>\]]?"
    r"(?:[ \t]*\(([^)\n]{1,30})\))?"
    r"(?:[ \t]+at[ \t]+\d{1,2}[:.]\d{2}(?:[ \t]*[aApP]\.?[mM]\.?)?)?"
    # "Agent:", and in chat text "him - ur a ...", "agent -- ..." (stop 60); "<Agent> ..."
    r"(?:[ \t]*:(?:\*\*|__)?|(?:\*\*|__)?[ \t]+[-\u2013\u2014]{1,2}|(?<=[>\]]))[ \t]+(?=\S)",
    re.MULTILINE,
)
#: The customer's own lines in a transcript ("Me:", "Customer:", "You:" in a chat export,
#: "Dave (me):").
_OWN_LINE_LABELS = frozenset(
    {"me", "i", "myself", "customer", "caller", "you", "client", "us", "user", "guest", "visitor"}
)
#: A speaker's role ("Agent:", "Agent Nikki:", "Courier (Rafal):"): with the customer's own
#: lines labelled, one such line makes a transcript.
_ROLE_LABEL = re.compile(
    rf"\b(?:the\s+|your\s+)?(?:{_ROLES}|buyer|man|woman|guy|neighbour|neighbor|landlord|tenant"
    r"|player|match|[\w']+\s+reader|security|guard|cashier|receptionist)\b",
    re.IGNORECASE,
)
#: Labels that head a field or a list, not a speaker ("Order:", "Update:", "From:").
_FIELD_LABELS = frozenset(
    """subject re fw fwd date from to sent cc bcc order ref reference account ticket case note
    notes update edit ps p.s issue issues problem problems step question answer q a tel phone
    mobile email e-mail address name time dated booking invoice item product error status
    result reason summary total amount price cost day week month morning evening night today
    yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday first second
    third then now also attempt try outcome response timeline location postcode url link
    http https www""".split()
)


#: Someone else saying it, with no mark ("calls every night from someone saying our kitchen
#: will go up in flames"; stop 60).
_SOMEONE_SAYING = re.compile(
    r"\b(?:someone|somebody|a\s+man|a\s+woman|a\s+guy|a\s+caller|a\s+voice|some\s+(?:guy|man"
    r"|bloke|woman|lad|girl|kid)|he|she|they|caller)\s+(?:saying|who\s+(?:said|says)"
    r"|(?:keeps|kept)\s+saying)\b",
    re.IGNORECASE,
)
#: Who may say something with a bare "going" ("a man going ur dead ur dead").
_GOING_SAYERS = frozenset(
    "he she they someone somebody man woman guy bloke lad girl kid voice caller driver him her"
    " them".split()
)
#: Who may not be the sender in ``_SAID_ME``: the speaker, the reader, a condition.
_NOT_SENDER = _OWN_WORDS | {"you", "u", "ya", "if", "when"}


def _said_by_someone(text: str, at: int) -> bool:
    """Whether the word before ``at`` (a verb of ``_SAID_ME``) is someone else's; before a
    bare "going" only a person ("a man going ur dead"; "next week going ur shop" is not)."""
    before = _WORD_BEFORE.search(text, max(0, at - 40), at)
    if before is None or before.group(1).lower() in _NOT_SENDER:
        return False
    if text[at : at + 5].lower() == "going":
        return before.group(1).lower() in _GOING_SAYERS
    return True


def _blank_transcript(text: str, out: str) -> str:
    """``out`` (``text`` blanked so far) with the lines of other speakers blanked in a
    transcript or chat log the customer pasted (stop 60): at least two lines open with a
    speaker's label, and either the customer's own lines are labelled too ("Me:") or another
    speaker's label comes back on a second line ("Kyle:" three times). The customer's own
    lines stay."""
    lines: list[tuple[re.Match[str], bool]] = []
    for m in _LINE_LABEL.finditer(text):
        label = m.group(1).lower().strip(".")
        if label.split()[0] in _FIELD_LABELS or label.split()[0].isdigit():
            continue
        aside = (m.group(2) or "").lower()
        own = label in _OWN_LINE_LABELS or bool(re.search(r"\b(?:me|myself|customer)\b", aside))
        lines.append((m, own))
    if lines and {m.group(1).lower() for m, _ in lines} == {"caller"}:
        # an answerphone's caller alone ("caller: ur shop is getting burnt down tonight"): not
        # the customer, who is the caller only beside an agent's lines
        lines = [(m, False) for m, _ in lines]
    if len(lines) < 2:
        return out
    others = [m.group(1).lower() for m, own in lines if not own]
    if not others:
        return out
    labels = [m.group(1).lower() for m, _ in lines]
    if len(set(labels)) > 4:
        return out  # a form's fields ("Reference:", "Topic:", "Details:"), not speakers
    repeated = len(set(labels)) < len(labels)
    if not repeated and not (
        len(others) < len(lines) and any(_ROLE_LABEL.search(label) for label in others)
    ):
        return out  # no speaker twice, no role answering the customer: a list
    for m, own in lines:
        if not own:
            out = _blank(out, m.end(), _line_end(text, m.end()))
    return out


#: A chat log pasted with each line opening with its sender's name and no mark after it
#: ("mike_77 ur a scammer", "Rob send a pic ...", "jay shut up ..."; stop 60): a name that
#: opens two or more lines in a row, not a word any sentence may open with.
_LINE_FIRST = re.compile(r"^[ \t]*([A-Za-z@][\w.@]{1,24})[ \t]+\S", re.MULTILINE)
_COMMON_OPENERS = frozenset(
    """i i'm im i'll ill i've ive i'd id you you're youre your ur u we we're they he she it
    it's its this that these those the a an and but or so then if when why what how who where
    please pls plz no not yes yeah ok okay hi hello hey dear thanks thank still also just my
    our me us him her them there here is are was were do does did can could will would should
    have has had get got go going one two three four five first second next last every all
    some any more very too again still order ref account ticket step update edit note ps
    problem issue item day week today yesterday tomorrow morning night""".split()
)


#: The word after a name that makes its line a sentence about that person, not a chat line
#: ("Sarah promised a callback", "Dave is a liar"): a verb of telling or being, or one in -ed.
_NARRATIVE = frozenset(
    """is was has had never said says told tells promised refused keeps kept hung called came
    went sent left did didn't does doesn't will would can can't won't could should also then
    and just still isn't wasn't hasn't""".split()
)
_LINE_NEXT = re.compile(r"[ \t]+([\w']+)")


def _chat_line(text: str, m: re.Match[str]) -> bool:
    """Whether the line ``m`` opens reads as a chat line: a user name (a digit, "_", "#" or
    "@" in it), or a name not followed by a verb of telling or being."""
    name = m.group(1)
    if any(c.isdigit() or c in "_#@" for c in name):
        return True
    nxt = _LINE_NEXT.match(text, m.end(1))
    word = nxt.group(1).lower() if nxt else ""
    return word not in _NARRATIVE and not word.endswith("ed")


#: What the line before a pasted chat log says ("buyer wont stop look", "this is in the class
#: group"): without it, lines that open with a name are the customer's own, said to that
#: person ("dave ur a liar" then "dave ill find u").
_PASTE_CUE = re.compile(
    r":\s*$|\b(?:look|log|logs|chat|group|lobby|thread|messages?|msgs?|texts?|sent|posted"
    r"|screenshots?|copied|pasted|below|these|this|keeps?|kept|from|dms?|inbox)\b",
    re.IGNORECASE,
)


def _line_before(text: str, at: int) -> str:
    """The last non-empty line before the line that holds ``at``, or ""."""
    start = text.rfind("\n", 0, at)
    while start > 0:
        prev = text.rfind("\n", 0, start)
        line = text[prev + 1 : start]
        if line.strip():
            return line
        start = prev
    return ""


def _blank_senders(text: str, out: str) -> str:
    """``out`` with the lines of a chat log pasted with its sender's name first blanked: the
    same name opens two or more chat lines in a row ("Sarah promised a callback." then "Sarah
    is a liar" is the customer's own account)."""
    found = [
        (m, m.group(1).lower())
        for m in _LINE_FIRST.finditer(text)
        if m.group(1).lower() not in _COMMON_OPENERS
        and m.group(1).lower() not in _OWN_LINE_LABELS
        and _chat_line(text, m)
    ]
    runs: list[list[re.Match[str]]] = []
    last = ""
    for m, name in found:
        if runs and name == last and text.count("\n", runs[-1][-1].start(), m.start()) == 1:
            runs[-1].append(m)
        else:
            runs.append([m])
        last = name
    for run in runs:
        if len(run) < 2:
            continue
        at = run[0].start()
        name = run[0].group(1).lower()
        intro = _line_before(text, at)
        while intro.strip().lower().startswith(name + " "):  # "Rob did u wear it" above
            at = text.rfind(intro, 0, at)
            intro = _line_before(text, at)
        if not _PASTE_CUE.search(intro):
            continue  # "dave ur a liar" / "dave ill find u" with nothing before: said to Dave
        for m in run:
            out = _blank(out, m.start(1), _line_end(text, m.start()))
    return out


#: A line that introduces lines below it without a colon ("a client sent", "this was posted in
#: the local group by a lad who works at ur garage"; stop 60): someone else sent, posted or
#: wrote, or it was posted by someone other than the speaker.
_POSTED_BY = re.compile(
    r"\b(?:was|were|been|got|get)\s+(?:posted|written|shared|put\s+up)\b"
    # by someone named: "the parcel was left in the rain" then the customer's own threat on
    # the next line is no paste (a first version blanked it)
    r"(?=[^\n]{0,80}\bby\s+(?!(?:me|us|myself)\b))",
    re.IGNORECASE,
)


#: A line that ends with someone sending ("a client sent", "look wat he sent me 👇").
_SENT_AT_END = re.compile(
    r"(?<![\w'])(?!(?:was|were|been|be|is|are|got|get|being)\b)([\w']+)\s+(?:sent|wrote|posted"
    r"|messaged|texted|dmd|msgd|msged|txted)(?:\s+(?:me|us|this|these|the\s+following|her|him"
    r"|them))*"
    r"(?:\s+(?:look|lol|below|\^|\U0001f447))*\s*$",
    re.IGNORECASE,
)
_READER_SENT = re.compile(r"^\s*(?:(?:so|and|well|oh)\s+)?(?:your|ur|yr|you|u)\b", re.IGNORECASE)


def _blank_lines_below(text: str, out: str) -> str:
    """``out`` with up to four lines blanked below a line that introduces someone else's
    words without a colon (see ``_POSTED_BY``), up to a blank line."""
    lines = text.split("\n")
    at = 0
    starts = []
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    for k, line in enumerate(lines[:-1]):
        intro = line.strip()
        if not intro or intro.endswith((":", ".", "?", "!")) or not lines[k + 1].strip():
            continue
        if _OWN_AUTHOR.search(intro) or not (
            _POSTED_BY.search(intro)
            or _FROM_SOURCE.match(intro)
            or _RECEIVED_THIS.search(intro)
            or _RECEIVED_NAMED.search(intro)
            or (
                (sender := _KEEPS_SENDING.search(intro) or _SENT_AT_END.search(intro)) is not None
                and sender.group(1).lower() not in _OWN_WORDS
            )
        ):
            continue
        if _READER_SENT.match(intro):
            continue  # "ur agent sent this": the lines below answer the reader's own people
        for j in range(k + 1, min(k + 5, len(lines))):
            if not lines[j].strip() or _LINE_LABEL.match(lines[j]):
                break  # a labelled line is the transcript rule's
            out = _blank(out, starts[j], starts[j] + len(lines[j]))
    return out


#: A line wholly in quotation marks.
_QUOTED_LINE = re.compile(
    r"^[ \t]*[\"'\u201c\u2018][^\n]{1,300}[\"'\u201d\u2019][ \t.,!?]*$", re.MULTILINE
)


def _blank_quoted_lines(text: str, out: str) -> str:
    """``out`` with runs of two or more lines each wholly in quotation marks blanked, when the
    line before the run is not the speaker writing or sending ("getting these from a number
    I don't know, pls block it" then three quoted texts; stop 60)."""
    runs: list[list[re.Match[str]]] = []
    for m in _QUOTED_LINE.finditer(text):
        if runs and text[runs[-1][-1].end() : m.start()].strip() == "":
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if len(run) < 2:
            continue
        intro = _line_before(text, run[0].start())
        if _OWN_AUTHOR.search(intro) or _ADDRESSED.match(intro):
            continue
        for m in run:
            out = _blank(out, m.start(), m.end())
    return out


#: Words written on something of the customer's ("the driver wrote P*KI SCUM in marker across
#: the box", "ur courier wrote MOANING B*TCH on my router box"): group 1 is the writer's last
#: word, group 2 the words written.
_WRITTEN_ON = re.compile(
    r"\b(?:wrote|scrawled|painted|sprayed|scratched|carved|written|keyed)\s+"
    r"([^.!?\n]{1,40}?)\s+(?:in\s+[\w']+\s+)?(?:on|across|onto|over|into|in)\s+(?:my|our|the|his|her)\b",
    re.IGNORECASE,
)


def blank_unmarked(text: str, *, paragraphs: bool = True) -> str:
    """``text`` with someone else's unmarked words blanked (see the module's docstring).

    ``paragraphs=False``: no paragraph is blanked as announced, for a message whose quoted
    lines were cut before scoring (``prepare``: ``quoted``): "Your agent wrote:", its ``>``
    lines cut, and the paragraph left below it is the customer's reply."""
    out = text
    if ":" in text:
        transcript = _OWN_LABEL.search(text) is not None
        for m in _COLON.finditer(text):
            intro = text[sentence_start(text, m.start()) : m.start()]
            if not _introduces(intro, transcript=transcript):
                continue
            rest = text[m.end() : _line_end(text, m.end())]
            if rest.strip():
                out = _blank(out, m.end(), _quotation_end(text, m.end()))
            elif paragraphs:
                out = _blank(out, *_paragraph_after(text, m.end()))
    if paragraphs and "\n" in text:
        for m in _ANNOUNCED.finditer(text):
            intro = text[sentence_start(text, m.start()) : m.start()]
            if _BELOW.search(intro) and _introduces(intro):
                out = _blank(out, *_paragraph_after(text, m.end()))
    for m in _SAYING.finditer(text):
        received = _RECEIPT.search(text, sentence_start(text, m.start()), m.end())
        if not _speakers(text, m) or received:
            out = _blank(out, m.end(), _words_end(text, m.end()))
    for m in _MESSAGE_SAYS.finditer(text):
        if not _speakers(text, m):
            out = _blank(out, m.end(), _words_end(text, m.end()))
    for m in _DASHED.finditer(text):
        if not _speakers(text, m):
            out = _blank(out, m.start(2), m.end(2))
    for m in _TYPED.finditer(text):
        out = _blank(out, m.end(), _words_end(text, m.end()))
    for m in _LIKE.finditer(text):
        if m.group(1) and m.group(1).lower() in _SPEAKER:
            continue
        out = _blank(out, m.end(), _words_end(text, m.end()))
    for m in _SAID_ME.finditer(text):
        if _said_by_someone(text, m.start()):
            out = _blank(out, m.end(), _said_end(text, m.end()))
    for m in _SOMEONE_SAYING.finditer(text):
        out = _blank(out, m.end(), _said_end(text, m.end()))
    for m in _WRITTEN_ON.finditer(text):
        before = _WORD_BEFORE.search(text, 0, m.start())
        if before is not None and before.group(1).lower() not in _OWN_WORDS:
            out = _blank(out, m.start(1), m.end(1))
    out = _blank_quoted_lines(text, _blank_transcript(text, out))
    out = _blank_senders(text, out)
    if paragraphs:
        out = _blank_lines_below(text, out)
    return _blank_pointed(text, out)


def _blank_pointed(text: str, out: str) -> str:
    """``out`` (``text`` blanked so far) with someone else's words blanked where the message
    points them out (stop 51): what someone sent before a dash, words announced as verbatim,
    messages "such as ...", "It says ..." after a screenshot, a quotation attributed after
    it."""
    for m in _DASH.finditer(text):  # "Here is what the seller sent - ..."
        intro = text[sentence_start(text, m.start()) : m.start()]
        if _points_at_what_was_sent(intro):
            out = _blank(out, m.end(), _words_end(text, m.end()))
    if '"' in text or "\u201c" in text:
        for m in _ATTRIBUTED_AFTER.finditer(text):  # the quotation and its marks
            out = _blank(out, m.start(1) - 1, m.end(1) + 1)
    for m in _VERBATIM.finditer(text):
        if m.group(1) and m.group(1).lower() in _OWN_WORDS:
            continue
        if _OWN_AUTHOR.search(text, sentence_start(text, m.start()), m.start()):
            continue  # "I told him, and I quote, ..."
        if _OWN_AUTHOR.match(text, m.end()) or _OWN_AUTHOR.match(text, m.end() + 1):
            continue  # "and I quote, I told him ..."
        out = _blank(out, m.end(), _words_end(text, m.end()))
    for m in _SUCH_AS.finditer(text):
        if _OWN_AUTHOR.search(text, sentence_start(text, m.start()), m.end()) is None:
            out = _blank(out, m.end(), _words_end(text, m.end()))
    for m in _IT_SAYS.finditer(text):
        lo = max(0, m.start() - _SHOWN_REACH)
        shown = [*_SHOWN.finditer(text, lo, m.start())]
        if shown and _OWN_AUTHOR.search(text, lo, m.start()) is None:
            owner = _WORD_BEFORE.search(text, 0, shown[-1].start())
            if owner is None or owner.group(1).lower() not in _READERS:
                out = _blank(out, m.end(), _words_end(text, m.end()))
    return out
