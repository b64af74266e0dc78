"""Module 05: every label the lecture prints, in both languages (``T(key, **fmt)``).

The code cells are identical in the Ukrainian and English notebooks; what they print comes from here, in the
notebook's language (:func:`fsgeom.i18n.language`). Widget and figure labels live in :mod:`.plots` (``LABELS``).
"""
from __future__ import annotations

from ...i18n import Texts

__all__ = ["T", "TEXTS"]

TEXTS = {
    # ==== lecture (printed by the notebook's code cells)
    # ---------------------------------------------------------------- 1. skewed features
    "bc_shape": {"uk": "breast_cancer: пухлин {n}, ознак {d}; ознак лише з додатними значеннями {pos}, з нулями {zero}",
                 "en": "breast_cancer: {n} tumours and {d} features; strictly positive features: {pos}, features with zeros: {zero}"},
    "skew_header": {"uk": "ознака                       коеф. асиметрії   min        max",
                    "en": "feature                      skewness          min        max"},
    "skew_row": {"uk": "{name:28} {skew:6.2f}            {lo:<10.4g} {hi:.4g}", "en": "{name:28} {skew:6.2f}            {lo:<10.4g} {hi:.4g}"},
    "precip": {"uk": "опади в Сіетлі, днів {n}: коефіцієнт асиметрії {skew:.2f}, частка днів без опадів {zeros:.3f}, максимум {hi:.1f} мм",
               "en": "Seattle precipitation: {n} days, skewness {skew:.2f}, share of dry days {zeros:.3f}, the largest value {hi:.1f} mm"},
    # ---------------------------------------------------------------- 2. log
    "log_header": {"uk": "ознака                       асиметрія до   після log x", "en": "feature                      skew before    after log x"},
    "log_row": {"uk": "{name:28} {before:6.2f}         {after:6.2f}", "en": "{name:28} {before:6.2f}         {after:6.2f}"},
    "log_zero": {"uk": "log(x + 0) не визначений у {bad} днях із {n}", "en": "log(x + 0) is undefined on {bad} days of {n}"},
    "c_header": {"uk": "     c   асиметрія   r Q–Q   пік нулів у log c", "en": "     c   skewness    Q–Q r   spike of zeros at log c"},
    "c_row": {"uk": "{c:>6}   {skew:6.2f}      {r:.3f}   {spike:6.2f} ({share:.3f} значень)", "en": "{c:>6}   {skew:6.2f}      {r:.3f}   {spike:6.2f} ({share:.3f} of the values)"},
    "c_positive": {"uk": "лише дощові дні ({n}): асиметрія {before:.2f}, після log x {after:.2f}",
                   "en": "rainy days only ({n}): the skewness is {before:.2f}, after log x {after:.2f}"},
    # ---------------------------------------------------------------- 3. Box–Cox
    "bc_mle": {"uk": "area error: λ̂ = {lam:.4f}, 95 % довірчий інтервал ({lo:.4f}, {hi:.4f})",
               "en": "area error: λ̂ = {lam:.4f}, 95 % confidence interval ({lo:.4f}, {hi:.4f})"},
    "bc_llf": {"uk": "ℓ(λ̂) = {l_hat:.2f};  ℓ(0) = {l0:.2f} (нижче на {d0:.2f});  ℓ(1) = {l1:.2f} (нижче на {d1:.2f});  поріг χ²₁(0.95)/2 = {cut:.4f}",
               "en": "ℓ(λ̂) = {l_hat:.2f};  ℓ(0) = {l0:.2f} ({d0:.2f} lower);  ℓ(1) = {l1:.2f} ({d1:.2f} lower);  threshold χ²₁(0.95)/2 = {cut:.4f}"},
    "bc_skew": {"uk": "коефіцієнт асиметрії: сирі {raw:.2f}, log x {log:.2f}, Box–Cox з λ̂ {bc:.2f}",
                "en": "skewness: raw {raw:.2f}, log x {log:.2f}, Box–Cox with λ̂ {bc:.2f}"},
    "bc_nojac": {"uk": "без якобіана: максимум −n/2·log σ̂² на сітці [−5, 5] при λ = {lam:.1f}, σ̂² = {var:.1e}",
                 "en": "without the Jacobian: the maximum of −n/2·log σ̂² on the grid [−5, 5] is at λ = {lam:.1f}, σ̂² = {var:.1e}"},
    "bc_scipy": {"uk": "scipy.stats.boxcox(x, alpha=0.05): λ̂ = {lam:.4f}, інтервал ({lo:.4f}, {hi:.4f}); max |різниця з нашими| = {diff:.1e}",
                 "en": "scipy.stats.boxcox(x, alpha=0.05): λ̂ = {lam:.4f}, the interval ({lo:.4f}, {hi:.4f}); max |difference from ours| = {diff:.1e}"},
    "bc_sklearn": {"uk": "PowerTransformer(method=\"box-cox\").lambdas_ = {lam:.4f}", "en": "PowerTransformer(method=\"box-cox\").lambdas_ = {lam:.4f}"},
    "bc_normmax": {"uk": "boxcox_normmax(x) (типово method='pearsonr'): λ = {pr:.4f}, ℓ нижче за максимум на {drop:.2f}; boxcox_normmax(x, method='mle'): λ = {mle:.4f}",
                   "en": "boxcox_normmax(x) (default method='pearsonr'): λ = {pr:.4f}, ℓ {drop:.2f} below the maximum; boxcox_normmax(x, method='mle'): λ = {mle:.4f}"},
    "bc_naive": {"uk": "λ = {lam:g}: відносна похибка (x^λ − 1)/λ = {naive:.1e}, expm1(λ·log x)/λ = {exact:.1e}",
                 "en": "λ = {lam:g}: relative error of (x^λ − 1)/λ = {naive:.1e}, of expm1(λ·log x)/λ = {exact:.1e}"},
    # ---------------------------------------------------------------- 4. Yeo–Johnson
    "yj_cont": {"uk": "λ₀ = {l0:g}: max |ψ(x, λ₀ ± {eps:g}) − ψ(x, λ₀)| = {minus:.1e} / {plus:.1e}",
                "en": "λ₀ = {l0:g}: max |ψ(x, λ₀ ± {eps:g}) − ψ(x, λ₀)| = {minus:.1e} / {plus:.1e}"},
    "yj_sample": {"uk": "{name:10} min {lo:6.2f}, частка від'ємних значень {neg:.3f}: асиметрія {before:5.2f} → {after:5.2f}, r Q–Q {r0:.3f} → {r1:.3f}, λ̂ = {lam:.4f}",
                  "en": "{name:10} min {lo:6.2f}, share of negative values {neg:.3f}: the skewness {before:5.2f} → {after:5.2f}, Q–Q r {r0:.3f} → {r1:.3f}, λ̂ = {lam:.4f}"},
    "units_header": {"uk": "множник   λ̂ Yeo–Johnson   λ̂ Box–Cox   асиметрія після Yeo–Johnson",
                     "en": "factor    λ̂ Yeo–Johnson   λ̂ Box–Cox   skewness after Yeo–Johnson"},
    "units_row": {"uk": "{k:>8}   {yj:13.2f}   {bc:9.4f}   {skew:.2f}", "en": "{k:>8}   {yj:13.2f}   {bc:9.4f}   {skew:.2f}"},
    "units_pt": {"uk": "PowerTransformer(method=\"yeo-johnson\").lambdas_: ×1 → {a:.2f}, ×10⁴ → {b:.2f}",
                 "en": "PowerTransformer(method=\"yeo-johnson\").lambdas_: ×1 → {a:.2f}, ×10⁴ → {b:.2f}"},
    "units_std": {"uk": "спершу стандартизація, потім Yeo–Johnson: λ̂ = {lams} (×1, ×10, ×1000, ×10⁴), асиметрія після {skew:.2f}",
                  "en": "z-scoring first, then Yeo–Johnson: λ̂ = {lams} (×1, ×10, ×1000, ×10⁴), skewness after {skew:.2f}"},
    # ---------------------------------------------------------------- 5. change of density
    "dens_exact": {"uk": "lognormal → log: max |f_Y − щільність N(0, 0.6²)| на [−4, 4] = {err:.1e}",
                   "en": "lognormal → log: max |f_Y − density of N(0, 0.6²)| on [−4, 4] = {err:.1e}"},
    "dens_int": {"uk": "g = {g:8}: |∫ f_Y dy − 1| = {err:.1e}", "en": "g = {g:8}: |∫ f_Y dy − 1| = {err:.1e}"},
    "dens_l1": {"uk": "вибірка {n} точок: L1 між гістограмою g(X) і f_Y — log {log:.3f}, sqrt {sqrt:.3f}, Box–Cox 0.5 {bc:.3f}; log без якобіана {nojac:.3f}",
                "en": "sample of {n} points: L1 between the histogram of g(X) and f_Y — log {log:.3f}, sqrt {sqrt:.3f}, Box–Cox 0.5 {bc:.3f}; log without the Jacobian {nojac:.3f}"},
    # ---------------------------------------------------------------- 6. on a model
    "norm_header": {"uk": "{name}:      асиметрія   r Q–Q    W Шапіро–Вілка", "en": "{name}:      skewness    Q–Q r    Shapiro–Wilk W"},
    "norm_row": {"uk": "  {kind:16} {skew:6.2f}      {r:.3f}    {w:.3f}", "en": "  {kind:16} {skew:6.2f}      {r:.3f}    {w:.3f}"},
    "kind_raw": {"uk": "сирі", "en": "raw"},
    "kind_log": {"uk": "log x", "en": "log x"},
    "kind_bc": {"uk": "Box–Cox, λ̂", "en": "Box–Cox, λ̂"},
    "nb_split": {"uk": "поділ 70/30 (seed 0): train {n_train}, test {n_test}", "en": "70/30 split (seed 0): train {n_train}, test {n_test}"},
    "nb_row": {"uk": "GaussianNB, {kind:36}: точність на test {acc:.4f} ({right} з {n})", "en": "GaussianNB, {kind:36}: test accuracy {acc:.4f} ({right} of {n})"},
    "nb_raw": {"uk": "сирі ознаки", "en": "raw features"},
    "nb_z": {"uk": "стандартизація (train)", "en": "z-scoring (train)"},
    "nb_yj": {"uk": "PowerTransformer Yeo–Johnson (train)", "en": "PowerTransformer Yeo–Johnson (train)"},
    "nb_qt": {"uk": "QuantileTransformer normal (train)", "en": "QuantileTransformer normal (train)"},
    "nb_skew": {"uk": "медіана |асиметрії| ознаки всередині класу (train): стандартизація {z:.2f}, Yeo–Johnson {yj:.2f}",
                "en": "median |skewness| of a feature within a class (train): z-scoring {z:.2f}, Yeo–Johnson {yj:.2f}"},
    "nb_splits": {"uk": "{k} поділів (seed 0…{last}): середня точність стандартизація {z:.4f}, Yeo–Johnson {yj:.4f}; Yeo–Johnson краще в {better}, гірше в {worse}",
                  "en": "{k} splits (seed 0…{last}): mean accuracy z-scoring {z:.4f}, Yeo–Johnson {yj:.4f}; Yeo–Johnson better in {better}, worse in {worse}"},
    "qt_small": {"uk": "area error, train {n_train} точок, test {n_test}: r Q–Q на test — QuantileTransformer {rq:.3f}, PowerTransformer {rp:.3f}",
                 "en": "area error, train of {n_train} points, test {n_test}: Q–Q r on test — QuantileTransformer {rq:.3f}, PowerTransformer {rp:.3f}"},
    "qt_clip": {"uk": "частка test поза межами train {out:.3f}; QuantileTransformer дає їм ±{zmax:.2f}, PowerTransformer — від {plo:.2f} до {phi:.2f}",
                "en": "share of test outside the range of train {out:.3f}; QuantileTransformer maps them to ±{zmax:.2f}, PowerTransformer to {plo:.2f} … {phi:.2f}"},
    # ---------------------------------------------------------------- figures
    "fig_area": {"uk": "breast_cancer: area error (гістограма)", "en": "breast_cancer: area error (histogram)"},
    "fig_rain": {"uk": "опади в Сіетлі за день, мм", "en": "daily precipitation in Seattle, mm"},
    "fig_qq_x": {"uk": "квантиль N(0, 1)", "en": "quantile of N(0, 1)"},
    "fig_qq_y": {"uk": "стандартизоване значення", "en": "standardized value"},
    # ---------------------------------------------------------------- 7. the real tools
    "tool_row": {"uk": "{what:52} max |різниця| = {diff:.1e}", "en": "{what:52} max |difference| = {diff:.1e}"},
}

T = Texts(TEXTS)
