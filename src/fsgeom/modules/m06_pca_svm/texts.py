"""Module 06: every label the lecture prints, in both languages (``T(key, **fmt)``).

The code cells are identical in the Ukrainian and English notebooks; what they print comes from here, in the
notebook's language (:func:`fsgeom.i18n.language`). Widget and figure labels live in :mod:`.plots` (``LABELS``).
Feature names (scikit-learn's identifiers) are always passed in as values, never written into a template.
"""
from __future__ import annotations

from ...i18n import Texts

__all__ = ["T", "TEXTS"]

TEXTS = {
    # ==== lecture (printed by the notebook's code cells)
    # ---------------------------------------------------------------- words passed into other templates
    "raw": {"uk": "сирі ознаки", "en": "raw features"},
    "std": {"uk": "стандартизовані ознаки", "en": "standardized features"},
    "logreg": {"uk": "логістична регресія", "en": "logistic regression"},
    "mlp": {"uk": "мережа 13 → 16 → 3", "en": "network 13 → 16 → 3"},
    "norm_layer": {"uk": "нормалізація шару", "en": "layer normalization"},
    "norm_batch": {"uk": "batch-нормалізація", "en": "batch normalization"},
    # ---------------------------------------------------------------- 1. PCA
    "wine_shape": {"uk": "вина: {n} зразків, {d} ознак, сортів {k}", "en": "wine: {n} samples, {d} features, {k} cultivars"},
    "sd_header": {"uk": "ознака                          ст. відхилення   частка сліду Σ",
                  "en": "feature                         std deviation    share of tr Σ"},
    "sd_row": {"uk": "{name:31} {sd:10.3f}       {share:.4f}", "en": "{name:31} {sd:10.3f}       {share:.4f}"},
    "pca_raw": {"uk": "сирі дані: частка поясненої дисперсії PC1 {r1:.4f}, PC2 {r2:.4f}; навантаження «{name}» у PC1 {load:.4f}",
                "en": "raw data: explained variance ratio of PC1 {r1:.4f}, PC2 {r2:.4f}; loading of “{name}” in PC1 {load:.4f}"},
    "pca_std": {"uk": "стандартизовані дані: PC1 {r1:.4f}, PC2 {r2:.4f}, разом {r12:.4f}",
                "en": "standardized data: PC1 {r1:.4f}, PC2 {r2:.4f}, together {r12:.4f}"},
    "pca_std_top": {"uk": "найбільші навантаження стандартизованої PC1: {items}; у проліну {big:.3f}",
                    "en": "largest loadings of the standardized PC1: {items}; proline's is {big:.3f}"},
    "corr_eig": {"uk": "PCA стандартизованих даних проти власних векторів R: найбільший кут {angle:.1e}°, max |Δλ| = {ev:.1e}",
                 "en": "PCA of standardized data against the eigenvectors of R: largest angle {angle:.1e}°, max |Δλ| = {ev:.1e}"},
    "n_minus_1": {"uk": "np.cov (ділення на n − 1): кут компонент 1–3 ≤ {angle:.1e}°, λ більші в {factor:.5f} раза (n/(n − 1) = {nn:.5f}), max |Δ частки| = {ratio:.1e}",
                  "en": "np.cov (division by n − 1): angle of components 1–3 ≤ {angle:.1e}°, λ larger by {factor:.5f} (n/(n − 1) = {nn:.5f}), max |Δ ratio| = {ratio:.1e}"},
    "isotropy": {"uk": "власні значення матриці кореляції: від {lmax:.3f} до {lmin:.3f} (відношення {cond:.1f}); після вибілювання max |cov − I| = {white:.1e}",
                 "en": "eigenvalues of the correlation matrix: from {lmax:.3f} to {lmin:.3f} (ratio {cond:.1f}); after whitening max |cov − I| = {white:.1e}"},
    "units_raw": {"uk": "мг/л → г/л, сирі дані: PC1 повернулася на {angle:.2f}°, тепер її визначає «{name}» (навантаження {load:.4f}), частка {ratio:.3f}",
                  "en": "mg/L → g/L, raw data: PC1 turned by {angle:.2f}°, now “{name}” decides it (loading {load:.4f}), ratio {ratio:.3f}"},
    "units_std": {"uk": "мг/л → г/л, стандартизовані дані: PC1 повернулася на {angle:.2f}°, частка {ratio:.4f}",
                  "en": "mg/L → g/L, standardized data: PC1 turned by {angle:.2f}°, ratio {ratio:.4f}"},
    "cv": {"uk": "PCA(2) → логістична регресія, {k}-кратна перехресна перевірка: сирі {raw:.3f}, зі стандартизацією {std:.3f}",
           "en": "PCA(2) → logistic regression, {k}-fold cross-validation: raw {raw:.3f}, with standardization {std:.3f}"},
    "fig_raw": {"uk": "Сирі дані: PC1 і PC2", "en": "Raw data: PC1 and PC2"},
    "fig_std": {"uk": "Стандартизовані дані: PC1 і PC2", "en": "Standardized data: PC1 and PC2"},
    "cultivar": {"uk": "сорт {c}", "en": "cultivar {c}"},
    # ---------------------------------------------------------------- 2. SVM
    "svm_split": {"uk": "сорт 0 проти сорту 1: {n} вин ({neg} з міткою −1, {pos} з міткою +1); train {n_train}, test {n_test}",
                  "en": "cultivar 0 against cultivar 1: {n} wines ({neg} labelled −1, {pos} labelled +1); train {n_train}, test {n_test}"},
    "svm_opt": {"uk": "{kind}, C = {C}: оптимум F* = {f:.5f}, сертифікат (пряма − двоїста) {gap:.1e}",
                "en": "{kind}, C = {C}: optimum F* = {f:.5f}, certificate (primal − dual) {gap:.1e}"},
    "svm_sg": {"uk": "{kind}: субградієнтний спуск, η₀ = {eta0}, {steps} кроків: F = {f:.5f}, відносно вище за оптимум на {rel:.1e}",
               "en": "{kind}: subgradient descent, η₀ = {eta0}, {steps} steps: F = {f:.5f}, relatively above the optimum by {rel:.1e}"},
    "svm_sg_raw": {"uk": "сирі ознаки, η₀ = {eta0:.0e}: найкраще F = {f:.4f}, у {ratio:.2f} раза вище за оптимум",
                   "en": "raw features, η₀ = {eta0:.0e}: best F = {f:.4f}, {ratio:.2f} times the optimum"},
    "curve_svm": {"uk": "{kind}, η₀ = {eta0:g}", "en": "{kind}, η₀ = {eta0:g}"},
    "curve_svm_title": {"uk": "Субградієнтний спуск SVM: (F − F*)/F* за кроками", "en": "Subgradient descent of the SVM: (F − F*)/F* per step"},
    "svm_compare": {"uk": "{kind}, C = 1: точність train {train:.3f}, test {test:.3f}; опорних векторів {sv}; ширина зазору 2/‖w‖ = {width:.3f}",
                    "en": "{kind}, C = 1: accuracy train {train:.3f}, test {test:.3f}; {sv} support vectors; margin width 2/‖w‖ = {width:.3f}"},
    "free_sv": {"uk": "  вільних опорних векторів (0 < α < C) {n}: 1/‖w‖ = {half:.4f}, max |d(x)·‖w‖ − 1| = {dev:.1e}",
                "en": "  free support vectors (0 < α < C): {n}; 1/‖w‖ = {half:.4f}, max |d(x)·‖w‖ − 1| = {dev:.1e}"},
    "sv_common": {"uk": "спільних опорних векторів: {n}", "en": "support vectors in common: {n}"},
    "splits": {"uk": "C = {C:<5} середня точність на test за {k} поділами: сирі {raw:.3f}, стандартизовані {std:.3f}",
               "en": "C = {C:<5} mean test accuracy over {k} splits: raw {raw:.3f}, standardized {std:.3f}"},
    "w_header": {"uk": "ознака                          σⱼ (train)    wⱼ сирі    wⱼσⱼ      wⱼ стандартизовані",
                 "en": "feature                         σⱼ (train)    wⱼ raw     wⱼσⱼ      wⱼ standardized"},
    "w_row": {"uk": "{name:31} {sd:9.3f}   {w:+9.4f}   {ws:+7.3f}   {wz:+7.3f}", "en": "{name:31} {sd:9.3f}   {w:+9.4f}   {ws:+7.3f}   {wz:+7.3f}"},
    "d_unit": {"uk": "зміна d(x) на одиницю ознаки: пролін (1 мг/л) {prol:.4f}, алкоголь (1 % об.) {alc:.3f}",
               "en": "change of d(x) per unit of a feature: proline (1 mg/L) {prol:.4f}, alcohol (1 % vol) {alc:.3f}"},
    "d_sd": {"uk": "зміна d(x) на одне стандартне відхилення: пролін {prol:.2f}, алкоголь {alc:.2f}",
             "en": "change of d(x) per standard deviation: {prol:.2f} for proline, {alc:.2f} for alcohol"},
    "d_corr": {"uk": "кореляція wᵀx + b з внеском проліну wⱼxⱼ: {r:.3f}", "en": "correlation of wᵀx + b with proline's contribution wⱼxⱼ: {r:.3f}"},
    "d_rank": {"uk": "відстані сирої і стандартизованої моделей: рангова кореляція Спірмена {rho:.3f}; з {k} найближчих вин спільних {common}",
               "en": "distances of the raw and the standardized models: Spearman rank correlation {rho:.3f}; of the {k} nearest wines {common} in common"},
    # ---------------------------------------------------------------- 3. neural networks
    "grad_rows": {"uk": "{kind}: ‖∂L/∂W₁[j, :]‖ — пролін {prol:.2e}, відтінок {hue:.2e}; найбільший / найменший = {spread:.1f} ({big} / {small})",
                  "en": "{kind}: ‖∂L/∂W₁[j, :]‖ — proline {prol:.2e}, hue {hue:.2e}; largest / smallest = {spread:.1f} ({big} / {small})"},
    "grad_x1000": {"uk": "відтінок × 1000, його ваги ÷ 1000: рядок градієнта × {ratio:.6f}, решта змінилася на {other:.1e}; без ділення ваг × {naive:.0f}",
                   "en": "hue × 1000, its weights ÷ 1000: gradient row × {ratio:.6f}, the rest changed by {other:.1e}; without dividing the weights × {naive:.0f}"},
    "lr_logreg": {"uk": "логістична регресія, {kind}: найбільший стабільний крок {lr:.3g} (межа 4/λmax = {bound:.3g}); втрати після 200 кроків {loss:.5f}",
                  "en": "logistic regression, {kind}: largest stable learning rate {lr:.3g} (bound 4/λmax = {bound:.3g}); loss after 200 steps {loss:.5f}"},
    "lr_mlp": {"uk": "мережа 13 → 16 → 3, {kind}: найбільший стабільний крок {lr:.3g}; втрати після 200 кроків {loss:.5f}",
               "en": "network 13 → 16 → 3, {kind}: largest stable learning rate {lr:.3g}; loss after 200 steps {loss:.5f}"},
    "curve_nn": {"uk": "{model}, {kind}, η = {lr:.2g}", "en": "{model}, {kind}, η = {lr:.2g}"},
    "curve_nn_title": {"uk": "Функція втрат на найбільшому стабільному кроці", "en": "The loss at the largest stable learning rate"},
    # ---------------------------------------------------------------- 4. batch normalization
    "bn_running": {"uk": "«{name}», батч із 8: ковзне середнє {rm:.4f} (0.1·μ = {mean:.4f}); ковзна дисперсія {rv:.4f} (з незміщеною {unbiased:.4f}, зі зміщеною {biased:.4f})",
                   "en": "“{name}”, a batch of 8: running mean {rm:.4f} (0.1·μ = {mean:.4f}); running variance {rv:.4f} (with the unbiased one {unbiased:.4f}, with the biased one {biased:.4f})"},
    "bn_two": {"uk": "батч із двох, ε = 0: різні значення виходу {vals}", "en": "a batch of two, ε = 0: distinct output values {vals}"},
    "bn_two_eps": {"uk": "батч із двох, ε = 1e-5: найменший |вихід| у «{name}» {v:.3f} (різниця двох значень {gap:.3f})",
                   "en": "a batch of two, ε = 1e-5: the smallest |output| is in “{name}”, {v:.3f} (the two values differ by {gap:.3f})"},
    "bn_mismatch": {"uk": "B = {B:2d}: середня |режим навчання − режим передбачення| = {m:.4f}",
                    "en": "B = {B:2d}: mean |training mode − inference mode| = {m:.4f}"},
    "bn_skew": {"uk": "«{name}»: коефіцієнт асиметрії {before:.3f} → після batch-нормалізації {after:.3f}; середнє {mean:.1e}, дисперсія {var:.4f}; Шапіро–Вілк W = {w:.3f}, p = {p:.1e}",
                "en": "“{name}”: skewness {before:.3f} → after batch normalization {after:.3f}; mean {mean:.1e}, variance {var:.4f}; Shapiro–Wilk W = {w:.3f}, p = {p:.1e}"},
    "gn_check": {"uk": "групова нормалізація, C = {C}: G = 1 проти нормалізації шару {layer:.1e}; G = C проти instance-нормалізації {inst:.1e}",
                 "en": "group normalization, C = {C}: G = 1 against layer normalization {layer:.1e}; G = C against instance normalization {inst:.1e}"},
    "norm_batch_dep": {"uk": "{kind}: перші 2 приклади в батчі з 64 і в батчі з 2 — max |різниця| = {diff:.3g}",
                       "en": "{kind}: the first 2 examples in a batch of 64 and in a batch of 2, max |difference| = {diff:.3g}"},
    "ln_one": {"uk": "нормалізація шару, батч з одного прикладу: max |різниця| = {diff:.3g}",
               "en": "layer normalization, a batch of one example: max |difference| = {diff:.3g}"},
    # ---------------------------------------------------------------- 5. the real tool
    "tool_pca": {"uk": "scikit-learn, {kind}: max |Δ компонент| = {comp:.1e}, max |Δ частки| = {ratio:.1e}, λ більші в {factor:.5f} раза (n/(n − 1) = {nn:.5f})",
                 "en": "scikit-learn, {kind}: max |Δ component| = {comp:.1e}, max |Δ ratio| = {ratio:.1e}, λ larger by {factor:.5f} (n/(n − 1) = {nn:.5f})"},
    "tool_svc": {"uk": "{kind}, C = {C:g}: F* = {f:.5f} (розрив {gap:.0e}); SVC вище на {rel3:.2e} (tol=1e-3), {rel10:.2e} (tol=1e-10)",
                 "en": "{kind}, C = {C:g}: F* = {f:.5f} (gap {gap:.0e}); SVC above by {rel3:.2e} (tol=1e-3), {rel10:.2e} (tol=1e-10)"},
    "tool_linsvc": {"uk": "LinearSVC(C=1): власна цільова функція {own:.4f}; у нашій F {ours:.4f} проти оптимуму {opt:.4f}; точність на test {test:.3f}",
                    "en": "LinearSVC(C=1): its own objective {own:.4f}; in our F {ours:.4f} against the optimum {opt:.4f}; test accuracy {test:.3f}"},
}

T = Texts(TEXTS)
