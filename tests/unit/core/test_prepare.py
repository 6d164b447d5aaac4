"""Unit tests for text preparation: what the customer wrote, and what was cut (kinds, counts)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import adversarial_text, ticket_text
from worker.core.prepare import REMOVED_KINDS, html_to_text, prepare

CASES = {
    "gmail": (
        "Still failing after the reset.\n\n"
        "On Mon, 3 Jun 2024 at 10:02, Acme Support <help@acme.example> wrote:\n"
        "> Please reset the router, you idiot.\n> Regards, Acme",
        "Still failing after the reset.",
        {"quoted"},
    ),
    "gmail_wrapped_attribution": (
        "Same error as before.\n\nOn Mon, 3 Jun 2024 at 10:02, Acme Support Team <\n"
        "help@acme.example> wrote:\n\n> Did you try turning it off and on?",
        "Same error as before.",
        {"quoted"},
    ),
    "outlook": (
        "The invoice is still wrong.\n\n"
        "From: Acme Billing <billing@acme.example>\nSent: Monday, June 3, 2024 10:02 AM\n"
        "To: Jane Roe <jane@example.org>\nSubject: RE: invoice 7781\n\n"
        "We apologise for the trouble; the credit was applied.",
        "The invoice is still wrong.",
        {"quoted"},
    ),
    "outlook_bold_with_rule": (
        "See below, nothing changed.\n\n________________________________\n"
        "*From:* Acme <help@acme.example>\n*Sent:* Tuesday\n*To:* me\n\nyou moron",
        "See below, nothing changed.",
        {"quoted"},
    ),
    "original_message": (
        "ok will try tonight\n\n-----Original Message-----\nFrom: help\nSent: today\n"
        "You are useless.",
        "ok will try tonight",
        {"quoted"},
    ),
    "apple_mail": (
        "Fine.\n\n> On 3 Jun 2024, at 10:02, Acme Support <help@acme.example> wrote:\n>\n"
        "> We are sorry, idiot.",
        "Fine.",
        {"quoted"},
    ),
    "thunderbird": (
        "No luck with that.\n\nOn 03/06/2024 10:02, Acme Support wrote:\n> restart it",
        "No luck with that.",
        {"quoted"},
    ),
    "german_client": (
        "Geht immer noch nicht.\n\nAm 03.06.2024 um 10:02 schrieb Acme <help@acme.example>:\n"
        "> Bitte neu starten.",
        "Geht immer noch nicht.",
        {"quoted"},
    ),
    "interleaved_quotes": (
        "> Which version are you on?\n4.2.1\n> Did you restart?\nYes, twice.",
        "4.2.1\nYes, twice.",
        {"quoted"},
    ),
    "forwarded": (
        "FYI, this is what your colleague sent me.\n\n"
        "---------- Forwarded message ---------\nFrom: Bob\nDate: Mon\n\nyou are an idiot",
        "FYI, this is what your colleague sent me.",
        {"forwarded"},
    ),
    "apple_forward": (
        "Please look at this.\n\nBegin forwarded message:\n\nFrom: x\nSubject: y\n\nhello",
        "Please look at this.",
        {"forwarded"},
    ),
    "dash_signature": (
        "It crashes on start.\n\n-- \nJane Roe\nIT Manager | +1 555 0100",
        "It crashes on start.",
        {"signature"},
    ),
    "mobile_signature": (
        "Crashes again when I open the app\n\nSent from my iPhone",
        "Crashes again when I open the app",
        {"signature"},
    ),
    "sign_off_block": (
        "The export has been stuck at 40% since Monday.\n\nKind regards,\nJane Roe\n"
        "Head of Operations, Example Ltd\nTel. +44 20 7946 0000\nwww.example.org",
        "The export has been stuck at 40% since Monday.",
        {"signature"},
    ),
    "disclaimer": (
        "Please call me back today.\n\nCONFIDENTIALITY NOTICE: This e-mail is intended only "
        "for the addressee and may contain privileged information. If you are not the "
        "intended recipient, delete it.",
        "Please call me back today.",
        {"disclaimer"},
    ),
    "disclaimer_inside_the_signature_block": (
        "Fine.\n\nKind regards,\nJohn Roe\nHead of Procurement | Example Ltd\nThis email and "
        "any attachments are confidential and may be legally privileged. If you are not the "
        "intended recipient, please notify the sender.",
        "Fine.",
        {"disclaimer", "signature"},
    ),
    "external_banner_and_sign_off": (
        "CAUTION: This email originated from outside of the organization. Do not click links "
        "unless you recognise the sender.\n\nOur SSO login loops forever.\n\nThanks,\nSam",
        "Our SSO login loops forever.",
        {"disclaimer", "signature"},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_mail_style_keeps_only_what_the_customer_wrote(name: str) -> None:
    """Each client's quoting, signature and disclaimer style is cut; the kinds are reported."""
    body, expected, kinds = CASES[name]
    got = prepare(body)
    assert expected == got.text
    assert kinds == {k for k, _ in got.removed}
    assert len(body) - len(got.text) >= got.removed_chars - len(kinds) * 2


@pytest.mark.parametrize(
    "body",
    [
        "Thanks, that fixed it.",
        "Thanks.",
        "Regards",
        "ok",
        "fine.",
        "On Monday the app crashed twice and lost my draft.\nPlease fix it.",
        "From the dashboard I cannot reach settings.\nTo be clear: this is urgent.",
        "This email is to complain about the late delivery.\nIt is the third time.",
        "Please check.\nThis email is about my confidential file, which no intended "
        "recipient should have seen.",
        "Steps:\n1. open the app\n2. tap sync\nIt fails with code 500. What next?",
        ">:( still broken",
        "It failed again\n>_< no idea why",
    ],
)
def test_own_words_are_kept(body: str) -> None:
    """A message with nothing quoted, signed or disclaimed comes back unchanged."""
    got = prepare(body)
    assert body == got.text
    assert () == got.removed


def test_removed_says_kinds_and_counts_never_text() -> None:
    """``removed`` holds only known kinds and positive character counts."""
    got = prepare(CASES["gmail"][0])
    for kind, chars in got.removed:
        assert kind in REMOVED_KINDS
        assert isinstance(chars, int)
        assert chars > 0


def test_html_becomes_text_and_blockquotes_are_quoted() -> None:
    """Markup, scripts and entities go; block tags make lines; a blockquote is cut as quoted."""
    body = (
        "<html><head><style>p{color:red}</style></head><body><p>Hello&nbsp;team,</p>"
        "<div>the <b>export</b> fails &amp; times out.</div><br>"
        "<blockquote>You are a moron.</blockquote><script>var x=1;</script></body></html>"
    )
    got = prepare(body)
    assert "Hello team,\n\nthe export fails & times out." == got.text
    assert {"html", "quoted"} == {k for k, _ in got.removed}


def test_gmail_html_quote_container_is_cut() -> None:
    """Gmail's ``gmail_quote`` div and its attribution line are history, not the reply."""
    body = (
        '<div dir="ltr">Thanks.</div><br><div class="gmail_quote"><div dir="ltr" '
        'class="gmail_attr">On Mon, Jun 3, 2024 at 10:02 AM Acme &lt;help@acme.example&gt; '
        "wrote:<br></div><blockquote>Shut up, idiot.</blockquote></div>"
    )
    assert "Thanks." == prepare(body).text


def test_html_to_text_survives_broken_markup() -> None:
    """Unclosed tags, stray brackets and unbalanced divs give text, not an error."""
    assert "a < b and c > d" in html_to_text("<p>a < b and c > d</div></div><div")


def test_adversarial_input_is_linear() -> None:
    """Long lines full of header look-alikes and tags are prepared quickly."""
    bodies = [
        "On " + "a " * 20_000 + "x",
        ("From: x\n" * 3 + "y" * 50) * 200,
        "<" * 20_000 + "p>" + "<div class=quote>" * 2_000,
        "> " * 10_000 + "\n" + "-- \n" * 2_000,
    ]
    for body in bodies:
        start = time.process_time()
        prepare(body)
        assert time.process_time() - start < 1.0


@given(st.one_of(ticket_text, adversarial_text, st.text()))
def test_prepare_is_total_and_deterministic(body: str) -> None:
    """Any text prepares without error, twice the same, with known kinds and positive counts."""
    first, second = prepare(body), prepare(body)
    assert first == second
    assert all(kind in REMOVED_KINDS and chars > 0 for kind, chars in first.removed)
    assert len({kind for kind, _ in first.removed}) == len(first.removed)
