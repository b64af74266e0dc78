"""Module 04: every label the lecture prints, in both languages (``T(key, **fmt)``).

The code cells are identical in the Ukrainian and English notebooks; what they print comes from here, in the
notebook's language (:func:`fsgeom.i18n.language`). Widget and figure labels live in :mod:`.plots` (``LABELS``).
"""
from __future__ import annotations

from ...i18n import Texts

__all__ = ["T", "TEXTS"]

TEXTS = {
    # ==== lecture (printed by the notebook's code cells)
    # ---------------------------------------------------------------- 1. rows and columns
    "tiny_A": {"uk": "матриця A (рядки — зразки, стовпці — ознаки):", "en": "the matrix A (rows: samples, columns: features):"},
    "tiny_rows": {"uk": "нормалізація рядків (кожен рядок ділимо на його L2-норму):", "en": "row normalization (each row divided by its L2 norm):"},
    "tiny_cols": {"uk": "масштабування стовпців (кожен стовпець ділимо на його L2-норму):", "en": "column scaling (each column divided by its L2 norm):"},
    "diab_shape": {"uk": "diabetes: {n} пацієнтів, {d} ознак: {names}", "en": "diabetes: {n} patients, {d} features: {names}"},
    "col_norms": {"uk": "типовий load_diabetes(): L2-норми {d} стовпців: {norms}", "en": "default load_diabetes(): L2 norms of the {d} columns: {norms}"},
    "row_norms": {"uk": "типовий load_diabetes(): L2-норми рядків від {lo:.4f} до {hi:.4f} (медіана {med:.4f})", "en": "default load_diabetes(): L2 norms of the rows from {lo:.4f} to {hi:.4f} (median {med:.4f})"},
    "raw_rows_l2": {"uk": "сирі дані після L2-нормалізації рядків: max |‖рядок‖ − 1| = {err:.1e}; L2-норми стовпців від {lo:.3f} до {hi:.3f}", "en": "raw data after L2 row normalization: max |‖row‖ − 1| = {err:.1e}; L2 norms of the columns from {lo:.3f} to {hi:.3f}"},
    "turn_rows": {"uk": "нормалізація рядків: найбільший кут повороту рядка {max:.4f}°", "en": "row normalization: largest angle a row is turned by {max:.4f}°"},
    "turn_cols": {"uk": "z-score стовпців: кут повороту рядка — медіана {med:.1f}°, від {lo:.1f}° до {hi:.1f}°", "en": "z-scoring the columns: angle a row is turned by — median {med:.1f}°, from {lo:.1f}° to {hi:.1f}°"},
    "turn_default": {"uk": "типовий load_diabetes() проти z-score: рядки однаково напрямлені, найбільший кут між ними {max:.4f}°", "en": "default load_diabetes() against z-score: the rows point the same way, largest angle between them {max:.4f}°"},
    # ---------------------------------------------------------------- 2. norms, unit balls, convexity
    "norms_example": {"uk": "x = {x}: ‖x‖₀.₅ = {p05:.3f}, ‖x‖₁ = {p1:.3f}, ‖x‖₂ = {p2:.3f}, ‖x‖₄ = {p4:.3f}, ‖x‖∞ = {pinf:.3f}", "en": "x = {x}: ‖x‖₀.₅ = {p05:.3f}, ‖x‖₁ = {p1:.3f}, ‖x‖₂ = {p2:.3f}, ‖x‖₄ = {p4:.3f}, ‖x‖∞ = {pinf:.3f}"},
    "convex_header": {"uk": "  p     частка пар, чия середина поза одиничною кулею ({pairs} пар)", "en": "  p     share of pairs whose midpoint is outside the unit ball ({pairs} pairs)"},
    "convex_row": {"uk": "{p:>4}   {share:.4f}", "en": "{p:>4}   {share:.4f}"},
    # ---------------------------------------------------------------- 3. L1 normalization
    "corpus_shape": {"uk": "корпус: {n} документів, {d} слів; довжина документа від {lo} до {hi} слів", "en": "corpus: {n} documents, {d} words; document length from {lo} to {hi} words"},
    "freq_sum": {"uk": "після L1-нормалізації: max |Σx − 1| = {err:.1e}, від'ємних значень {neg}: рядки — частоти слів", "en": "after L1 normalization: max |Σx − 1| = {err:.1e}, negative entries {neg}: the rows are word frequencies"},
    "zeros_share": {"uk": "{what}: частка нульових значень до {before:.4f}, після L1-нормалізації {after:.4f}", "en": "{what}: share of zero entries before {before:.4f}, after L1 normalization {after:.4f}"},
    "what_corpus": {"uk": "корпус", "en": "corpus"},
    "what_diabetes": {"uk": "diabetes (типовий)", "en": "diabetes (default)"},
    "facets": {"uk": "типовий diabetes: {n} L1-нормалізованих рядків лежать на {used} різних гранях кросполітопа з {total}", "en": "default diabetes: {n} L1-normalized rows lie on {used} different facets of the cross-polytope out of {total}"},
    "l1_sums": {"uk": "max |Σ|x| − 1| = {err:.1e}, але сама сума Σx — від {lo:.3f} до {hi:.3f}", "en": "max |Σ|x| − 1| = {err:.1e}, but the plain sum Σx runs from {lo:.3f} to {hi:.3f}"},
    "facets_raw": {"uk": "сирий diabetes (усі значення додатні): граней {used}, max |Σx − 1| = {err:.1e}", "en": "raw diabetes (all values positive): {used} facet(s), max |Σx − 1| = {err:.1e}"},
    # ---------------------------------------------------------------- 4. L2 normalization
    "unit_sphere": {"uk": "сирий diabetes після L2-нормалізації рядків: max |‖x̂‖ − 1| = {err:.1e}", "en": "raw diabetes after L2 row normalization: max |‖x̂‖ − 1| = {err:.1e}"},
    "chord": {"uk": "{pairs} пар: max |‖x̂ − ŷ‖² − (2 − 2 cos θ)| = {err:.1e}", "en": "{pairs} pairs: max |‖x̂ − ŷ‖² − (2 − 2 cos θ)| = {err:.1e}"},
    "same_direction": {"uk": "рядки (3, 4) і (30, 40) після L2-нормалізації: {a} і {b}, відстань {d:.1e}", "en": "rows (3, 4) and (30, 40) after L2 normalization: {a} and {b}, distance {d:.1e}"},
    # ---------------------------------------------------------------- 5. cosine
    "knn_same": {"uk": "{n} запитів, {k} найближчих сусідів: евклідові на L2-нормалізованих векторах і косинусні відрізняються в {differ} запитах", "en": "{n} queries, {k} nearest neighbours: Euclidean on L2-normalized vectors and cosine differ in {differ} queries"},
    "idf_kind_plain": {"uk": "idf звичайне ", "en": "plain idf   "},
    "idf_kind_smooth": {"uk": "idf згладжене", "en": "smooth idf  "},
    "tfidf_guide": {"uk": "{kind}: idf = {idf}; рядок [3, 0, 1] → {row}; max різниця з TfidfTransformer {diff:.1e}", "en": "{kind}: idf = {idf}; the row [3, 0, 1] → {row}; max difference from TfidfTransformer {diff:.1e}"},
    "long_header": {"uk": "подібність            частка 5 сусідів серед 10 % найдовших   та сама тема      різних сусідів №1", "en": "similarity            share of 5 neighbours among the longest 10 %   same topic   distinct top-1 neighbours"},
    "long_row": {"uk": "{name:21} {long:.4f}                                 {topic:.4f}            {top1}", "en": "{name:21} {long:.4f}                                         {topic:.4f}       {top1}"},
    "sim_dot": {"uk": "скалярний добуток", "en": "dot product"},
    "sim_cos": {"uk": "косинусна", "en": "cosine"},
    "long_chance": {"uk": "для порівняння — навмання: серед найдовших {long:.3f}, та сама тема {topic:.3f}", "en": "for comparison, at random: among the longest {long:.3f}, same topic {topic:.3f}"},
    # ---------------------------------------------------------------- 6. the blog on trial
    "midpoint_l1": {"uk": "‖·‖₁, {pairs} пар цілочислових векторів з R^{d}: найбільше ‖(a+b)/2‖₁ − (‖a‖₁+‖b‖₁)/2 = {ex:.1f} (ніколи не додатне)", "en": "‖·‖₁, {pairs} pairs of integer vectors in R^{d}: largest ‖(a+b)/2‖₁ − (‖a‖₁+‖b‖₁)/2 = {ex:.1f} (never positive)"},
    "midpoint_p05": {"uk": "для порівняння ‖·‖₀.₅ на тих самих парах: додатне в частці {share:.4f}", "en": "for comparison ‖·‖₀.₅ on the same pairs: positive in a share {share:.4f}"},
    "lasso_starts": {"uk": "Lasso, α = {alpha}, {starts} випадкових стартів: ціль від {lo:.6f} до {hi:.6f} (розкид {spread:.1e}); max розкид коефіцієнтів {wspread:.1e}; нулів {zeros}: {names}", "en": "Lasso, α = {alpha}, {starts} random starts: objective from {lo:.6f} to {hi:.6f} (spread {spread:.1e}); max spread of the coefficients {wspread:.1e}; {zeros} zeros: {names}"},
    "lines_setup": {"uk": "{n} пацієнтів, ознака bmi; зсуваємо ціль точки з найбільшим bmi ({x:.1f}, y = {y:.0f}); sd цілі {sd:.1f}", "en": "{n} patients, feature bmi; we move the target of the point with the largest bmi ({x:.1f}, y = {y:.0f}); target sd {sd:.1f}"},
    "lines_header": {"uk": "зсув (sd)   нахил МНК   нахил МНМ", "en": "shift (sd)  LS slope    LAD slope"},
    "lines_row": {"uk": "{shift:>8}   {ls:9.3f}   {lad:9.3f}", "en": "{shift:>8}   {ls:9.3f}   {lad:9.3f}"},
    "mean_median": {"uk": "ціль diabetes ({n} значень): найменше ({v:.0f}) замінено на 10⁶ — середнє {m0:.2f} → {m1:.2f} (зсув {dm:.2f} = (10⁶ − {v:.0f})/{n}); медіана {q0:.1f} → {q1:.1f}", "en": "diabetes target ({n} values): the smallest ({v:.0f}) replaced by 10⁶ — mean {m0:.2f} → {m1:.2f} (shift {dm:.2f} = (10⁶ − {v:.0f})/{n}); median {q0:.1f} → {q1:.1f}"},
    "quad_zero": {"uk": "{n} випадкових квадратичних функцій втрат: точний нуль з обмеженням L1 {l1:.4f}, з обмеженням L2 {l2:.4f}; |w_j| < 0.01 з L2 {l2small:.4f}", "en": "{n} random quadratic losses: an exact zero under the L1 constraint {l1:.4f}, under the L2 constraint {l2:.4f}; |w_j| < 0.01 under L2 {l2small:.4f}"},
    "reg_zero": {"uk": "{problems} задач регресії ({n} × {d}, {informative} інформативних ознак): частка точних нулів — Lasso {lasso:.4f}, Ridge {ridge:.4f}", "en": "{problems} regression problems ({n} × {d}, {informative} informative features): share of exact zeros — Lasso {lasso:.4f}, Ridge {ridge:.4f}"},
    "ridge_closed": {"uk": "Ridge, α = {alpha}: max |w(формула) − w(sklearn)| = {dw:.1e}, |b(формула) − b(sklearn)| = {db:.1e}", "en": "Ridge, α = {alpha}: max |w(formula) − w(sklearn)| = {dw:.1e}, |b(formula) − b(sklearn)| = {db:.1e}"},
    "lasso_orth": {"uk": "ортонормовані стовпці (XᵀX/n = I), α = {alpha}: Xᵀy/n = {z}; max |S_α(Xᵀy/n) − Lasso| = {diff:.1e}; нулів {zeros} з {d}", "en": "orthonormal columns (XᵀX/n = I), α = {alpha}: Xᵀy/n = {z}; max |S_α(Xᵀy/n) − Lasso| = {diff:.1e}; {zeros} zeros of {d}"},
    "corr_s1s2": {"uk": "кореляція s1 і s2: {r:.3f}", "en": "correlation of s1 and s2: {r:.3f}"},
    "boot_lasso": {"uk": "Lasso (α = {alpha}), {B} бутстреп-вибірок: лише s1 — {s1}, лише s2 — {s2}, обидві — {both}, жодної — {neither}", "en": "Lasso (α = {alpha}), {B} bootstrap resamples: s1 alone {s1}, s2 alone {s2}, both {both}, neither {neither}"},
    "boot_ridge": {"uk": "Ridge (α = {alpha}): s1 — середнє {m1:.1f}, sd {sd1:.1f}, від'ємний у частці {neg1:.3f}; s2 — середнє {m2:.1f}, sd {sd2:.1f}, від'ємний у частці {neg2:.3f}", "en": "Ridge (α = {alpha}): s1 — mean {m1:.1f}, sd {sd1:.1f}, negative in a share {neg1:.3f}; s2 — mean {m2:.1f}, sd {sd2:.1f}, negative in a share {neg2:.3f}"},
    "cv_row": {"uk": "{truth:9}: тестова MSE — LassoCV {lasso:.3f}, RidgeCV {ridge:.3f}; відношення {ratio:.3f}; Lasso краще в {wins} з {reps}", "en": "{truth:9}: test MSE — LassoCV {lasso:.3f}, RidgeCV {ridge:.3f}; ratio {ratio:.3f}; Lasso better in {wins} of {reps}"},
    "truth_sparse": {"uk": "розріджена", "en": "sparse"},
    "truth_dense": {"uk": "щільна", "en": "dense"},
    "norm_vs_reg": {"uk": "Normalizer(l1) + LinearRegression: нульових коефіцієнтів {lr} з {d}; Lasso (α = {alpha}) на типовому diabetes: {lasso} з {d}", "en": "Normalizer(l1) + LinearRegression: {lr} zero coefficients of {d}; Lasso (α = {alpha}) on the default diabetes: {lasso} of {d}"},
    # ---------------------------------------------------------------- 7. the real tools
    "sk_agree": {"uk": "{name:34} найбільша різниця з нашими числами: {diff:.1e}", "en": "{name:34} largest difference from our numbers: {diff:.1e}"},
}

T = Texts(TEXTS)
