"""Module 01: every label the lecture and the assignment print, in both languages (``T(key, **fmt)``).

The code cells are identical in the Ukrainian and English notebooks; what they print comes from here, in the
notebook's language (:func:`fsgeom.i18n.language`). Column widths are part of the templates, so each language's
tables stay aligned.
"""
from __future__ import annotations

from ...i18n import Texts

__all__ = ["T", "TEXTS"]

TEXTS = {
    # ---------------------------------------------------------------- 1. the bank clients
    "features": {"uk": "ознаки:", "en": "features:"},
    "first_clients": {"uk": "перші клієнти, x = (вік, дохід):", "en": "first clients, x = (age, income):"},
    "their_labels": {"uk": "їхні мітки y:", "en": "their labels y:"},
    "clients_description": {"uk": "синтетичні клієнти банку; 1 = високий кредитний ризик",
                            "en": "synthetic bank clients; 1 = high credit risk"},
    "feature_age": {"uk": "вік, роки", "en": "age, years"},
    "feature_income": {"uk": "дохід, $", "en": "income, $"},
    # ---------------------------------------------------------------- 2. scale and kNN
    "age_term": {"uk": "внесок віку    (Δвік)^2    = {v:>13,.0f}", "en": "age term    (Δage)^2    = {v:>13,.0f}"},
    "income_term": {"uk": "внесок доходу  (Δдохід)^2  = {v:>13,.0f}",
                    "en": "income term (Δincome)^2 = {v:>13,.0f}"},
    "term_ratio": {"uk": "відношення внесків        = {v:.0e}", "en": "ratio of the two terms  = {v:.0e}"},
    "d_ab": {"uk": "d(a, b) = {d:.4f}  (лише різниця доходів: {alone:.4f})",
             "en": "d(a, b) = {d:.4f}  (income difference alone: {alone:.4f})"},
    "split": {"uk": "train: {n_train} клієнтів, test: {n_test}; частка високого ризику в test: {share:.3f}",
              "en": "train: {n_train} clients, test: {n_test}; high-risk share in test: {share:.3f}"},
    "train_std": {"uk": "стандартні відхилення в train (вік, дохід):",
                  "en": "standard deviations in train (age, income):"},
    "income_share": {"uk": "частка доходу в d^2 на {pairs} парах: медіана {median:.6f}, понад 0.99 для {above:.1%} пар",
                     "en": "income's share of d^2 over {pairs} pairs: median {median:.6f}, "
                           "above 0.99 for {above:.1%} of the pairs"},
    "knn_raw": {"uk": "kNN, k={k}, сирі ознаки:   точність на тесті {acc:.3f}",
                "en": "kNN, k={k}, raw features: test accuracy {acc:.3f}"},
    "knn_z": {"uk": "kNN, k={k}, стандартизація: точність на тесті {acc:.3f}",
              "en": "kNN, k={k}, z-scored:     test accuracy {acc:.3f}"},
    "always_low": {"uk": "завжди «низький ризик»:  точність на тесті {acc:.3f}",
                   "en": "always 'low risk':        test accuracy {acc:.3f}"},
    "raw": {"uk": "сирі", "en": "raw"},
    "first_client_flipped": {"uk": "перший клієнт: правило дає {score:.2f} ≥ 0.75 (низький ризик), а мітка y = {y}: "
                                   "одна з 5 % міток, змінених на протилежні",
                             "en": "the first client: the rule gives {score:.2f} ≥ 0.75 (low risk), yet the label is "
                                   "y = {y}: one of the 5 % flipped labels"},
    "z_scored": {"uk": "стандартизовані", "en": "z-scored"},
    "neighbours_of": {"uk": "{name:11} сусіди: вік {ages}, дохід $ {incomes}, голосів «високий ризик» {votes} з {k}",
                      "en": "{name:8} neighbours: ages {ages}, incomes $ {incomes}, high-risk votes {votes} of {k}"},
    "gain": {"uk": "приріст точності від стандартизації на 10 наборах: у середньому {mean:+.3f}, "
                   "найменший {low:+.3f}, найбільший {high:+.3f}",
             "en": "accuracy gain of z-scoring over 10 data sets: mean {mean:+.3f}, "
                   "smallest {low:+.3f}, largest {high:+.3f}"},
    "unit_header": {"uk": "дохід у     немає  min-max  стандартизація  робастне",
                    "en": "income unit    none   minmax   zscore   robust"},
    "unit_row": {"uk": "{unit:>7}     {a:>5.3f}    {b:>5.3f}           {c:>5.3f}     {d:>5.3f}",
                 "en": "{unit:>10}  {a:7.3f}  {b:7.3f}  {c:7.3f}  {d:7.3f}"},
    "ten_header": {"uk": "10 наборів даних, k-NN (k={k}), дохід у $: середня точність [найменша, найбільша]",
                   "en": "10 data sets, k-NN (k={k}), income in $: mean accuracy [smallest, largest]"},
    "ten_row": {"uk": "{name:16} {mean:.3f}  [{low:.3f}, {high:.3f}]", "en": "{name:10} {mean:.3f}  [{low:.3f}, {high:.3f}]"},
    "scaler_minmax": {"uk": "min-max", "en": "min-max"},
    "scaler_zscore": {"uk": "стандартизація", "en": "z-score"},
    "scaler_robust": {"uk": "робастне", "en": "robust"},
    "raw_kdollars": {"uk": "сирі, тис. $", "en": "raw, k$"},
    "one_client": {"uk": "один із {n} тестових клієнтів = {acc:.3f} точності", "en": "one of {n} test clients = {acc:.3f} of accuracy"},
    "scaler_wins": {"uk": "min-max точніший за стандартизацію на {wins} з 10 наборів, гірший на {losses}",
                    "en": "min-max beats z-scoring on {wins} of 10 data sets, loses on {losses}"},
    # ---------------------------------------------------------------- PCA on the wine data (module 06 goes further)
    "pca_raw": {"uk": "сирі ознаки: перша головна компонента пояснює {share:.1%} дисперсії, "
                      "її найбільша вага — {feature} ({weight:+.4f})",
                "en": "raw features: the first principal component explains {share:.1%} of the variance, "
                      "its largest weight is {feature} ({weight:+.4f})"},
    "pca_std": {"uk": "після стандартизації: {share:.1%}; найбільші ваги: {top}",
                "en": "after z-scoring: {share:.1%}; largest weights: {top}"},
    "wine_stds": {"uk": "стандартні відхилення ознак: proline {proline:.1f}, найбільше з інших — {second:.1f} ({name})",
                  "en": "the features' standard deviations: proline {proline:.1f}, the largest of the others {second:.1f} ({name})"},
    # ---------------------------------------------------------------- 3. metrics
    "d_euclid": {"uk": "евклідова      d_2   = {d:.4f}", "en": "Euclidean  d_2   = {d:.4f}"},
    "d_manhattan": {"uk": "манхеттенська  d_1   = {d:.4f}", "en": "Manhattan  d_1   = {d:.4f}"},
    "d_minkowski": {"uk": "Мінковського   d_3   = {d:.4f}", "en": "Minkowski  d_3   = {d:.4f}"},
    "d_chebyshev": {"uk": "Чебишова       d_inf = {d:.4f}", "en": "Chebyshev  d_inf = {d:.4f}"},
    "d_cosine": {"uk": "косинусна      d_cos = {d:.4f}", "en": "cosine     d_cos = {d:.4f}"},
    "metric_euclidean": {"uk": "евклідова", "en": "euclidean"},
    "metric_manhattan": {"uk": "манхеттенська", "en": "manhattan"},
    "metric_chebyshev": {"uk": "Чебишова", "en": "chebyshev"},
    "metric_minkowski_half": {"uk": "«Мінковського» p=0.5", "en": "'minkowski' p=0.5"},
    "metric_minkowski_3": {"uk": "Мінковського p=3", "en": "minkowski p=3"},
    "metric_cosine": {"uk": "косинусна", "en": "cosine"},
    "metric_mahalanobis": {"uk": "Махаланобіса", "en": "mahalanobis"},
    "axioms": {"uk": "{name:20}  симетрична: {sym!s:5}  нулі на діагоналі: {diag!s:5}  "
                     "нерівність трикутника порушена у {bad:5d} з {triples} трійок",
               "en": "{name:17}  symmetric: {sym!s:5}  zero diagonal: {diag!s:5}  "
                     "triangle inequality fails in {bad:5d} of {triples} triples"},
    "cosine_3x": {"uk": "косинусна: d(x, 3x) = {d:.3f}, хоча x != 3x", "en": "cosine: d(x, 3x) = {d:.3f} although x != 3x"},
    "shared_with_euclid": {"uk": "евклідова і {name:13}: у середньому {shared:.1%} з {k} сусідів спільні",
                           "en": "euclidean vs {name:9}: {shared:.1%} of the {k} neighbours shared on average"},
    # ---------------------------------------------------------------- 4. distorted geometry
    "Euclidean": {"uk": "Евклід", "en": "Euclidean"},
    "Mahalanobis": {"uk": "Махаланобіс", "en": "Mahalanobis"},
    "deviations": {"uk": "{name:11}: max |Δx1|/σ1 = {dx1:.2f},  max |Δx2|/σ2 = {dx2:.3f}",
                   "en": "{name:11}: max |Δx1|/σ1 = {dx1:.2f},  max |Δx2|/σ2 = {dx2:.3f}"},
    "shared_of_10": {"uk": "спільних сусідів: {n} з 10", "en": "shared neighbours: {n} of 10"},
    "n_distances": {"uk": "{n} відстаней, від {lo:.3f} до {hi:.3f}", "en": "{n} distances, from {lo:.3f} to {hi:.3f}"},
    "diag_equal": {"uk": "Махаланобіс (діагональна Σ) == Евклід після стандартизації:",
                   "en": "Mahalanobis (diagonal Σ) == Euclidean after z-scoring:"},
    "cov_after_z": {"uk": "коваріація після стандартизації:\n", "en": "covariance after z-scoring:\n"},
    "cov_after_w": {"uk": "коваріація після вибілювання:\n", "en": "covariance after whitening:\n"},
    "z_vs_mahal": {"uk": "Евклід після стандартизації і Махаланобіс: відносна різниця до {rel:.2f}",
                   "en": "z-scored Euclidean vs Mahalanobis: relative difference up to {rel:.2f}"},
    "whitened_equal": {"uk": "Евклід після вибілювання == Махаланобіс:", "en": "whitened Euclidean == Mahalanobis:"},
    "iso_state": {"uk": "s1={s1:.1f} s2={s2:.1f} θ={theta:4d}°: Махаланобіс {idx}, спільних з Евклідом {shared} з 8",
                  "en": "s1={s1:.1f} s2={s2:.1f} θ={theta:4d}°: Mahalanobis {idx}, shared with Euclidean {shared} of 8"},
    "raw_dollars": {"uk": "сирі $", "en": "raw $"},
    "setup_accuracy": {"uk": "{name:28} точність на тесті {acc:.3f}", "en": "{name:20} test accuracy {acc:.3f}"},
    # ---------------------------------------------------------------- 5. the real tools
    "same_as_cdist": {"uk": "{name:16} fsgeom == scipy cdist: {same}", "en": "{name:14} fsgeom == scipy cdist: {same}"},
    "same_as_sklearn": {"uk": "{name:14} fsgeom == {sk:14}: {same}", "en": "{name:7} fsgeom == {sk:14}: {same}"},
    "population_sigma": {"uk": "StandardScaler.scale_ — це σ генеральної сукупності (ddof=0):",
                         "en": "StandardScaler.scale_ is the population σ (ddof=0):"},
    "sklearn_vs_ours": {"uk": "{name:14} точність sklearn {sk:.3f}, fsgeom {ours:.3f}, ті самі прогнози: {same}",
                        "en": "{name:11} sklearn accuracy {sk:.3f}, fsgeom {ours:.3f}, same predictions: {same}"},
    # ---------------------------------------------------------------- the assignment's experiments
    "knn_accuracy_of": {"uk": "точність k-NN, {label:24s}: {acc:.3f}", "en": "k-NN accuracy, {label:22s}: {acc:.3f}"},
    "raw_years_dollars": {"uk": "сирі (роки, долари)", "en": "raw (years, dollars)"},
    "diag_mahal_equal": {"uk": "d_M(діагональна cov) == Евклід після стандартизації:",
                         "en": "d_M(diagonal cov) == Euclidean after z-scoring:"},
    "lecture_ellipse": {"uk": "еліпс із лекції: a = {a:g}, b = {b:g}, кут = {angle:g}·π",
                        "en": "lecture's ellipse: a = {a:g}, b = {b:g}, angle = {angle:g}·π"},
}

#: ``T("split", n_train=210, n_test=90, share=0.311)`` in the notebook's language
T = Texts(TEXTS)
