"""Module 02 widgets, headless: what each readout says and each view draws, recomputed independently (fsgeom.metrics,
fsgeom.data and this module's maths/data called directly), every control moved through its values, artists updated
in place, both languages. The common widget contract is checked for every module by tests/test_conventions.py."""
from __future__ import annotations

import re

import numpy as np
import pytest

from fsgeom import data as shared_data, metrics
from fsgeom.modules.m02_encoding import data, maths, widgets
from tests.conventions import close_widget as _close


def _span(readout: str, cls: str) -> str:
    m = re.search(rf'<span class="fsgeom-{cls}">([^<]*)</span>', readout)
    assert m, f"no fsgeom-{cls} span in {readout!r}"
    return m.group(1)


# ------------------------------------------------------------------------------------- the encoding study
@pytest.fixture(scope="module")
def direct():
    """The experiment computed the slow, obvious way: split, z-scoring on train, full feature matrices."""
    weather, X, y = data.weather_wet()
    levels = maths.fit_vocabulary(weather)
    codes = maths.integer_encode(weather, levels)
    rows = np.arange(y.size)
    tr, te, ytr, yte = shared_data.train_test_split(rows, y, seed=0)
    mean, std = metrics.zscore_fit(X[tr])
    Z = (X - mean) / std
    return dict(levels=levels, codes=codes, y=y, tr=tr, te=te, ytr=ytr, yte=yte, Z=Z)


def _knn_acc(F, d, k=15):
    return metrics.accuracy(d["yte"], metrics.knn_predict(F[d["tr"]], d["ytr"], F[d["te"]], k))


def _wet_share(F, d, k=15):
    """The model's decision per category: the share of each category's test days predicted wet (a loop)."""
    pred = metrics.knn_predict(F[d["tr"]], d["ytr"], F[d["te"]], k)
    cats = d["codes"][d["te"]]
    return np.array([pred[cats == c].mean() for c in range(len(d["levels"]))])


def test_every_precomputed_order_accuracy_equals_direct_knn(direct):
    """All 120 code orders: the shortcut (numeric distances once, an order and its reverse share a run) gives
    exactly the accuracy of metrics.knn_predict on [z-scored numeric features, recoded integer code]."""
    study = widgets.encoding_study()
    assert len(study.orders) == 120 and study.order_accuracies.shape == (120,)
    for i, order in enumerate(study.orders):
        F = np.column_stack([direct["Z"], maths.recode(direct["codes"], order)])
        assert study.order_accuracies[i] == _knn_acc(F, direct), (i, order)
        if i % 17 == 0:                                           # the decision per category, for some orders
            np.testing.assert_allclose(study.order_wet_shares[i], _wet_share(F, direct), rtol=0, atol=1e-15)
    assert len(set(study.order_accuracies.tolist())) > 5          # the order matters


def test_study_baselines_and_embedding_equal_direct_computation(direct):
    study = widgets.encoding_study()
    np.testing.assert_array_equal(study.train_idx, direct["tr"])
    np.testing.assert_array_equal(study.test_idx, direct["te"])
    assert study.levels == data.WEATHER_LEVELS
    onehot = np.column_stack([direct["Z"], maths.one_hot(direct["levels"][direct["codes"]], direct["levels"])])
    assert study.onehot_accuracy == _knn_acc(onehot, direct)
    np.testing.assert_allclose(study.onehot_wet_share, _wet_share(onehot, direct), rtol=0, atol=1e-15)
    cats = direct["codes"][direct["te"]]
    np.testing.assert_allclose(study.actual_wet_share, [direct["yte"][cats == c].mean() for c in range(5)])
    assert study.numeric_accuracy == _knn_acc(direct["Z"], direct)
    assert study.majority_accuracy == np.mean(direct["yte"] == 0)            # most training days are dry
    assert np.mean(direct["ytr"]) < 0.5
    # the embedding is learned on the training rows only, from (wet, log1p precipitation), standardized
    prec = shared_data.load_seattle_weather()["precipitation"]
    Y = np.column_stack([direct["y"], np.log1p(prec)])[direct["tr"]].astype(float)
    Y = (Y - Y.mean(0)) / Y.std(0)
    Phi = maths.train_category_embedding(direct["codes"][direct["tr"]], Y, 5, d=2, seed=0)[0]
    np.testing.assert_array_equal(study.embedding, Phi)
    emb = np.column_stack([direct["Z"], Phi[direct["codes"]]])
    assert study.embedding_accuracy == _knn_acc(emb, direct)
    np.testing.assert_allclose(study.embedding_wet_share, _wet_share(emb, direct), rtol=0, atol=1e-15)
    # the story the widget tells: integer orders spread, every encoding beats numeric-only and the majority
    assert study.order_accuracies.max() - study.order_accuracies.min() > 0.02
    assert study.order_accuracies.min() > study.numeric_accuracy > study.majority_accuracy


def test_study_is_cached_and_read_only():
    s = widgets.encoding_study()
    assert widgets.encoding_study() is s
    with pytest.raises(ValueError):
        s.order_accuracies[0] = 1.0


# ------------------------------------------------------------------------------------- encoding explorer
def _check_encoding_state(w, study):
    enc, i = w.controls["encoding"].value, w.controls["order"].value
    order = study.orders[i - 1]
    m = len(study.levels)
    # distances: the Euclidean distances of the representation, shown in the heatmap with two decimals
    if enc == "integer":
        D = np.abs(order[:, None] - order[None, :]).astype(float)
    elif enc == "onehot":
        D = np.sqrt(2.0) * (1 - np.eye(m))
    else:
        E = study.embedding
        D = np.sqrt(((E[:, None, :] - E[None, :, :]) ** 2).sum(-1))
    np.testing.assert_allclose(w.numbers["distances"], D, atol=1e-12)
    np.testing.assert_allclose(np.asarray(w.view.image.get_array()), D, atol=1e-12)
    assert [[t.get_text() for t in row] for row in w.view.cell_texts] == [
        [f"{v:.2f}" if j > i else "" for j, v in enumerate(row)] for i, row in enumerate(D)]   # above the diagonal
    # the picture in the plane
    P = np.asarray(w.view.points.get_offsets())
    if enc == "integer":
        np.testing.assert_array_equal(P, np.column_stack([order, np.zeros(m)]))
    else:
        planar = np.sqrt(((P[:, None] - P[None]) ** 2).sum(-1))
        if enc == "embedding":                          # a rotation of the embedding: the same distances
            np.testing.assert_allclose(planar, D, atol=1e-9)
        else:                                           # a regular pentagon: two distances only, both < sqrt 2
            vals = np.unique(np.round(planar[np.triu_indices(m, 1)], 9))
            assert vals.size == 2 and vals.max() < np.sqrt(2)
    assert (len(w.view.edges.get_xydata()) > 0) == (enc == "onehot")
    # accuracies: the chosen encoding, the order's, its rank, the star on its bar
    acc = {"integer": study.order_accuracies[i - 1], "onehot": study.onehot_accuracy,
           "embedding": study.embedding_accuracy}[enc]
    assert w.numbers["accuracy"] == acc and _span(w.readout.value, "acc") == f"{acc:.3f}"
    oacc = study.order_accuracies[i - 1]
    assert _span(w.readout.value, "order-acc") == f"{oacc:.3f}"
    assert int(_span(w.readout.value, "worse")) == int((study.order_accuracies < oacc).sum())
    assert int(_span(w.readout.value, "better")) == int((study.order_accuracies > oacc).sum())
    count = int((study.order_accuracies == oacc).sum())
    np.testing.assert_allclose(w.view.order_star.get_xydata(), [[oacc, count + 0.9]])
    assert list(w.view.current_line.get_xdata()) == [acc, acc]
    assert w.view.info.get_text().endswith(f"{oacc:.3f}")
    # the model's decision per category: predicted wet share (actual share in brackets)
    share = {"integer": study.order_wet_shares[i - 1], "onehot": study.onehot_wet_share,
             "embedding": study.embedding_wet_share}[enc]
    np.testing.assert_array_equal(w.numbers["wet_share"], share)
    assert _span(w.readout.value, "decision").split(", ")[-1].endswith(
        f"{share[-1]:.2f} ({study.actual_wet_share[-1]:.2f})")


def test_encoding_explorer_every_order_and_encoding():
    study = widgets.encoding_study()
    w = widgets.encoding_explorer(lang="en")
    try:
        artists = {id(a) for a in w.view.fig.findobj()}
        for enc in ("integer", "onehot", "embedding"):
            w.controls["encoding"].value = enc
            for i in range(1, 121):
                w.controls["order"].value = i
                if enc == "integer" or i in (1, 60, 120):
                    _check_encoding_state(w, study)
                else:                                   # the order still moves the star and the readout
                    assert w.numbers["order_accuracy"] == study.order_accuracies[i - 1]
        assert {id(a) for a in w.view.fig.findobj()} == artists        # nothing created or removed
        assert w.view.full_draws == 1                                  # every update was a blit
    finally:
        _close(w)


def test_encoding_explorer_order_text_and_default():
    w = widgets.encoding_explorer(lang="en")
    try:
        assert _span(w.readout.value, "order") == "drizzle=0, fog=1, rain=2, snow=3, sun=4"
        w.controls["order"].value = 120                               # the reverse alphabetical order
        assert _span(w.readout.value, "order") == "sun=0, snow=1, rain=2, fog=3, drizzle=4"
        # an order and its reverse have the same distances, hence the same accuracy
        assert w.numbers["order_accuracy"] == widgets.encoding_study().order_accuracies[0]
    finally:
        _close(w)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_encoding_explorer_speaks_the_language(lang):
    w = widgets.encoding_explorer(lang=lang)
    try:
        ticks = [t.get_text() for t in w.view.ax_dist.get_yticklabels()]
        toggle = w.controls["encoding"]
        if lang == "uk":
            assert ticks == ["мряка", "туман", "дощ", "сніг", "сонце"]
            assert "Точність k-NN" in w.readout.value and "мряка=0" in w.readout.value
            assert tuple(toggle._options_labels) == ("цілі коди", "one-hot", "навчене вбудовування")
            assert not {"accuracy", "order", "drizzle", "learned"} & set(re.findall(r"[a-z]+", w.plain_text()))
        else:
            assert ticks == list(data.WEATHER_LEVELS)
            assert "test accuracy" in w.readout.value
        assert tuple(toggle._options_values) == widgets.ENCODINGS
    finally:
        _close(w)


def test_encoding_explorer_rejects_unknown_encoding():
    with pytest.raises(ValueError, match="encoding"):
        widgets.encoding_explorer(encoding="binary")


# ------------------------------------------------------------------------------------- analogy explorer
@pytest.fixture(scope="module")
def vectors():
    words = data.corpus_vocabulary()
    P = maths.ppmi(maths.cooccurrence(data.corpus(), words))
    return words, {d: maths.svd_embeddings(P, d) for d in range(2, 17)}


def test_analogy_space_equals_direct_pipeline(vectors):
    words, E = vectors
    sp = widgets.analogy_space()
    assert sp.words == tuple(words.tolist()) and sp.dims == tuple(range(2, 17))
    qs = data.gender_analogies()
    for d in sp.dims:
        np.testing.assert_array_equal(sp.embeddings(d), E[d])
    for d in (3, 8, 12, 16):
        for ex, table in ((True, sp.accuracy_excluded), (False, sp.accuracy_included)):
            loop = np.mean([maths.analogy(E[d], words, a, b, c, exclude_inputs=ex)[0][0] == ans
                            for a, b, c, ans in qs])
            assert table[d] == loop, (d, ex)
        # the only-b baseline (Linzen 2016), one question at a time: b's nearest word other than a, b, c
        U = maths.unit_rows(E[d])
        hits = [words[[i for i in np.argsort(-(U @ U[list(words).index(b)]), kind="stable")
                       if words[i] not in (a, b, c)][0]] == ans for a, b, c, ans in qs]
        assert sp.accuracy_only_b[d] == np.mean(hits), d
        twin = np.mean([U[list(words).index(m)] @ U[list(words).index(f)] for m, f, _ in data.PAIRS])
        assert sp.twin_cosine[d] == pytest.approx(twin, abs=1e-12), d
    # the brief's measurement at d = 8 (Nissim et al. 2020: without excluding the inputs, b often wins) -- and
    # why it is vacuous there: no gender direction (pair cosine 0.999), the only-b baseline scores 1.00 too
    assert sp.accuracy_excluded[8] == 1.0
    assert sp.accuracy_included[8] == pytest.approx(0.56, abs=0.005)
    assert sp.accuracy_only_b[8] == 1.0 and sp.twin_cosine[8] > 0.998
    # the default d = 16: gender is represented, the baseline is far below 3CosAdd
    assert sp.accuracy_excluded[16] == 1.0 and sp.accuracy_only_b[16] == pytest.approx(0.38, abs=0.005)
    assert sp.twin_cosine[16] == pytest.approx(0.834, abs=0.0005)


def _check_analogy_state(w, sp, E, words):
    a, b, c = (w.controls[x].value for x in "abc")
    d, ex = w.controls["d"].value, w.controls["exclude"].value
    top, cos = maths.analogy(E[d], words, a, b, c, k=5, exclude_inputs=ex)
    assert w.numbers["top"] == list(top)
    np.testing.assert_array_equal(w.numbers["cosines"], cos)
    assert _span(w.readout.value, "answer") == top[0]
    assert _span(w.readout.value, "cos") == f"{cos[0]:.3f}"
    assert [t.get_text() for t in w.view.bar_texts] == [f"{t}  {v:.3f}" for t, v in zip(top, cos)]
    assert [bar.get_width() for bar in w.view.bars] == pytest.approx(list(cos))
    assert _span(w.readout.value, "acc-excluded") == f"{sp.accuracy_excluded[d]:.2f}"
    assert _span(w.readout.value, "acc-included") == f"{sp.accuracy_included[d]:.2f}"
    assert _span(w.readout.value, "acc-only-b") == f"{sp.accuracy_only_b[d]:.2f}"
    assert _span(w.readout.value, "twin") == f"{sp.twin_cosine[d]:.3f}"
    # the picture: the plane through the unit vectors of a, b, c; the dashed arrow is b - a drawn from c
    pid = {x: i for i, x in enumerate(sp.person)}
    U = maths.unit_rows(E[d][[list(words).index(x) for x in sp.person]])
    coords = w.numbers["coords"]
    np.testing.assert_allclose(coords[pid[a]], [0.0, 0.0], atol=1e-12)
    for x, y in ((a, b), (a, c), (b, c)):       # distances among a, b, c are kept exactly
        assert np.linalg.norm(coords[pid[x]] - coords[pid[y]]) == pytest.approx(np.linalg.norm(U[pid[x]] - U[pid[y]]),
                                                                                abs=1e-9)
    target = coords[pid[c]] + coords[pid[b]] - coords[pid[a]]
    np.testing.assert_allclose(w.numbers["target"], target, atol=1e-9)
    np.testing.assert_allclose(w.view.arrow_c.xy, target, atol=1e-9)
    np.testing.assert_allclose(w.view.arrow_c.xyann, coords[pid[c]], atol=1e-12)
    np.testing.assert_allclose(w.view.arrow_ab.xy, coords[pid[b]], atol=1e-12)
    np.testing.assert_allclose(w.view.arrow_ab.xyann, coords[pid[a]], atol=1e-12)
    gend = np.array(sp.genders)
    np.testing.assert_allclose(w.view.points["female"].get_xydata(), coords[gend == "female"])
    names = [t.get_text().strip() for t in w.view.texts if t.get_text()]
    assert names[:len({a, b, c})] == list(dict.fromkeys([a, b, c]))
    expected = dict(((q[:3]), q[3]) for q in data.gender_analogies()).get((a, b, c))
    assert w.numbers["expected"] == expected
    if expected is not None:
        assert _span(w.readout.value, "verdict") in (("found", "missed") if "found" in w.readout.value
                                                     or "missed" in w.readout.value else ("знайдено", "не знайдено"))


def test_analogy_explorer_every_control_value(vectors):
    words, E = vectors
    sp = widgets.analogy_space()
    w = widgets.analogy_explorer(lang="en")
    try:
        artists = {id(x) for x in w.view.fig.findobj()}
        _check_analogy_state(w, sp, E, words)
        for name in ("a", "b", "c"):
            start = w.controls[name].value
            for value in w.controls[name].options:
                w.controls[name].value = value
                _check_analogy_state(w, sp, E, words)
            w.controls[name].value = start
        for d in sp.dims:
            w.controls["d"].value = d
            for ex in (False, True):
                w.controls["exclude"].value = ex
                _check_analogy_state(w, sp, E, words)
        assert {id(x) for x in w.view.fig.findobj()} == artists
        assert w.view.full_draws == 1
    finally:
        _close(w)


def test_analogy_explorer_default_story():
    """The default d = 16 has a gender direction: man : king = woman : queen with the query words excluded and
    included (king only third). At d = 8 (no gender direction) queen still wins when excluded, but the only-b
    baseline is 1.00 too, and included the answer is king itself (b)."""
    w = widgets.analogy_explorer(lang="en")
    try:
        assert w.controls["d"].value == 16 and w.numbers["d"] == 16
        assert w.numbers["answer"] == "queen" and w.numbers["expected"] == "queen"
        assert _span(w.readout.value, "verdict") == "found"
        assert _span(w.readout.value, "acc-excluded") == "1.00" and _span(w.readout.value, "acc-only-b") == "0.38"
        w.controls["exclude"].value = False
        assert w.numbers["answer"] == "queen" and w.numbers["top"][2] == "king"
        w.controls["d"].value = 8
        assert w.numbers["answer"] == "king"
        assert _span(w.readout.value, "verdict") == "missed"
        assert w.view.bars[0].get_facecolor()[:3] == pytest.approx((0.835, 0.369, 0.0), abs=0.01)  # a query word
        assert _span(w.readout.value, "acc-only-b") == "1.00" and _span(w.readout.value, "twin") == "0.999"
        w.controls["exclude"].value = True            # excluded, queen wins at d = 8 only because king is gone
        assert w.numbers["answer"] == "queen"
    finally:
        _close(w)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_analogy_explorer_speaks_the_language(lang):
    w = widgets.analogy_explorer(lang=lang)
    try:
        if lang == "uk":
            assert "3CosAdd на 264 гендерних аналогіях" in w.readout.value and "знайдено" in w.readout.value
            assert w.controls["exclude"].description == "без слів запиту"
            assert "слова запиту виключено" in w.view.bar_title.get_text()
            assert w.view.ax.get_xlabel() == "уздовж b − a"
        else:
            assert "3CosAdd on the 264 gender analogies" in w.readout.value
            assert "query words excluded" in w.view.bar_title.get_text()
    finally:
        _close(w)


def test_analogy_explorer_rejects_bad_input():
    with pytest.raises(ValueError, match="person word"):
        widgets.analogy_explorer(a="crown")
    with pytest.raises(ValueError, match="d must be"):
        widgets.analogy_explorer(d=40)


# ------------------------------------------------------------------------------------- maths helpers
@pytest.mark.parametrize("seed", range(5))
def test_knn_predict_from_distances_equals_knn_predict_with_ties(seed):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 3, size=(int(rng.integers(10, 40)), 2)).astype(float)   # many equal distances
    y = rng.integers(0, 2 + seed % 2, size=len(X))
    Q = rng.integers(0, 3, size=(15, 2)).astype(float)
    D = metrics.pairwise_euclidean(Q, X)
    for k in range(1, len(X) + 1):
        np.testing.assert_array_equal(maths.knn_predict_from_distances(D, y, k), metrics.knn_predict(X, y, Q, k))
    with pytest.raises(ValueError, match="k must be"):
        maths.knn_predict_from_distances(D, y, 0)


def test_simplex_plane_and_query_plane():
    P = maths.simplex_plane(5)
    np.testing.assert_allclose(np.linalg.norm(P, axis=1), np.sqrt(2 / 5))      # a regular pentagon
    with pytest.raises(ValueError):
        maths.simplex_plane(2)
    rng = np.random.default_rng(0)
    E = rng.normal(size=(10, 6))
    coords, origin, comps = maths.query_plane(E, 2, 5, 7)
    np.testing.assert_allclose(comps @ comps.T, np.eye(2), atol=1e-12)
    for i, j in ((2, 5), (2, 7), (5, 7)):
        assert np.linalg.norm(coords[i] - coords[j]) == pytest.approx(np.linalg.norm(E[i] - E[j]))
    assert coords[5, 1] == pytest.approx(0.0, abs=1e-12) and coords[7, 1] > 0
    # degenerate: a == c falls back to a principal direction, still orthonormal
    coords, _, comps = maths.query_plane(E, 2, 5, 2)
    np.testing.assert_allclose(comps @ comps.T, np.eye(2), atol=1e-12)
