"""Unit tests for language detection and the threat/insult lexicons of the next languages."""

from __future__ import annotations

import pytest

from tests.conftest import CONFIG_DIR
from tests.unit.core.test_engine import triage
from worker.core.language import ForeignLexicon, LanguageDetector, fold
from worker.rules import load_rules

CONFIG = load_rules(CONFIG_DIR).language
DETECTOR = LanguageDetector(CONFIG)
LEXICON = ForeignLexicon(CONFIG)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The export has been stuck at forty percent since Monday.", "en"),
        ("I followed every single step in your guide, twice.", "en"),
        ("La aplicación no funciona desde ayer por la tarde.", "es"),
        ("Je n'arrive plus à me connecter depuis la mise à jour.", "fr"),
        ("Die Rechnung für März ist leider immer noch falsch.", "de"),
        ("Minha encomenda ainda não chegou, já faz duas semanas.", "pt"),
        ("Il mio ordine non è ancora arrivato, cosa succede?", "it"),
    ],
)
def test_language_of_ordinary_help_desk_text(text: str, code: str) -> None:
    """Sentence-length help-desk text in the candidate languages is named correctly."""
    assert code == DETECTOR.detect(text).code


@pytest.mark.parametrize("text", ["ok", "fine.", "Whatever.", "thx", "k thanks", "no", "Merci"])
def test_very_short_text_is_never_flagged_foreign(text: str) -> None:
    """Too short to tell: undetermined and scored as English, never sent to a human for it."""
    got = DETECTOR.detect(text)
    assert "und" == got.code
    assert got.covered is True


def test_fold_removes_accents_and_case() -> None:
    """Accents and case are folded so that "Inútil" matches "inutil"."""
    assert "inutil weiss ou" == fold("Inútil Weiß Où")


@pytest.mark.parametrize(
    ("text", "code", "kinds"),
    [
        ("Sé dónde vives y te estaré esperando.", "es", ("threat",)),
        ("Sois unos incompetentes y unos ladrones.", "es", ("insult",)),
        ("Je sais où tu habites, fais attention.", "fr", ("threat",)),
        ("Vous êtes des incapables et des escrocs.", "fr", ("insult",)),
        ("Ich weiß, wo Sie wohnen. Das werden Sie bereuen.", "de", ("threat",)),
        ("Du bist ein Vollidiot.", "de", ("insult",)),
        ("Sei onde você mora, vou te esperar.", "pt", ("threat",)),
        ("Vocês são uns incompetentes.", "pt", ("insult",)),
        ("Te voy a encontrar y te vas a arrepentir.", "es", ("threat",)),
        ("Sé dónde trabajas, ten cuidado al salir.", "es", ("threat",)),
        ("Je vais te trouver, crois-moi.", "fr", ("threat",)),
        ("Ich werde dich finden, verlass dich drauf.", "de", ("threat",)),
        ("Vou te encontrar, pode esperar.", "pt", ("threat",)),
        # Stop 44: the premises wrecked, with the refund as the condition
        (
            "Je vais venir à votre agence et tout casser si vous ne me remboursez pas.",
            "fr",
            ("threat",),
        ),
        ("Si no me devuelven el dinero voy a romper todo en la tienda.", "es", ("threat",)),
        (
            "Wenn das nicht repariert wird, schlage ich euren Laden kurz und klein.",
            "de",
            ("threat",),
        ),
        ("Se não resolverem isso, vou quebrar tudo na loja.", "pt", ("threat",)),
    ],
)
def test_threats_and_insults_in_the_next_languages(
    text: str, code: str, kinds: tuple[str, ...]
) -> None:
    """Each language's lexicon finds its threats (always) and insults aimed at someone."""
    assert kinds == LEXICON.scan(text, code).kinds


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Voy a denunciar a la empresa y cancelar la cuenta.", "es"),
        ("Je vais porter plainte et résilier mon abonnement.", "fr"),
        ("Ich werde einen Anwalt einschalten und kündigen.", "de"),
        ("Vou processar vocês e cancelar tudo.", "pt"),
        ("Este producto es una basura total.", "es"),  # about a thing, nobody addressed
        ("Tranquilo, no te voy a matar por esto, pero arreglalo.", "es"),
        ("Je ne sais pas où tu habites, envoie-moi l'adresse du magasin.", "fr"),
        ("Te voy a buscar el recibo y te lo mando.", "es"),
        # Stop 44: things broken by the courier or a child are no threat
        ("Le livreur a tout cassé, le colis est arrivé en morceaux.", "fr"),
        ("Mon fils a tout cassé en jouant, pouvez-vous envoyer une pièce ?", "fr"),
        ("El repartidor lo rompió todo, llegó en pedazos.", "es"),
        ("Te espero fuera del local para darte el paquete, llego a las 5.", "es"),
    ],
)
def test_legal_and_churn_threats_are_not_abuse(text: str, code: str) -> None:
    """Legal and churn threats, and scorn for a product, are no abuse kind."""
    assert () == LEXICON.scan(text, code).kinds


def test_spanish_insult_and_legal_threat_is_not_an_english_thank_them() -> None:
    """The issue's example: Spanish, flagged for a human, insult found, no English technique."""
    out = triage("Eres un inútil, te voy a denunciar.")
    assert "es" == out.language
    assert out.technique is None
    assert out.levels is None
    assert out.review is not None
    assert "'es'" in out.review
    assert "triage_needs_human_language" in out.tags
    assert not any(
        t.startswith(("triage_technique_", "triage_anger_", "triage_politeness_")) for t in out.tags
    )
    assert out.abuse is not None
    assert ["insult"] == out.abuse.kinds
    assert any(c.startswith("legal_es:") for c in out.evidence.abuse)


def test_short_foreign_threat_is_found_even_when_undetermined() -> None:
    """A threat too short to name its language is still caught and escalated."""
    out = triage("te voy a matar")
    assert "und" == out.language
    assert out.escalation.required is True
    assert "threat" in out.abuse.kinds


def test_english_is_covered_and_keeps_its_technique() -> None:
    """English text gets a technique, levels and no review."""
    out = triage("The export has been stuck at forty percent since Monday.")
    assert "en" == out.language
    assert out.review is None
    assert out.technique is not None
    assert out.levels is not None


@pytest.mark.parametrize("text", ["pros and cons?", "con", "any cons?", "nul points", "Depp"])
def test_short_english_is_not_a_foreign_insult(text: str) -> None:
    """Too short to name a language: a foreign insult word alone is not abuse."""
    out = triage(text)
    assert (False, []) == (out.escalation.required, out.abuse.kinds)


def test_short_foreign_insult_with_its_second_person_is_found() -> None:
    """Too short to name a language, but "eres" says who is insulted: an insult."""
    out = triage("Eres un inútil")
    assert "und" == out.language
    assert ["insult"] == out.abuse.kinds


def test_model_is_read_in_memory_and_agrees_with_py3langid(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The detector streams py3langid's model without a temporary file (a read-only pod's
    /tmp stays free) and classifies as py3langid's own loader restricted the same way."""
    import tempfile

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    config = load_rules(CONFIG_DIR).language
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    reference.set_languages(list(config.candidates))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the language model must not be written to a temporary file")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    ours = LanguageDetector(config)._identifier
    texts = [
        "Could you please check why my invoice was charged twice this month?",
        "Necesito ayuda con mi pedido, llegó roto y nadie contesta.",
        "Je voudrais annuler mon abonnement, merci de me répondre rapidement.",
        "Ich warte seit zwei Wochen auf eine Antwort vom Kundendienst.",
        "Preciso de ajuda com a minha conta, não consigo entrar desde ontem.",
    ]
    for text in texts:
        code, prob = ours.classify(text)
        ref_code, ref_prob = reference.classify(text)
        assert code == ref_code
        assert prob == pytest.approx(ref_prob, abs=1e-6)


@pytest.mark.parametrize(
    "text",
    [
        "AAAAAAAAAAAAAAA\u00b5\u2000\u2000\u201a\u2010",  # junk once read as Chinese
        "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "Zzzzzzzzzzzzzzzzzzzzz qqqqqqqqqqqq",
    ],
)
def test_a_script_language_needs_its_script(text: str) -> None:
    """A guess of a language written in another script (zh, ru, ar...) needs most letters in
    that script; Latin-letter junk is undetermined, not a language for a human to read."""
    language = DETECTOR.detect(text)
    assert language.code not in ("zh", "ja", "ko", "ar", "he", "hi", "el", "ru", "uk")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Здравствуйте, у меня не работает оплата картой уже третий день.", "ru"),  # noqa: RUF001
        ("您好，我的订单已经两个星期了还没有到，请帮我查一下。", "zh"),  # noqa: RUF001
        ("Γεια σας, η παραγγελία μου δεν έχει φτάσει ακόμα.", "el"),
    ],
)
def test_texts_in_their_script_keep_their_language(text: str, code: str) -> None:
    assert DETECTOR.detect(text).code == code
