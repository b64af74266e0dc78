"""Module 02 widgets: the encoding-geometry explorer (integer codes in any of the 5! orders, one-hot, a learned
embedding of the Seattle weather category: distances, a picture in the plane, k-NN accuracy) and the analogy
explorer (3CosAdd on word vectors from our generated corpus). One call each; see
:class:`fsgeom.widgets.CourseWidget` for what they return.

What is expensive is computed once, when the widget is built (:func:`encoding_study`, :func:`analogy_space`, both
public so the lecture can quote the same numbers); moving a control looks numbers up and moves artists in place.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as W
import numpy as np

from ... import data as shared_data, metrics
from ...i18n import language
from ...widgets import CourseWidget, course_widget, slider as _slider, span as _span, widget_figure as _figure
from . import data, maths, plots
from .texts import T

__all__ = ["ENCODINGS", "EncodingStudy", "encoding_study", "category_representation", "category_layout",
           "AnalogySpace", "analogy_space", "encoding_explorer", "analogy_explorer"]

#: the encodings the explorer offers (values of its ``encoding`` control)
ENCODINGS = ("integer", "onehot", "embedding")
_ENC_KEY = {"integer": "w_enc_integer", "onehot": "w_enc_onehot", "embedding": "w_enc_embedding"}


# ----------------------------------------------------------------------------------------- encoding study
@dataclass(frozen=True, eq=False)
class EncodingStudy:
    """The numbers behind the encoding explorer (:func:`encoding_study`).

    ``levels``: the weather categories (sorted); ``train_idx`` / ``test_idx``: the rows of the split
    (:func:`fsgeom.data.train_test_split`, ``split_seed``); ``mean`` / ``std``: z-scoring of the numeric
    features fitted on train; ``orders``: the m! code assignments (:func:`.maths.code_orders`, lexicographic;
    category ``c`` gets code ``orders[i][c]``); ``order_accuracies``: k-NN test accuracy with each of them;
    ``onehot_accuracy``, ``embedding_accuracy``, ``numeric_accuracy`` (numeric features only),
    ``majority_accuracy`` (always the most frequent training label); ``embedding``: the learned (m, 2) embedding.
    The model's decision per category: ``order_wet_shares`` (m!, m), ``onehot_wet_share`` and
    ``embedding_wet_share`` (m,) -- the share of each category's test days that k-NN predicts wet -- against
    ``actual_wet_share`` (m,), the share that were wet.
    """
    levels: tuple
    k: int
    train_idx: np.ndarray
    test_idx: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    orders: tuple
    order_accuracies: np.ndarray
    onehot_accuracy: float
    embedding_accuracy: float
    numeric_accuracy: float
    majority_accuracy: float
    embedding: np.ndarray
    order_wet_shares: np.ndarray
    onehot_wet_share: np.ndarray
    embedding_wet_share: np.ndarray
    actual_wet_share: np.ndarray

    @property
    def n_test(self) -> int:
        return int(self.test_idx.size)


def _squared_distances(A, B) -> np.ndarray:
    """Squared Euclidean distances accumulated one feature at a time, as fsgeom.metrics.pairwise_euclidean does."""
    out = np.zeros((A.shape[0], B.shape[0]))
    for j in range(A.shape[1]):
        out += np.square(A[:, j, None] - B[None, :, j])
    return out


def category_representation(study: EncodingStudy, encoding: str, order=None) -> np.ndarray:
    """The vectors (m, d) the categories get: integer codes ``order`` as (m, 1), the one-hot identity (m, m) or
    the learned embedding (m, 2)."""
    m = len(study.levels)
    if encoding == "integer":
        order = np.arange(m) if order is None else np.asarray(order)
        return order.astype(float)[:, None]
    if encoding == "onehot":
        return np.eye(m)
    if encoding == "embedding":
        return np.asarray(study.embedding, dtype=float)
    raise ValueError(f"encoding must be one of {ENCODINGS}, got {encoding!r}")


def category_layout(study: EncodingStudy, encoding: str, order=None) -> np.ndarray:
    """Where panel (b) draws the categories (m, 2), centred at ((m - 1) / 2, 0): integer codes on the x-axis;
    one-hot vectors projected on the principal plane that shows them as a regular polygon
    (:func:`.maths.simplex_plane`); the learned embedding's own coordinates, centred and turned onto their
    principal axes (a rotation: its distances are the embedding's)."""
    m = len(study.levels)
    center = np.array([(m - 1) / 2.0, 0.0])
    if encoding == "integer":
        order = np.arange(m) if order is None else np.asarray(order)
        return np.column_stack([order.astype(float), np.zeros(m)])
    if encoding == "onehot":
        return maths.simplex_plane(m) + center
    if encoding == "embedding":
        E = np.asarray(study.embedding, dtype=float)
        E = E - E.mean(0)
        R = np.linalg.svd(E, full_matrices=False)[2]
        R = R * np.sign(R[np.arange(2), np.abs(R).argmax(1)])[:, None]
        return E @ R.T + center
    raise ValueError(f"encoding must be one of {ENCODINGS}, got {encoding!r}")


def _features(study: EncodingStudy, codes, X, encoding: str, order=None) -> np.ndarray:
    """The k-NN feature matrix: z-scored numeric features first, then the category's representation."""
    Z = (X - study.mean) / study.std
    return np.column_stack([Z, category_representation(study, encoding, order)[codes]])


@lru_cache(maxsize=4)
def encoding_study(k: int = 15, split_seed: int = 0, embedding_seed: int = 0, steps: int = 3000) -> EncodingStudy:
    r"""Seattle weather (:func:`.data.weather_wet`): predict a wet day (precipitation > 0) by k-NN on
    ``[z-scored temp_max, temp_min, wind, encoding of the weather category]``, trained and tested on the split
    :func:`fsgeom.data.train_test_split` (``split_seed``, 30 % test); the scaler and the embedding are fitted on
    the training rows only.

    * integer codes: every one of the 5! = 120 code assignments (:func:`.maths.code_order_accuracies`: the
      numeric part of the distances is computed once, and an order and its reverse share one k-NN run; equal to
      :func:`fsgeom.metrics.knn_predict` on the full matrix, as the tests check);
    * one-hot (all categories :math:`\sqrt 2` apart) and the learned embedding: :func:`fsgeom.metrics.knn_predict`;
    * the embedding: :func:`.maths.train_category_embedding` with d = 2 on the training rows' standardized targets
      (wet, log(1 + precipitation)), seed ``embedding_seed``: categories the task treats alike end up close.

    Cached (the same arguments give the same object)."""
    weather, X, y = data.weather_wet()
    levels = maths.fit_vocabulary(weather)
    codes = maths.integer_encode(weather, levels)
    m = levels.size
    rows = np.arange(y.size)
    tr, te, ytr, yte = shared_data.train_test_split(rows, y, seed=split_seed)
    mean, std = metrics.zscore_fit(X[tr])
    Z = (X - mean) / std
    # learned embedding: targets of the training rows only
    prec = shared_data.load_seattle_weather()["precipitation"]
    Y = np.column_stack([y, np.log1p(prec)])[tr].astype(float)
    Y = (Y - Y.mean(0)) / Y.std(0)
    Phi, *_ = maths.train_category_embedding(codes[tr], Y, m, d=2, steps=steps, seed=embedding_seed)
    orders = tuple(maths.code_orders(m))
    order_acc, order_shares = maths.code_order_accuracies(_squared_distances(Z[te], Z[tr]), codes[te], codes[tr],
                                                          ytr, yte, orders, k, return_shares=True)
    study = dict(levels=tuple(levels.tolist()), k=k, train_idx=tr, test_idx=te, mean=mean, std=std, orders=orders,
                 order_accuracies=order_acc, embedding=Phi, order_wet_shares=order_shares,
                 actual_wet_share=maths.category_shares(codes[te], yte == 1, m))
    unset = np.full(m, np.nan)
    partial = EncodingStudy(onehot_accuracy=np.nan, embedding_accuracy=np.nan, numeric_accuracy=np.nan,
                            majority_accuracy=np.nan, onehot_wet_share=unset, embedding_wet_share=unset, **study)

    def knn(F):   # (accuracy, predicted wet share per category)
        pred = metrics.knn_predict(F[tr], ytr, F[te], k)
        return metrics.accuracy(yte, pred), maths.category_shares(codes[te], pred == 1, m)

    (onehot_acc, onehot_share), (emb_acc, emb_share) = (knn(_features(partial, codes, X, e))
                                                        for e in ("onehot", "embedding"))
    labels, counts = np.unique(ytr, return_counts=True)
    out = EncodingStudy(onehot_accuracy=onehot_acc, embedding_accuracy=emb_acc, numeric_accuracy=knn(Z)[0],
                        majority_accuracy=float(np.mean(yte == labels[counts.argmax()])),
                        onehot_wet_share=onehot_share, embedding_wet_share=emb_share, **study)
    for a in (out.order_accuracies, out.embedding, out.mean, out.std, out.train_idx, out.test_idx,
              out.order_wet_shares, out.onehot_wet_share, out.embedding_wet_share, out.actual_wet_share):
        a.setflags(write=False)
    return out


def _order_text(levels, order, lang) -> str:
    names = plots.category_labels(levels, lang)
    return ", ".join(f"{names[c]}={int(order[c])}" for c in np.argsort(order))


@course_widget
def encoding_explorer(encoding: str = "integer", order: int = 1, k: int = 15, backend: str | None = None,
                      lang: str | None = None) -> CourseWidget:
    """How an encoding of the weather category shapes distances and a k-NN classifier (:func:`encoding_study`).

    Panels: (a) the 5 x 5 Euclidean distances between the categories' vectors (one colour scale for every
    encoding); (b) the categories in the plane (:func:`category_layout`); (c) bars of the k-NN test accuracy over
    all 120 integer code orders, a star on the current order's bar, dashed / dotted lines at one-hot and the
    learned embedding, a grey line at the chosen encoding.

    Controls: ``encoding`` (ToggleButtons: integer, onehot, embedding), ``order`` (IntSlider 1..120: the code
    assignment number, in the lexicographic order of :func:`.maths.code_orders`; order 1 gives the codes in
    alphabetical order, as a fitted vocabulary does). The order's star and readout line move with any encoding.
    Readout / ``numbers``: accuracy of the chosen encoding, the current order's accuracy and rank among all
    orders, one-hot, embedding, numeric-only and majority baselines, the distance matrix.
    """
    lang = lang or language()
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {ENCODINGS}, got {encoding!r}")
    study = encoding_study(k=k)
    m = len(study.levels)
    n_orders = len(study.orders)
    accs = study.order_accuracies
    values, counts = np.unique(accs, return_counts=True)
    count_of = dict(zip(values.tolist(), counts.tolist()))
    # panel (b) must hold every layout, and the colour scale every distance matrix
    layouts = [category_layout(study, e) for e in ("onehot", "embedding")] + [category_layout(study, "integer")]
    L = np.vstack(layouts)
    half_h = np.abs(L[:, 1]).max() + 0.35
    extent = (L[:, 0].min() - 0.75, L[:, 0].max() + 0.75, -half_h, half_h)
    vmax = max(maths.pairwise_code_distances(category_representation(study, e)).max() for e in ENCODINGS)
    acc_of = {"onehot": study.onehot_accuracy, "embedding": study.embedding_accuracy}
    share_of = {"onehot": study.onehot_wet_share, "embedding": study.embedding_wet_share}
    names = plots.category_labels(study.levels, lang)
    references = {T("w_enc_onehot", lang=lang): (study.onehot_accuracy, "#0072B2", "--"),
                  T("w_enc_embedding", lang=lang): (study.embedding_accuracy, "#009E73", ":")}
    fig, fw, mode = _figure((9.6, 3.4), 90, backend)
    view = plots.EncodingView(study.levels, accs, references, vmax, extent, study.n_test, k, fig=fig, lang=lang)
    controls = {
        "encoding": W.ToggleButtons(options=[(T(_ENC_KEY[e], lang=lang), e) for e in ENCODINGS], value=encoding,
                                    description=T("w_encoding", lang=lang),
                                    style={"description_width": "initial", "button_width": "150px"}),
        "order": _slider(W.IntSlider, int(order), 1, n_orders, 1, T("w_order", lang=lang)),
    }
    readout = W.HTML()
    w = CourseWidget("encoding_explorer", controls, view, readout, fw, mode)
    f3 = lambda v: f"{v:.3f}"  # noqa: E731

    def update(change):
        c = w.controls
        enc, i = c["encoding"].value, int(c["order"].value)
        o = study.orders[i - 1]
        order_acc = float(accs[i - 1])
        acc = order_acc if enc == "integer" else float(acc_of[enc])
        share = study.order_wet_shares[i - 1] if enc == "integer" else share_of[enc]
        D = maths.pairwise_code_distances(category_representation(study, enc, o))
        worse, better = int((accs < order_acc).sum()), int((accs > order_acc).sum())
        w.numbers = {"encoding": enc, "order_index": i, "order": o, "accuracy": acc, "order_accuracy": order_acc,
                     "worse_orders": worse, "better_orders": better, "onehot_accuracy": study.onehot_accuracy,
                     "embedding_accuracy": study.embedding_accuracy, "numeric_accuracy": study.numeric_accuracy,
                     "majority_accuracy": study.majority_accuracy, "distances": D, "wet_share": share,
                     "actual_wet_share": study.actual_wet_share}
        note = {"integer": T("w_note_integer", lang=lang), "onehot": T("w_note_onehot", lang=lang, m=m),
                "embedding": T("w_note_embedding", lang=lang)}[enc]
        readout.value = T("w_readout_encoding", lang=lang, k=k, encoding=T(_ENC_KEY[enc], lang=lang),
                          acc=_span("acc", f3(acc)), order=_span("order", _order_text(study.levels, o, lang)),
                          order_acc=_span("order-acc", f3(order_acc)), worse=_span("worse", worse),
                          better=_span("better", better), n=n_orders, lo=f3(accs.min()), hi=f3(accs.max()),
                          onehot=_span("onehot", f3(study.onehot_accuracy)),
                          embedding=_span("embedding", f3(study.embedding_accuracy)),
                          numeric=_span("numeric", f3(study.numeric_accuracy)),
                          majority=_span("majority", f3(study.majority_accuracy)),
                          decision=_span("decision", ", ".join(
                              f"{names[c]} {share[c]:.2f} ({study.actual_wet_share[c]:.2f})" for c in range(m))))
        view.update(D, category_layout(study, enc, o), edges=enc == "onehot", radial=enc == "onehot", note=note,
                    order_acc=order_acc, order_count=count_of[order_acc], current_acc=acc,
                    info=T("w_spread_info", lang=lang, i=i, acc=order_acc))

    w._connect(update)
    return w


# ----------------------------------------------------------------------------------------- analogies
@dataclass(frozen=True, eq=False)
class AnalogySpace:
    """Word vectors of the generated corpus for every dimension d of the analogy explorer (:func:`analogy_space`).

    ``words``: the vocabulary (sorted); ``person``: the 24 person words (male, female of each pair of
    :data:`.data.PAIRS`); ``genders``: "male"/"female" for each; ``questions``: :func:`.data.gender_analogies`;
    ``dims``: the d values offered; ``accuracy_excluded`` / ``accuracy_included``: ``{d: 3CosAdd accuracy}``;
    ``accuracy_only_b``: ``{d: accuracy of the only-b baseline}`` (:func:`.maths.only_b_accuracy`: b's nearest
    other word, a and c ignored); ``twin_cosine``: ``{d: mean cosine of the 12 male/female pairs}``
    (:func:`.maths.pair_cosines`; near 1 up to d = 8: no gender direction yet);
    ``extent``: (x0, x1, y0, y1) that holds the person words' unit vectors in the plane of a, b, c
    (:func:`.maths.query_plane`) for every gender analogy and every d (3CosAdd adds unit vectors, so the picture
    shows those)."""
    words: tuple
    person: tuple
    genders: tuple
    questions: tuple
    dims: tuple
    U: np.ndarray
    s: np.ndarray
    accuracy_excluded: dict
    accuracy_included: dict
    accuracy_only_b: dict
    twin_cosine: dict
    extent: tuple

    def embeddings(self, d: int) -> np.ndarray:
        """Rows of U_d Σ_d: exactly :func:`.maths.svd_embeddings` of the PPMI matrix with this d."""
        return self.U[:, :d] * self.s[:d]

    def person_index(self) -> np.ndarray:
        idx = {w: i for i, w in enumerate(self.words)}
        return np.array([idx[w] for w in self.person])

    def person_plane(self, d: int, a: str, b: str, c: str):
        """The person words' unit vectors at this d in the plane of a, b, c (:func:`.maths.query_plane`):
        ``(coords (24, 2), origin, components)``."""
        U = maths.unit_rows(self.embeddings(d)[self.person_index()])
        pid = {w: i for i, w in enumerate(self.person)}
        return maths.query_plane(U, pid[a], pid[b], pid[c])


@lru_cache(maxsize=2)
def analogy_space(dims=tuple(range(2, 17)), window: int | None = None, seed: int = 0) -> AnalogySpace:
    """PPMI (:func:`.maths.ppmi`) of the co-occurrences (:func:`.maths.cooccurrence`, ``window``) in
    :func:`.data.corpus` (``seed``), one SVD, then for every d in ``dims``: the 3CosAdd accuracy on the 264
    gender analogies with and without the query words (:func:`.maths.analogy_accuracy`), the only-b baseline
    (:func:`.maths.only_b_accuracy`), the mean cosine of the male/female pairs (:func:`.maths.pair_cosines`) and
    the picture's extent. Cached."""
    words = data.corpus_vocabulary()
    C = maths.cooccurrence(data.corpus(seed=seed), words, window=window)
    U, s, _ = np.linalg.svd(maths.ppmi(C), full_matrices=False)   # what svd_embeddings computes, for every d
    person = tuple(w for pair in data.PAIRS for w in pair[:2])
    genders = tuple(("male", "female")[i % 2] for i in range(len(person)))
    questions = tuple(data.gender_analogies())
    idx = {w: i for i, w in enumerate(words)}
    rows = np.array([idx[w] for w in person])
    pid = {w: i for i, w in enumerate(person)}
    acc_ex, acc_in, acc_b, twin = {}, {}, {}, {}
    lo, hi = np.zeros(2), np.zeros(2)
    for d in dims:
        E = U[:, :d] * s[:d]
        acc_ex[d] = maths.analogy_accuracy(E, words, questions, exclude_inputs=True)
        acc_in[d] = maths.analogy_accuracy(E, words, questions, exclude_inputs=False)
        acc_b[d] = maths.only_b_accuracy(E, words, questions)
        twin[d] = float(maths.pair_cosines(E, words, data.PAIRS).mean())
        Up = maths.unit_rows(E[rows])
        for qa, qb, qc, _ in questions:
            coords = maths.query_plane(Up, pid[qa], pid[qb], pid[qc])[0]
            lo, hi = np.minimum(lo, coords.min(0)), np.maximum(hi, coords.max(0))
    pad = 0.06 * (hi - lo)
    extent = (float(lo[0] - pad[0]), float(hi[0] + 2 * pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1]))
    for a in (U, s):
        a.setflags(write=False)
    return AnalogySpace(tuple(words.tolist()), person, genders, questions, tuple(dims), U, s, acc_ex, acc_in, acc_b,
                        twin, extent)


@course_widget
def analogy_explorer(a: str = "man", b: str = "king", c: str = "woman", d: int = 16, exclude: bool = True,
                     backend: str | None = None, lang: str | None = None) -> CourseWidget:
    r"""3CosAdd, "a is to b as c is to ?", on word vectors from PPMI + truncated SVD of our corpus
    (:func:`analogy_space`): the words nearest in cosine to :math:`\hat b - \hat a + \hat c`
    (:func:`.maths.analogy`).

    Left: the person words' unit vectors at this d in the plane through :math:`\hat a, \hat b, \hat c`
    (:func:`.maths.query_plane`; blue male, vermilion female): a, b, c and :math:`\hat c + \hat b - \hat a` lie
    in it, so the arrow a -> b and the same arrow drawn from c are shown undistorted; every other word is its
    orthogonal projection (it may look closer than it is: the bars give the true cosines). A ring marks the
    nearest word. Right: the top 5 by cosine (query words in vermilion): with the query words included the answer
    is often b itself (Nissim et al. 2020 -- why the convention excludes them).

    The default d = 16 is a space with a gender direction. Up to d = 8 there is none (each male word and its
    female twin have cosine 0.999 on average; gender first appears in the 9th singular direction): there
    3CosAdd with the query words excluded "solves" the analogies only because b's twin is b's nearest other word,
    and the only-b baseline (Linzen 2016) scores just as high -- the readout shows both.

    Controls: ``a``, ``b``, ``c`` (Dropdowns over the 24 person words), ``d`` (IntSlider 2..16), ``exclude``
    (Checkbox). Readout / ``numbers``: the answer and top 5 with cosines, the expected answer when (a, b, c) is one
    of the 264 gender analogies, and the accuracy on all of them at this d, with and without the query words,
    next to the only-b baseline and the mean cosine of the male/female pairs.
    """
    lang = lang or language()
    sp = analogy_space()
    for w_ in (a, b, c):
        if w_ not in sp.person:
            raise ValueError(f"{w_!r} is not a person word of data.PAIRS: {sp.person}")
    if d not in sp.dims:
        raise ValueError(f"d must be one of {sp.dims}, got {d}")
    expected = {q[:3]: q[3] for q in sp.questions}
    fig, fw, mode = _figure((9.6, 4.2), 90, backend)
    view = plots.AnalogyView(sp.person, sp.genders, sp.extent, fig=fig, lang=lang)
    dd = dict(style={"description_width": "initial"}, layout=W.Layout(width="150px"))
    controls = {
        "a": W.Dropdown(options=list(sp.person), value=a, description=T("w_query_a", lang=lang), **dd),
        "b": W.Dropdown(options=list(sp.person), value=b, description=T("w_query_b", lang=lang), **dd),
        "c": W.Dropdown(options=list(sp.person), value=c, description=T("w_query_c", lang=lang), **dd),
        "d": _slider(W.IntSlider, int(d), min(sp.dims), max(sp.dims), 1, T("w_dim", lang=lang), width="260px"),
        "exclude": W.Checkbox(value=bool(exclude), description=T("w_exclude", lang=lang), indent=False),
    }
    readout = W.HTML()
    w = CourseWidget("analogy_explorer", controls, view, readout, fw, mode)
    f3 = lambda v: f"{v:.3f}"  # noqa: E731

    def update(change):
        ctl = w.controls
        qa, qb, qc, dim, ex = (ctl["a"].value, ctl["b"].value, ctl["c"].value, int(ctl["d"].value),
                               bool(ctl["exclude"].value))
        E = sp.embeddings(dim)
        top, cos = maths.analogy(E, sp.words, qa, qb, qc, k=view.n_top, exclude_inputs=ex)
        coords, origin, comps = sp.person_plane(dim, qa, qb, qc)
        Ua, Ub, Uc = (maths.unit_rows(E[sp.words.index(x)]) for x in (qa, qb, qc))
        target = (Uc + Ub - Ua - origin) @ comps.T
        mode_txt = T("w_mode_excluded" if ex else "w_mode_included", lang=lang)
        exp = expected.get((qa, qb, qc))
        w.numbers = {"a": qa, "b": qb, "c": qc, "d": dim, "exclude": ex, "top": list(top), "cosines": cos,
                     "answer": top[0], "expected": exp, "accuracy_excluded": sp.accuracy_excluded[dim],
                     "accuracy_included": sp.accuracy_included[dim], "accuracy_only_b": sp.accuracy_only_b[dim],
                     "twin_cosine": sp.twin_cosine[dim], "target": target, "coords": coords}
        exp_txt = "" if exp is None else T("w_expected", lang=lang, word=exp,
                                           verdict=_span("verdict", T("w_hit" if top[0] == exp else "w_miss",
                                                                      lang=lang)))
        readout.value = T("w_readout_analogy", lang=lang, a=qa, b=qb, c=qc, answer=_span("answer", top[0]),
                          cos=_span("cos", f3(cos[0])),
                          top=_span("top", ", ".join(f"{t_} {f3(v)}" for t_, v in zip(top, cos))), expected=exp_txt,
                          n=len(sp.questions), d=_span("d", dim),
                          acc_ex=_span("acc-excluded", f"{sp.accuracy_excluded[dim]:.2f}"),
                          acc_in=_span("acc-included", f"{sp.accuracy_included[dim]:.2f}"),
                          acc_b=_span("acc-only-b", f"{sp.accuracy_only_b[dim]:.2f}"),
                          twin=_span("twin", f"{sp.twin_cosine[dim]:.3f}"), mode=mode_txt)
        view.update(coords, (qa, qb, qc), target, list(top), cos, inputs=(qa, qb, qc),
                    title=T("w_plane_title", lang=lang, d=dim), bar_title=T("w_top_title", lang=lang, mode=mode_txt))

    w._connect(update)
    return w
