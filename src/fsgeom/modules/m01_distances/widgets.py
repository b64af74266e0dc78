"""Module 01 widgets: the iso-distance explorer (Euclidean circles vs Mahalanobis ellipses, raw and whitened)
and kNN on the bank clients with a chosen income unit and scaler. One call each; see
:class:`fsgeom.widgets.CourseWidget` for what they return."""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from ... import metrics
from ...i18n import language, tr
from ...plots import display_grid
from ...widgets import CourseWidget, course_widget, slider as _slider, span as _span, widget_figure as _figure
from . import data, maths, plots

__all__ = ["iso_distance_explorer", "age_income_knn"]


# ----------------------------------------------------------------------------------------- iso-distance
_ISO = {
    "s1": {"uk": "s₁ (масштаб x₁)", "en": "s₁ (scale of x₁)"},
    "s2": {"uk": "s₂ (масштаб x₂)", "en": "s₂ (scale of x₂)"},
    "theta": {"uk": "θ, ° (поворот)", "en": "θ, ° (rotation)"},
    "k": {"uk": "k сусідів", "en": "k neighbours"},
    "info": {"uk": "спільних сусідів: {shared} з {k}", "en": "shared neighbours: {shared} of {k}"},
    "readout": {
        "uk": "<b>Евклідова метрика і Махаланобіс мають {shared} спільних із {k} сусідів.</b><br>"
              "Σ = R(θ)·diag(s₁², s₂²)·R(θ)ᵀ = [[{c11}, {c12}], [{c12}, {c22}]], кореляція ρ = {rho}; "
              "радіус k-го сусіда: Евклід {re}, Махаланобіс {rm}.",
        "en": "<b>Euclidean and Mahalanobis share {shared} of {k} neighbours.</b><br>"
              "Σ = R(θ)·diag(s₁², s₂²)·R(θ)ᵀ = [[{c11}, {c12}], [{c12}, {c22}]], correlation ρ = {rho}; "
              "radius of the k-th neighbour: Euclidean {re}, Mahalanobis {rm}."},
}


@course_widget
def iso_distance_explorer(n: int = 150, seed: int = 0, query=(1.0, 0.5), s1: float = 0.6, s2: float = 2.5,
                          theta: float = -30.0, k: int = 8, backend: str | None = None,
                          lang: str | None = None) -> CourseWidget:
    r"""Euclidean circles vs Mahalanobis ellipses around a query, in raw and in whitened space.

    Data: a fixed seeded standard-normal cloud ``Z`` (n x 2) mapped to raw features :math:`X = Z A^\top`
    with :math:`A` the Cholesky factor of
    :math:`\Sigma = A A^\top = R(\theta)\,\mathrm{diag}(s_1^2, s_2^2)\,R(\theta)^\top` (as
    :func:`.data.correlated_cloud`); the query is :math:`A z_q`. The whitened panel uses the whitening
    :math:`W = A^{-1}` (:math:`W \Sigma W^\top = I`), which undoes exactly the map that made the cloud: the
    whitened cloud IS ``Z`` and the whitened query IS :math:`z_q`, for every slider state, so that panel stands
    still while the sliders move. A whitening is unique only up to a rotation (:math:`QW` for any orthogonal
    :math:`Q` whitens too; the symmetric :math:`\Sigma^{-1/2}` would show ``Z`` turned by an angle that depends on
    the sliders); every whitening gives the same Euclidean distances, i.e. the Mahalanobis distance
    :math:`\|W(x - y)\| = d_M(x, y)`, so the Mahalanobis neighbours do not depend on the choice.

    Iso-distance curves: in raw space the Euclidean rings are circles and the Mahalanobis rings the ellipses
    :math:`\{x: (x - q)^\top \Sigma^{-1} (x - q) = r^2\}` (the image of a circle under :math:`A`); in the
    whitened panel the Mahalanobis rings are circles and the raw Euclidean circles become the ellipses
    :math:`\{w: \|A(w - w_q)\| = r\}`, i.e. iso-distance ellipses of the covariance
    :math:`A^{-1} A^{-\top} = W W^\top` (semi-axes :math:`r/s_1, r/s_2`; not :math:`\Sigma^{-1} = A^{-\top} A^{-1}`,
    which has the same semi-axes but another orientation).

    Controls: ``s1``, ``s2`` (FloatSlider, feature scales), ``theta`` (FloatSlider, degrees), ``k``
    (IntSlider). Readout / ``numbers``: shared neighbour count, Σ, correlation, radii of the k-th neighbours.
    """
    lang = lang or language()
    Z = data.correlated_cloud(n, seed=seed)[1]
    zq = np.asarray(query, dtype=float)
    fig, fw, mode = _figure((8.0, 3.6), 90, backend)
    view = plots.IsoDistanceView(fig=fig, lang=lang)
    controls = {
        "s1": _slider(W.FloatSlider, s1, 0.3, 3.0, 0.1, tr(_ISO["s1"], lang), readout_format=".1f"),
        "s2": _slider(W.FloatSlider, s2, 0.3, 3.0, 0.1, tr(_ISO["s2"], lang), readout_format=".1f"),
        "theta": _slider(W.FloatSlider, theta, -90.0, 90.0, 5.0, tr(_ISO["theta"], lang), readout_format=".0f"),
        "k": _slider(W.IntSlider, k, 1, 30, 1, tr(_ISO["k"], lang)),
    }
    readout = W.HTML()
    w = CourseWidget("iso_distance_explorer", controls, view, readout, fw, mode)
    fractions = np.asarray(plots.RING_FRACTIONS)
    unit_circle = maths.ellipse_points([0.0, 0.0], np.eye(2), 1.0)

    def rings(center, unit_curve, r):
        return [center + (f * r) * unit_curve for f in fractions]

    def update(change):
        c = w.controls
        kk = int(c["k"].value)
        cov = maths.covariance_from_scales(c["s1"].value, c["s2"].value, np.radians(c["theta"].value))
        A = np.linalg.cholesky(cov)
        Wm = np.linalg.inv(A)                                  # whitening that undoes A: Xw == Z, qw == zq
        X = Z @ A.T
        q = A @ zq
        Xw = X @ Wm.T
        qw = Wm @ q
        idx_e = metrics.knn_neighbors(X, q, kk)[0]
        idx_m = metrics.knn_neighbors(Xw, qw, kk)[0]          # Euclidean after whitening = Mahalanobis
        r_e = float(np.linalg.norm(X[idx_e[-1]] - q))
        r_m = float(np.linalg.norm(Xw[idx_m[-1]] - qw))
        # iso-distance curves {x : d(x, q) = r}. Mahalanobis in raw space: the ellipse of covariance Sigma. A raw
        # Euclidean circle seen after whitening, w = W x: ||W^{-1}(w - w_q)|| = r, the ellipse of covariance
        # W W^T = A^{-1} A^{-T} (NOT Sigma^{-1} = A^{-T} A^{-1}: same semi-axes, another orientation)
        mahal_raw = maths.ellipse_points([0.0, 0.0], cov, 1.0)
        euclid_white = maths.ellipse_points([0.0, 0.0], Wm @ Wm.T, 1.0)
        raw = plots.NeighbourhoodPanel(X, q, rings(q, unit_circle, r_e), rings(q, mahal_raw, r_m),
                                       X[idx_e], X[idx_m])
        white = plots.NeighbourhoodPanel(Xw, qw, rings(qw, euclid_white, r_e), rings(qw, unit_circle, r_m),
                                         Xw[idx_e], Xw[idx_m])
        shared = len(set(idx_e.tolist()) & set(idx_m.tolist()))
        rho = cov[0, 1] / np.sqrt(cov[0, 0] * cov[1, 1])
        w.numbers = {"shared": shared, "k": kk, "cov": cov, "rho": float(rho), "r_euclid": r_e,
                     "r_mahal": r_m, "euclid_idx": idx_e, "mahal_idx": idx_m}
        f2 = lambda v: f"{v:.2f}"  # noqa: E731
        readout.value = tr(_ISO["readout"], lang, shared=_span("shared", shared), k=_span("k", kk),
                           c11=f2(cov[0, 0]), c12=f2(cov[0, 1]), c22=f2(cov[1, 1]), rho=_span("rho", f2(rho)),
                           re=_span("r-euclid", f2(r_e)), rm=_span("r-mahal", f2(r_m)))
        view.update(raw, white, info=tr(_ISO["info"], lang, shared=shared, k=kk))

    w._connect(update)
    return w


# ----------------------------------------------------------------------------------------- age / income
_AI = {
    "unit": {"uk": "дохід у", "en": "income in"},
    "scaler": {"uk": "масштабування", "en": "scaler"},
    "k": {"uk": "k сусідів", "en": "k neighbours"},
    "age": {"uk": "вік клієнта", "en": "client's age"},
    "income": {"uk": "дохід клієнта, тис. $", "en": "client's income, k$"},
    "risk0": {"uk": "низький ризик", "en": "low risk"},
    "risk1": {"uk": "високий ризик", "en": "high risk"},
    "info": {"uk": "точність на тесті: {acc}", "en": "test accuracy: {acc}"},
    "readout": {
        "uk": "<b>Точність kNN на тесті: {acc}</b> (k = {k}, дохід у {unit}, масштабування: {scaler}; "
              "параметри оцінюємо лише на train: центр ({c0}, {c1}), масштаб ({s0}, {s1})).<br>"
              "Клієнт {age} р., {inc} тис. $: серед {k} сусідів {votes} з високим ризиком → прогноз: {pred}. "
              "Частка доходу в d² до сусідів: {share}.",
        "en": "<b>kNN test accuracy: {acc}</b> (k = {k}, income in {unit}, scaler: {scaler}; "
              "fitted on train only: centre ({c0}, {c1}), scale ({s0}, {s1})).<br>"
              "Client aged {age}, income {inc} k$: {votes} of its {k} neighbours are high-risk → prediction: "
              "{pred}. Income's share of d² to the neighbours: {share}."},
}
#: the scaler toggle: value -> label (the values are fsgeom.metrics.SCALERS' names)
_SCALER_LABELS = {
    "none": {"uk": "немає", "en": "none"},
    "minmax": {"uk": "min-max", "en": "min-max"},
    "zscore": {"uk": "стандартизація", "en": "z-score"},
    "robust": {"uk": "робастне", "en": "robust"},
}
_K_MAX = 31                                              # the k slider's maximum


def _g(v) -> str:
    return f"{v:.4g}"


@course_widget
def age_income_knn(k: int = 5, unit: str = "$", scaler: str = "none", query=(25, 45.0), grid: int = 80,
                   split_seed: int = 0, backend: str | None = None, lang: str | None = None) -> CourseWidget:
    """kNN on the bank clients (:func:`.data.age_income_split`) with a chosen income unit and scaler.

    The scaler (:func:`fsgeom.metrics.fit_scaler`) is fitted on the TRAINING rows, in the chosen unit, and
    applied to train, test, the display grid and the query. The plot stays in fixed display axes (age in
    years, income in k$); only the classifier's distance space changes. Decision regions: Euclidean kNN on
    a ``grid`` x ``grid`` image (:func:`fsgeom.metrics.knn_grid_predict`).

    Speed: there are only six classifier spaces (three income units without a scaler; each scaler makes the
    unit irrelevant, so one space per scaler, fitted in dollars). At build time each space's decision regions
    and test predictions are computed for every k up to the slider's maximum from one sort of the distances
    (:func:`.maths.knn_grid_predict_every_k`, :func:`.maths.knn_predict_every_k`: exactly what
    ``knn_grid_predict`` / ``knn_predict`` give for each k). A unit, scaler or k change is then a look-up,
    and moving the query computes only the query's own neighbours.

    Controls: ``unit`` (Dropdown: $, k$, M$), ``scaler`` (ToggleButtons: none, minmax, zscore, robust),
    ``k`` (IntSlider), ``query_age`` (IntSlider, years), ``query_income`` (FloatSlider, k$).
    Readout / ``numbers``: test accuracy, scaler parameters, the query's neighbour votes and prediction,
    each feature's share of the squared distance to the neighbours.
    """
    lang = lang or language()
    Xtr, Xte, ytr, yte = data.age_income_split(seed=split_seed)
    ytr = np.asarray(ytr).astype(int)
    yte = np.asarray(yte).astype(int)
    labels, codes = np.unique(ytr, return_inverse=True)
    extent = (18.0, 90.0, 1.0, 100.0)
    shape = (grid, grid)
    xs, ys = display_grid(extent, shape)            # display units: years, k$
    Dtr = Xtr * np.array([1.0, 1e-3])
    fig, fw, mode = _figure((8.0, 3.6), 90, backend)
    view = plots.AgeIncomeView(Dtr, ytr, extent=extent, grid_shape=shape, fig=fig, lang=lang)
    controls = {
        "unit": W.Dropdown(options=list(data.INCOME_UNITS), value=unit, description=tr(_AI["unit"], lang),
                           style={"description_width": "initial"}, layout=W.Layout(width="130px")),
        "scaler": W.ToggleButtons(options=[(tr(label, lang), v) for v, label in _SCALER_LABELS.items()],
                                  value=scaler, description=tr(_AI["scaler"], lang),
                                  style={"description_width": "initial",    # "стандартизація" must fit (13 px font)
                                         "button_width": "132px" if lang == "uk" else "76px"}),
        "k": _slider(W.IntSlider, k, 1, _K_MAX, 1, tr(_AI["k"], lang)),
        "query_age": _slider(W.IntSlider, int(query[0]), 18, 90, 1, tr(_AI["age"], lang)),
        "query_income": _slider(W.FloatSlider, float(query[1]), 1.0, 100.0, 1.0, tr(_AI["income"], lang),
                                readout_format=".0f"),
    }
    readout = W.HTML()
    w = CourseWidget("age_income_knn", controls, view, readout, fw, mode)
    t = np.linspace(0.0, 2.0 * np.pi, 361)
    circle = np.column_stack([np.cos(t), np.sin(t)])

    fitted: dict = {}                    # (unit, scaler) -> (center, scale, scaled training rows)

    def fit(u, sc):
        if (u, sc) not in fitted:
            T = data.income_in_units(Xtr, u)
            center, scale = metrics.fit_scaler(sc, T)
            fitted[u, sc] = (center, scale, metrics.apply_scaler(T, center, scale))
        return fitted[u, sc]

    def space_of(u, sc):
        return (u, sc) if sc == "none" else ("$", sc)   # a scaler makes the income unit irrelevant

    tables: dict = {}                    # classifier space -> (regions for k = 1.._K_MAX, accuracies)

    def classify(u, sc):
        center, scale, Ttr = fit(u, sc)
        Tte = metrics.apply_scaler(data.income_in_units(Xte, u), center, scale)
        xs_u = (xs - center[0]) / scale[0]
        ys_u = (ys * 1e3 * data.INCOME_UNITS[u] - center[1]) / scale[1]
        regions = maths.knn_grid_predict_every_k(Ttr, ytr, xs_u, ys_u, _K_MAX, dtype=np.float32)
        acc = [metrics.accuracy(yte, pred) for pred in maths.knn_predict_every_k(Ttr, ytr, Tte, _K_MAX)]
        regions.setflags(write=False)
        return regions, acc

    for u in data.INCOME_UNITS:          # every space, once: later a unit, scaler or k change is a look-up
        for sc in metrics.SCALERS:
            if space_of(u, sc) not in tables:
                tables[space_of(u, sc)] = classify(*space_of(u, sc))
    shown: dict = {"key": None}

    def update(change):
        c = w.controls
        u, sc, kk = c["unit"].value, c["scaler"].value, int(c["k"].value)
        factor = data.INCOME_UNITS[u]
        center, scale, Ttr = fit(u, sc)
        regions_by_k, acc_by_k = tables[space_of(u, sc)]
        acc = acc_by_k[kk - 1]
        key = (space_of(u, sc), kk)
        regions = None
        if shown["key"] != key:            # the classifier changed: new regions
            regions = regions_by_k[kk - 1]
            shown["key"] = key
        q_disp = np.array([float(c["query_age"].value), float(c["query_income"].value)])
        uq = metrics.apply_scaler([q_disp[0], q_disp[1] * 1e3 * factor], center, scale)
        idx = metrics.knn_neighbors(Ttr, uq, kk)[0]
        r = float(np.linalg.norm(Ttr[idx[-1]] - uq[0]))
        per_unit = scale / np.array([1.0, 1e3 * factor])   # display units per classifier unit, per axis
        ball = q_disp + r * circle * per_unit
        shares = maths.squared_distance_shares(uq, Ttr[idx])
        votes = int(ytr[idx].sum())
        pred = int(labels[np.bincount(codes[idx], minlength=labels.size).argmax()])   # as knn_predict
        w.numbers = {"accuracy": acc, "k": kk, "unit": u, "scaler": sc, "center": center, "scale": scale,
                     "neighbour_idx": idx, "votes_high": votes, "prediction": pred, "shares": shares,
                     "query": q_disp}
        share_txt = f"{100 * shares[1]:.2f}%"
        readout.value = tr(_AI["readout"], lang, acc=_span("acc", f"{acc:.3f}"), k=_span("k", kk), unit=u,
                           scaler=tr(_SCALER_LABELS[sc], lang), c0=_g(center[0]), c1=_g(center[1]),
                           s0=_g(scale[0]), s1=_g(scale[1]), age=int(q_disp[0]), inc=f"{q_disp[1]:.0f}",
                           votes=_span("votes", votes), pred=_span("pred", tr(_AI[f"risk{pred}"], lang)),
                           share=_span("share-income", share_txt))
        view.update(regions=regions, query=q_disp, neighbours=Dtr[idx], ball=ball, shares=shares,
                    info=tr(_AI["info"], lang, acc=f"{acc:.3f}"))

    w._connect(update)
    return w
