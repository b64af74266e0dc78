"""Module 03: every label the lecture, the widgets and the figures print, in both languages (``T(key, **fmt)``).

The code cells are identical in the Ukrainian and English notebooks; what they print comes from here, in the
notebook's language (:func:`fsgeom.i18n.language`).
"""
from __future__ import annotations

from ...i18n import Texts

__all__ = ["T", "TEXTS"]

TEXTS = {
    # ==== lecture (printed by the notebook's code cells)
    # ---------------------------------------------------------------- 1. geometry of the loss
    "wine_shape": {"uk": "вино: {n} зразків, {d} ознак; ціль — клас (0, 1, 2) як число", "en": "wine: {n} samples, {d} features; target: the class (0, 1, 2) as a number"},
    "kappa_two": {"uk": "κ(XᵀX) для двох ознак (alcohol, proline): без масштабування {raw:.3g}, після z-score {z:.3g}", "en": "κ(XᵀX) for two features (alcohol, proline): unscaled {raw:.3g}, z-scored {z:.3g}"},
    "kappa_all": {"uk": "κ(XᵀX) для всіх 13 ознак: без масштабування {raw:.3g}, після z-score {z:.3g}", "en": "κ(XᵀX) for all 13 features: unscaled {raw:.3g}, z-scored {z:.3g}"},
    "gd_z": {"uk": "GD з кроком 1/L до відносного розриву 1e-6, z-score: ітерацій {it} (межа (κ/2)·ln(1/ε): {bound:.0f})", "en": "GD with step 1/L to a relative gap of 1e-6, z-scored: {it} iterations (bound (κ/2)·ln(1/ε): {bound:.0f})"},
    "gd_raw": {"uk": "без масштабування: не збіглося за {cap} ітерацій; межа — {bound:.3g} ітерацій", "en": "unscaled: not converged in {cap} iterations; the bound is {bound:.3g} iterations"},
    "family_header": {"uk": "множник s ознаки proline     κ     ітерацій   межа   ітерацій / межа", "en": "factor s of proline          κ     iterations  bound  iterations / bound"},
    "family_row": {"uk": "{s:>6}              {kappa:9.1f} {it:8d} {bound:8.0f}   {ratio:.2f}", "en": "{s:>6}              {kappa:9.1f} {it:8d} {bound:8.0f}   {ratio:.2f}"},
    "title_raw": {"uk": "без масштабування", "en": "unscaled"},
    "title_z": {"uk": "після z-score", "en": "z-scored"},
    "axis_alcohol": {"uk": "вага alcohol", "en": "weight of alcohol"},
    "axis_proline": {"uk": "вага proline", "en": "weight of proline"},
    # ---------------------------------------------------------------- 2. bias-variance
    "bv_setup": {"uk": "f(x) = sin 2πx, шум σ = {sigma}, n = {n} точок у навчальній вибірці, {R} вибірок, {m} тестових точок", "en": "f(x) = sin 2πx, noise σ = {sigma}, n = {n} training points, {R} training sets, {m} test points"},
    "bv_header": {"uk": "рівнів    Bias²    Variance   Noise    сума     MSE(шумні)  |різниця|  3·SE", "en": "levels    Bias²    Variance   Noise    sum      MSE(noisy)  |diff|     3·SE"},
    "bv_row": {"uk": "{levels:5d}   {bias2:.4f}   {var:.4f}    {noise:.4f}   {total:.4f}   {mse:.4f}      {diff:.4f}     {tol:.4f}", "en": "{levels:5d}   {bias2:.4f}   {var:.4f}    {noise:.4f}   {total:.4f}   {mse:.4f}      {diff:.4f}     {tol:.4f}"},
    "bv_identity": {"uk": "найбільше |Bias² + Variance − MSE(істинна f)| за всіма рядками: {err:.1e}", "en": "largest |Bias² + Variance − MSE(true f)| over all rows: {err:.1e}"},
    # ---------------------------------------------------------------- 3. min-max
    "mm_ratio": {"uk": "відношення (x₁ − x₀)/(x₃ − x₂) для proline: до {before:.6f}, після min-max {after:.6f}", "en": "the ratio (x₁ − x₀)/(x₃ − x₂) for proline: before {before:.6f}, after min-max {after:.6f}"},
    "mm_train": {"uk": "train після min-max: від {lo:.3f} до {hi:.3f}", "en": "train after min-max: from {lo:.3f} to {hi:.3f}"},
    "mm_test": {"uk": "test: частка значень поза [0, 1] {share:.4f} (ознак: {cols}), від {lo:.3f} до {hi:.3f}", "en": "test: share of values outside [0, 1] {share:.4f} ({cols} features), from {lo:.3f} to {hi:.3f}"},
    "mm_range": {"uk": "feature_range = (−1, 1): train від {lo:.3f} до {hi:.3f}", "en": "feature_range = (−1, 1): train from {lo:.3f} to {hi:.3f}"},
    "outlier_header": {"uk": "ширина середніх 95 % proline       без викиду   з одним викидом   у скільки разів", "en": "width of the middle 95 % of proline  no outlier   one outlier       factor"},
    "outlier_row": {"uk": "{scaler:30} {clean:8.3f}     {dirty:8.3f}          {factor:.1f}", "en": "{scaler:30} {clean:8.3f}     {dirty:8.3f}          {factor:.1f}"},
    "sat_header": {"uk": "частка насичених tanh-нейронів (|tanh| > 0.99) при ініціалізації, 64 нейрони", "en": "share of saturated tanh units (|tanh| > 0.99) at initialization, 64 units"},
    "sat_row": {"uk": "{scaler:20} {share:.4f}", "en": "{scaler:20} {share:.4f}"},
    "sc_none": {"uk": "без масштабування", "en": "none"},
    "sc_minmax": {"uk": "min-max", "en": "min-max"},
    "sc_zscore": {"uk": "z-score", "en": "z-score"},
    "sc_robust": {"uk": "робастне", "en": "robust"},
    # ---------------------------------------------------------------- 4. z-score
    "z_moments": {"uk": "після z-score: max |середнє| {mean:.1e}, max |дисперсія − 1| {var:.1e}", "en": "after z-scoring: max |mean| {mean:.1e}, max |variance − 1| {var:.1e}"},
    "z_corr": {"uk": "max |коваріація z-ознак − матриця кореляції| = {err:.1e}", "en": "max |covariance of z-scored features − correlation matrix| = {err:.1e}"},
    "pca_raw": {"uk": "PCA без масштабування: перша компонента пояснює {share:.4f} дисперсії, найбільше навантаження {load:.4f} — {name}", "en": "PCA unscaled: the first component explains {share:.4f} of the variance, largest loading {load:.4f} on {name}"},
    "pca_z": {"uk": "PCA після z-score: перша компонента пояснює {share:.3f}, друга {share2:.3f}; найбільше |навантаження| {load:.2f}", "en": "PCA z-scored: the first component explains {share:.3f}, the second {share2:.3f}; largest |loading| {load:.2f}"},
    "diab_kappa": {"uk": "diabetes: κ без масштабування {raw:.3g}, після z-score {z:.3g}", "en": "diabetes: κ unscaled {raw:.3g}, z-scored {z:.3g}"},
    "coef_header": {"uk": "ознака    w (сирі одиниці)   w' (z-score)   w'/σ", "en": "feature   w (raw units)      w' (z-scored)  w'/σ"},
    "coef_row": {"uk": "{name:8} {raw:12.3f}     {z:10.2f}    {back:10.3f}", "en": "{name:8} {raw:12.3f}     {z:10.2f}    {back:10.3f}"},
    "coef_back": {"uk": "перенесені назад коефіцієнти: відносна різниця {w:.1e}, вільний член {b:.1e}; прогнози відрізняються щонайбільше на {pred:.1e}", "en": "coefficients mapped back: relative difference {w:.1e}, intercept {b:.1e}; predictions differ by at most {pred:.1e}"},
    "svm_row": {"uk": "SVM (RBF) на breast cancer, точність на тесті: без масштабування {raw:.3f}, z-score {z:.3f}", "en": "SVM (RBF) on breast cancer, test accuracy: unscaled {raw:.3f}, z-scored {z:.3f}"},
    "bc_pca": {"uk": "breast cancer після z-score: кожна з {d} ознак має дисперсію 1, але перша компонента пояснює {share:.3f} загальної дисперсії", "en": "breast cancer z-scored: each of the {d} features has variance 1, yet the first component explains {share:.3f} of the total variance"},
    # ---------------------------------------------------------------- 5. robust and the table
    "table_header": {"uk": "набір         масштабування     k-NN (5 частин)   κ(XᵀX)      ітерацій GD", "en": "data set      scaler            k-NN (5 folds)    κ(XᵀX)      GD iterations"},
    "table_row": {"uk": "{data:13} {scaler:17} {acc:.3f}             {kappa:<10.3g}  {it}", "en": "{data:13} {scaler:17} {acc:.3f}             {kappa:<10.3g}  {it}"},
    "not_converged": {"uk": "> {cap}", "en": "> {cap}"},
    "ds_wine": {"uk": "вино", "en": "wine"},
    "ds_wine_typos": {"uk": "вино+описки", "en": "wine+typos"},
    "ds_bc": {"uk": "breast cancer", "en": "breast cancer"},
    # ---------------------------------------------------------------- 6. leakage
    "leak_scaler": {"uk": "k-NN на вині, 5 частин × {reps} перемішувань: scaler на всіх даних {leak:.4f}, у Pipeline {honest:.4f}; середня різниця {diff:+.4f}, найбільша {maxdiff:.4f}", "en": "k-NN on wine, 5 folds × {reps} shuffles: scaler fitted on all data {leak:.4f}, in a Pipeline {honest:.4f}; mean difference {diff:+.4f}, largest {maxdiff:.4f}"},
    "leak_select": {"uk": "чистий шум ({n} × {d}, ціль випадкова): відбір {k} ознак до CV — точність {leak:.3f}; відбір у Pipeline — {honest:.3f}", "en": "pure noise ({n} × {d}, random target): selecting {k} features before CV — accuracy {leak:.3f}; selection inside a Pipeline — {honest:.3f}"},
    # ---------------------------------------------------------------- 7. the real tools
    "sk_agree": {"uk": "{name:15} найбільша різниця з нашими числами: {diff:.1e}", "en": "{name:15} largest difference from our numbers: {diff:.1e}"},
    "iqr_conv": {"uk": "x = {x}: IQR за RobustScaler {sk:.2f}; numpy linear {lin:.2f}; midpoint {mid:.2f}; median_unbiased {mu:.2f}", "en": "x = {x}: IQR of RobustScaler {sk:.2f}; numpy linear {lin:.2f}; midpoint {mid:.2f}; median_unbiased {mu:.2f}"},
    # ==== widgets and figures
    "w_scaler": {"uk": "масштабування", "en": "scaler"},
    "w_sc_none": {"uk": "немає", "en": "none"},
    "w_sc_minmax": {"uk": "min-max", "en": "min-max"},
    "w_sc_zscore": {"uk": "z-score", "en": "z-score"},
    "w_sc_robust": {"uk": "робастне", "en": "robust"},
    "w_lr": {"uk": "крок η / (2/L)", "en": "step η / (2/L)"},
    "w_steps": {"uk": "кроків GD", "en": "GD steps"},
    "w_contour_title": {"uk": "функція втрат і шлях GD ({scaler})", "en": "the loss and the GD path ({scaler})"},
    "w_axis_w": {"uk": "$w_{{\\mathrm{{{name}}}}}$ / ‖w*‖", "en": "$w_{{\\mathrm{{{name}}}}}$ / ‖w*‖"},
    "w_wstar": {"uk": "w* = ({w1:.3g}, {w2:.3g}), ‖w*‖ = {norm:.3g}", "en": "w* = ({w1:.3g}, {w2:.3g}), ‖w*‖ = {norm:.3g}"},
    "w_gap_title": {"uk": "відносний розрив (L(w_t) − L*) / (L(0) − L*)", "en": "relative gap (L(w_t) − L*) / (L(0) − L*)"},
    "w_gap_x": {"uk": "крок t", "en": "step t"},
    "w_tol": {"uk": "ε = 10⁻⁶", "en": "ε = 10⁻⁶"},
    "w_start": {"uk": "старт w₀ = 0", "en": "start w₀ = 0"},
    "w_optimum": {"uk": "мінімум w*", "en": "minimum w*"},
    "w_path": {"uk": "шлях GD", "en": "GD path"},
    "w_levels": {"uk": "лінії рівня: відносний розрив {levels}", "en": "level lines: relative gap {levels}"},
    "w_not_within": {"uk": "не досягнуто за {n} ітерацій", "en": "not within {n} iterations"},
    "w_diverges": {"uk": "розбігається (η ≥ 2/L)", "en": "diverges (η ≥ 2/L)"},
    "w_readout_gd": {
        "uk": "<b>Вино: alcohol ~ {f1} + {f2}, масштабування «{scaler}»: κ(XᵀX) = {kappa}, L = {L}</b>; "
              "крок η = {frac} · 2/L = {lr}.<br>"
              "Ітерацій GD до відносного розриву 10⁻⁶ (виміряно): {iters}; оцінка для η = 1/L: "
              "(κ/2)·ln(1/ε) ≈ {bound}.<br>"
              "Після {steps} кроків відносний розрив = {gap}.",
        "en": "<b>Wine: alcohol ~ {f1} + {f2}, scaler {scaler}: κ(XᵀX) = {kappa}, L = {L}</b>; "
              "step η = {frac} · 2/L = {lr}.<br>"
              "GD iterations to a relative gap of 10⁻⁶ (measured): {iters}; the bound for η = 1/L: "
              "(κ/2)·ln(1/ε) ≈ {bound}.<br>"
              "After {steps} steps the relative gap is {gap}."},
    "w_geom_title": {"uk": "{scaler}: κ = {kappa}, ітерацій до 10⁻⁶: {iters}", "en": "{scaler}: κ = {kappa}, iterations to 10⁻⁶: {iters}"},
    "w_outlier": {"uk": "викид: max + k·σ, k =", "en": "outlier: max + k·σ, k ="},
    "w_show_test": {"uk": "тестові дані", "en": "test data"},
    "w_train": {"uk": "train", "en": "train"},
    "w_test": {"uk": "test", "en": "test"},
    "w_outlier_pt": {"uk": "викид", "en": "outlier"},
    "w_middle": {"uk": "середні 95 % train", "en": "middle 95 % of train"},
    "w_width": {"uk": "ширина 95 %: {w:.3f}", "en": "95 % width: {w:.3f}"},
    "w_outside_legend": {"uk": "test поза [0, 1]", "en": "test outside [0, 1]"},
    "w_strip_x": {"uk": "перетворене значення {name}", "en": "transformed {name}"},
    "w_test_on": {"uk": "тестові точки (масштабовані параметрами з train) показано", "en": "test points (scaled with the train parameters) shown"},
    "w_test_off": {"uk": "тестові точки сховано", "en": "test points hidden"},
    "w_readout_outliers": {
        "uk": "<b>Діабет, ознака {name}: одну точку train (max = {xmax:.1f}) відсунуто до {xout:.1f} "
              "(k = {k:g}).</b> Ширина інтервалу, що містить середні 95 % решти train: min-max {w_minmax}, "
              "z-score {w_zscore}, робастне {w_robust} (без викиду: {w0_minmax}, {w0_zscore}, {w0_robust}).<br>"
              "Min-max, підігнане на train: тестових точок поза [0, 1] — {out_test} з {n_test}. {test}.",
        "en": "<b>Diabetes, feature {name}: one training point (max = {xmax:.1f}) moved to {xout:.1f} "
              "(k = {k:g}).</b> Width of the interval holding the middle 95 % of the rest of train: min-max "
              "{w_minmax}, z-score {w_zscore}, robust {w_robust} (without the outlier: {w0_minmax}, {w0_zscore}, "
              "{w0_robust}).<br>"
              "Min-max fitted on train: {out_test} of {n_test} test points fall outside [0, 1]. {test}."},
}

T = Texts(TEXTS)
