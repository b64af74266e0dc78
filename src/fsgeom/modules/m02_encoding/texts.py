"""Module 02: every label the lecture, the widgets and the figures print, in both languages (``T(key, **fmt)``).

The code cells are identical in the Ukrainian and English notebooks; what they print comes from here, in the
notebook's language (:func:`fsgeom.i18n.language`).
"""
from __future__ import annotations

from ...i18n import Texts

__all__ = ["T", "TEXTS"]

TEXTS = {
    # ================================================================ lecture (printed by the notebook's code cells)
    # ---------------------------------------------------------------- 1. the weather category
    "weather_days": {"uk": "днів: {n}, категорій погоди: {m}; частка вологих днів {wet:.3f}",
                     "en": "{n} days, {m} weather categories; share of wet days {wet:.3f}"},
    "weather_header": {"uk": "категорія   днів   частка   частка вологих",
                       "en": "category    days   share    share wet"},
    "weather_row": {"uk": "{name:10} {n:5d}   {share:.3f}    {wet:.3f}", "en": "{name:10} {n:5d}   {share:.3f}    {wet:.3f}"},
    # ---------------------------------------------------------------- 2. integer codes
    "slide_distances": {"uk": "відстані |код_a - код_b| для red=1, green=2, blue=3:",
                        "en": "distances |code_a - code_b| for red=1, green=2, blue=3:"},
    "slide_ratio": {"uk": "d(red, blue) / d(red, green) = {ratio:.0f}", "en": "d(red, blue) / d(red, green) = {ratio:.0f}"},
    "split": {"uk": "днів у train: {n_train}, у test: {n_test}; тривіальне правило «завжди сухий день» на тесті: {majority:.3f}",
              "en": "train: {n_train} days, test: {n_test}; the trivial rule 'always a dry day' on test: {majority:.3f}"},
    "model_knn": {"uk": "k-NN (k=15)", "en": "k-NN (k=15)"},
    "model_logreg": {"uk": "логістична регресія", "en": "logistic regression"},
    "model_tree": {"uk": "дерево (глибина 3)", "en": "tree (depth 3)"},
    "int_header": {"uk": "цілі коди, {n} порядків: точність на тесті [найменша, найбільша], розмах",
                   "en": "integer codes, {n} orders: test accuracy [smallest, largest], spread"},
    "int_row": {"uk": "{model:20} [{low:.3f}, {high:.3f}]  {spread:.3f}",
                "en": "{model:20} [{low:.3f}, {high:.3f}]  {spread:.3f}"},
    "oh_header": {"uk": "точність на тесті         one-hot + числові   лише числові",
                  "en": "test accuracy             one-hot + numeric   numeric only"},
    "oh_row": {"uk": "{model:20}      {oh:.3f}               {num:.3f}",
               "en": "{model:20}      {oh:.3f}               {num:.3f}"},
    "majority": {"uk": "завжди «сухий день»       {acc:.3f}", "en": "always 'dry day'          {acc:.3f}"},
    "perm_row": {"uk": "{model:20} ті самі прогнози для {same} з {n} перестановок стовпців one-hot",
                 "en": "{model:20} the same predictions for {same} of {n} permutations of the one-hot columns"},
    "middle_threshold": {"uk": "найкращий поріг на коді (будь-яка лінійна модель): точність {acc:.3f}",
                         "en": "the best threshold on the code (any linear model): accuracy {acc:.3f}"},
    "middle_logreg_code": {"uk": "логістична регресія на коді red=1, green=2, blue=3: точність {acc:.3f}",
                           "en": "logistic regression on the code red=1, green=2, blue=3: accuracy {acc:.3f}"},
    "middle_logreg_oh": {"uk": "логістична регресія на one-hot: точність {acc:.3f}",
                         "en": "logistic regression on one-hot: accuracy {acc:.3f}"},
    # ---------------------------------------------------------------- 3. one-hot geometry
    "simplex_pairs": {"uk": "{n} пар категорій: відстані від {low:.6f} до {high:.6f} (√2 = {sqrt2:.6f})",
                      "en": "{n} pairs of categories: distances from {low:.6f} to {high:.6f} (√2 = {sqrt2:.6f})"},
    "simplex_sum": {"uk": "сума кожного рядка one-hot: від {low:.0f} до {high:.0f} (рядків: {n})",
                    "en": "sum of every one-hot row: from {low:.0f} to {high:.0f} ({n} rows)"},
    "gram_identity": {"uk": "вектори категорій ортогональні (матриця Грама = I): {same}",
                      "en": "the category vectors are orthogonal (Gram matrix = I): {same}"},
    "cov_check": {"uk": "коваріація стовпців one-hot: max |diag(p) - p p^T - np.cov| = {err:.1e}",
                  "en": "covariance of the one-hot columns: max |diag(p) - p p^T - np.cov| = {err:.1e}"},
    "corr_fog_sun": {"uk": "кореляція стовпців «туман» і «сонце»: {r:.3f}; усі пари від {low:.3f} до {high:.3f}",
                     "en": "correlation of the columns fog and sun: {r:.3f}; all pairs from {low:.3f} to {high:.3f}"},
    "rank_full": {"uk": "ранг [1, one-hot]: {rank} при {cols} стовпцях", "en": "rank of [1, one-hot]: {rank} with {cols} columns"},
    "rank_drop": {"uk": "ранг [1, one-hot без першого стовпця]: {rank} при {cols} стовпцях",
                  "en": "rank of [1, one-hot without the first column]: {rank} with {cols} columns"},
    "code_var": {"uk": "дисперсія цілого коду за 120 порядками: від {low:.3f} до {high:.3f} (у {ratio:.1f} раза)",
                 "en": "variance of the integer code over 120 orders: from {low:.3f} to {high:.3f} ({ratio:.1f} times)"},
    "oh_eig": {"uk": "власні значення коваріації one-hot:", "en": "eigenvalues of the one-hot covariance:"},
    "oh_eig_same": {"uk": "для всіх {n} перестановок стовпців ті самі: max різниця {diff:.1e}",
                    "en": "the same for all {n} column permutations: max difference {diff:.1e}"},
    # ---------------------------------------------------------------- 4. many categories, embeddings
    "memory": {"uk": "one-hot {n} x {m}: щільно {dense:.1f} ГБ, CSR {csr:.2f} МБ (у {ratio:.0f} разів менше)",
               "en": "one-hot {n} x {m}: dense {dense:.1f} GB, CSR {csr:.2f} MB ({ratio:,.0f} times less)"},
    "ls_is_mean": {"uk": "найменші квадрати на one-hot = середні категорій: max різниця {err:.1e}",
                   "en": "least squares on one-hot = the category means: max difference {err:.1e}"},
    "ridge_is_smoothed": {"uk": "ridge (штраф s=1) = згладжене середнє (s=1): max різниця {err:.1e}",
                          "en": "ridge (penalty s=1) = the smoothed mean (s=1): max difference {err:.1e}"},
    "bv_header": {"uk": "категорій  рядків/кат.   s=0: MSE train  test    s=1: MSE train  test",
                  "en": "categories  rows/cat.    s=0: MSE train  test    s=1: MSE train  test"},
    "bv_row": {"uk": "{m:9d}  {per:10.1f}   {a:15.3f}  {b:5.3f}   {c:15.3f}  {d:5.3f}",
               "en": "{m:10,d}  {per:9.1f}    {a:15.3f}  {b:5.3f}   {c:15.3f}  {d:5.3f}"},
    "te_header": {"uk": "кодування       кореляція з y (train)   R^2 train   R^2 test",
                  "en": "encoding        correlation with y (train)   R^2 train   R^2 test"},
    "te_row": {"uk": "{name:15} {corr:21.3f}   {r2_train:9.3f}   {r2_test:8.3f}",
               "en": "{name:15} {corr:26.3f}   {r2_train:9.3f}   {r2_test:8.3f}"},
    "te_naive": {"uk": "наївне", "en": "naive"},
    "te_crossfit": {"uk": "перехресне", "en": "cross-fitted"},
    "hash_header": {"uk": "кошиків B    колізії (BLAKE2b)   формула 1-(1-1/B)^(m-1)",
                    "en": "buckets B    collisions (BLAKE2b)   formula 1-(1-1/B)^(m-1)"},
    "hash_row": {"uk": "{B:>9}    {ours:16.2%}   {formula:10.2%}", "en": "{B:>9,}    {ours:19.2%}   {formula:10.2%}"},
    "corpus": {"uk": "корпус: {n} речень, розмір словника {m}; вектори слів d = {d}",
               "en": "corpus: {n} sentences, a vocabulary of {m} words; word vectors d = {d}"},
    "first_sentence": {"uk": "перше речення: {s}", "en": "the first sentence: {s}"},
    "analogy_excluded": {"uk": "king - man + woman, слова запиту виключено: {answers}",
                         "en": "king - man + woman, query words excluded: {answers}"},
    "analogy_included": {"uk": "king - man + woman, слова запиту враховано: {answers}",
                         "en": "king - man + woman, query words included: {answers}"},
    "ppmi_singular_values": {"uk": "перші 10 сингулярних чисел PPMI: {sv}", "en": "the first 10 singular values of PPMI: {sv}"},
    "analogy_table_header": {
        "uk": "аналогій роду: {n}; частка правильних перших відповідей (слова запиту виключено, крім стовпця «враховано»)\n"
              "  d   3CosAdd   3CosAdd, враховано   лише b   середній cos пари (чол., жін.)",
        "en": "{n} gender analogies, share of correct first answers (query words excluded, except in \"included\")\n"
              "  d   3CosAdd   3CosAdd, included   only-b baseline   mean cos of a pair (male, female)"},
    "analogy_table_row": {"uk": "{d:>3}   {excluded:7.2f}   {included:18.2f}   {only_b:6.2f}   {twin:31.3f}",
                          "en": "{d:>3}   {excluded:7.2f}   {included:17.2f}   {only_b:15.2f}   {twin:32.3f}"},
    "rotation": {"uk": "після повороту: max |Δ косинуса| = {cos:.1e}; max |Δ координати| = {coord:.2f} (найбільша координата {scale:.2f})",
                 "en": "after a rotation: max |Δ cosine| = {cos:.1e}; max |Δ coordinate| = {coord:.2f} (largest coordinate {scale:.2f})"},
    "rotation_analogy": {"uk": "після повороту king - man + woman = {word}; точність на аналогіях {acc:.2f}",
                         "en": "after the rotation king - man + woman = {word}; accuracy on the analogies {acc:.2f}"},
    "parallel_royal": {"uk": "king - man і queen - woman: косинус {cos:.4f}, довжина |king - man| = {length:.2f}",
                       "en": "king - man and queen - woman: cosine {cos:.4f}, length |king - man| = {length:.2f}"},
    "parallel_gender": {"uk": "woman - man і queen - king: косинус {cos:.4f}, довжина |woman - man| = {length:.2f}",
                        "en": "woman - man and queen - king: cosine {cos:.4f}, length |woman - man| = {length:.2f}"},
    "month_loss": {"uk": "середньоквадратична похибка навчання: на початку {first:.3f}, в кінці {last:.3f}",
                   "en": "training mean squared error: at the start {first:.3f}, at the end {last:.3f}"},
    "month_header": {"uk": "місяць   два найближчі (відстані)", "en": "month   the two nearest (distances)"},
    "month_row": {"uk": "{month:6d}   {a:2d}, {b:2d}  ({da:.2f}, {db:.2f})", "en": "{month:5d}   {a:2d}, {b:2d}  ({da:.2f}, {db:.2f})"},
    "month_span": {"uk": "прогнози поза площиною двох головних напрямків середніх: {out:.1e} (масштаб прогнозів {scale:.2f})",
                   "en": "predictions outside the plane of the two principal directions of the means: {out:.1e} (scale of the predictions {scale:.2f})"},
    "month_sv": {"uk": "сингулярні числа зважених середніх по місяцях:", "en": "singular values of the weighted per-month means:"},
    # ---------------------------------------------------------------- 5. effect on algorithms
    "knn_terms": {"uk": "середній внесок у d^2: цілий код від {low:.2f} до {high:.2f}, one-hot {oh:.2f}, три числові ознаки {num:.2f}",
                  "en": "mean contribution to d^2: integer code from {low:.2f} to {high:.2f}, one-hot {oh:.2f}, three numeric features {num:.2f}"},
    "pca_int": {"uk": "PCA [код, числові]: частка першої компоненти від {low:.1%} до {high:.1%}, вага коду в ній від {wlow:.3f} до {whigh:.3f}",
                "en": "PCA [code, numeric]: share of the first component from {low:.1%} to {high:.1%}, the code's weight in it from {wlow:.3f} to {whigh:.3f}"},
    "svm_weather": {"uk": "лінійний SVM, погода: цілі коди ({n} порядків) від {low:.3f} до {high:.3f}, one-hot {oh:.3f}",
                    "en": "linear SVM, weather: integer codes ({n} orders) from {low:.3f} to {high:.3f}, one-hot {oh:.3f}"},
    "svm_middle": {"uk": "лінійний SVM, «середній код»: на коді {code:.3f}, на one-hot {oh:.3f}",
                   "en": "linear SVM, 'middle code': on the code {code:.3f}, on one-hot {oh:.3f}"},
    "fewshot_header": {"uk": "мічених днів   номер місяця   one-hot місяця   вбудовування (d=2)",
                       "en": "labelled days   month number   month one-hot   embedding (d=2)"},
    "fewshot_row": {"uk": "{n:12d}   {a:12.3f}   {b:14.3f}   {c:18.3f}", "en": "{n:13d}   {a:12.3f}   {b:13.3f}   {c:15.3f}"},
    # ---------------------------------------------------------------- 6. the real tools
    "ohe_sparse": {"uk": "OneHotEncoder: формат {fmt}, ті самі категорії: {same_cats}, max різниця з maths.one_hot {diff:.1f}",
                   "en": "OneHotEncoder: format {fmt}, the same categories: {same_cats}, max difference from maths.one_hot {diff:.1f}"},
    "ohe_unknown": {"uk": "невідома категорія (handle_unknown='ignore') = рядок нулів, як у maths.one_hot: {same}",
                    "en": "an unknown category (handle_unknown='ignore') = a row of zeros, as in maths.one_hot: {same}"},
    "ohe_infrequent": {"uk": "min_frequency=50: рідкісні — {cats}; стовпців {n}",
                       "en": "min_frequency=50: infrequent: {cats}; {n} columns"},
    "oe_same": {"uk": "OrdinalEncoder: max різниця з maths.integer_encode {diff:.1f}; невідома категорія → -1 так само: {unknown}",
                "en": "OrdinalEncoder: max difference from maths.integer_encode {diff:.1f}; unknown category → -1 likewise: {unknown}"},
    "te_sk_cross": {"uk": "TargetEncoder.fit_transform vs maths.target_encode_crossfit (ті самі частини): max різниця {diff:.1e}",
                    "en": "TargetEncoder.fit_transform vs maths.target_encode_crossfit (the same folds): max difference {diff:.1e}"},
    "te_sk_plain": {"uk": "TargetEncoder.fit(...).transform на train vs наївне кодування: max різниця {diff:.1e}",
                    "en": "TargetEncoder.fit(...).transform on train vs the naive encoding: max difference {diff:.1e}"},
    "te_sk_corr": {"uk": "кореляція з y на train: fit_transform {cross:.3f}, fit(...).transform {plain:.3f}",
                   "en": "correlation with y on train: fit_transform {cross:.3f}, fit(...).transform {plain:.3f}"},
    "te_sk_binary": {"uk": "бінарна ціль (стратифіковані частини): max різниця {diff:.1e}",
                     "en": "binary target (stratified folds): max difference {diff:.1e}"},
    "hasher_header": {"uk": "кошиків B    колізії: BLAKE2b  FeatureHasher   формула",
                      "en": "buckets B    collisions: BLAKE2b  FeatureHasher   formula"},
    "hasher_row": {"uk": "{B:>9}    {ours:13.2%}   {sk:13.2%}   {formula:7.2%}",
                   "en": "{B:>9,}    {ours:13.2%}   {sk:13.2%}   {formula:7.2%}"},
    # ================================================================ widgets and figures
    # (keys w_*: fsgeom.modules.m02_encoding.plots / widgets / figures)
    "w_cat_drizzle": {"uk": "мряка", "en": "drizzle"},
    "w_cat_fog": {"uk": "туман", "en": "fog"},
    "w_cat_rain": {"uk": "дощ", "en": "rain"},
    "w_cat_snow": {"uk": "сніг", "en": "snow"},
    "w_cat_sun": {"uk": "сонце", "en": "sun"},
    "w_encoding": {"uk": "кодування", "en": "encoding"},
    "w_enc_integer": {"uk": "цілі коди", "en": "integer codes"},
    "w_enc_onehot": {"uk": "one-hot", "en": "one-hot"},
    "w_enc_embedding": {"uk": "навчене вбудовування", "en": "learned embedding"},
    "w_order": {"uk": "порядок кодів №", "en": "code order no."},
    "w_dist_title": {"uk": "відстані між категоріями", "en": "distances between categories"},
    "w_layout_title": {"uk": "категорії на площині", "en": "the categories in the plane"},
    "w_spread_title": {"uk": "k-NN (k = {k}), «вологий день»", "en": "k-NN (k = {k}), 'wet day'"},
    "w_spread_x": {"uk": "точність на тесті", "en": "test accuracy"},
    "w_spread_y": {"uk": "кількість порядків кодів", "en": "number of code orders"},
    "w_spread_orders": {"uk": "усі {n} порядків кодів", "en": "all {n} code orders"},
    "w_spread_this": {"uk": "цей порядок кодів", "en": "this code order"},
    "w_spread_current": {"uk": "вибране кодування", "en": "the chosen encoding"},
    "w_spread_info": {"uk": "порядок №{i}: {acc:.3f}", "en": "order no. {i}: {acc:.3f}"},
    "w_note_integer": {"uk": "коди на прямій: відстань = різниця кодів",
                       "en": "codes on a line: distance = difference of the codes"},
    "w_note_onehot": {"uk": "у $\\mathbb{{R}}^{{{m}}}$ усі відстані $= \\sqrt{{2}}$; площина показує проєкцію",
                      "en": "in $\\mathbb{{R}}^{{{m}}}$ every distance is $\\sqrt{{2}}$; the plane shows a projection"},
    "w_note_embedding": {"uk": "вбудовування в $\\mathbb{{R}}^2$, навчене на train",
                         "en": "embedding in $\\mathbb{{R}}^2$ learned on train"},
    "w_readout_encoding": {
        "uk": "<b>Точність k-NN (k = {k}) на тесті, кодування «{encoding}»: {acc}</b> "
              "(ознаки: кодування погоди + стандартизовані temp_max, temp_min, wind; ціль — день з опадами).<br>"
              "Цілі коди в порядку {order}: точність {order_acc}; гірших порядків {worse} з {n}, кращих {better} "
              "(від {lo} до {hi}). One-hot: {onehot}; навчене вбудовування: {embedding}; лише числові ознаки: "
              "{numeric}; завжди «сухий день»: {majority}.<br>"
              "Рішення моделі: частка тестових днів, які k-NN вважає вологими, для кожної категорії (у дужках — "
              "справжня частка): {decision}.",
        "en": "<b>k-NN (k = {k}) test accuracy with {encoding}: {acc}</b> "
              "(features: the weather's encoding + z-scored temp_max, temp_min, wind; target: a day with "
              "precipitation).<br>"
              "Integer codes in the order {order}: accuracy {order_acc}; {worse} of {n} orders are worse, {better} "
              "better (from {lo} to {hi}). One-hot: {onehot}; learned embedding: {embedding}; numeric features only: "
              "{numeric}; always 'dry day': {majority}.<br>"
              "The model's decision: the share of each category's test days that k-NN calls wet (in brackets: the "
              "share that were wet): {decision}."},
    "w_query_a": {"uk": "a", "en": "a"},
    "w_query_b": {"uk": "b", "en": "b"},
    "w_query_c": {"uk": "c", "en": "c"},
    "w_dim": {"uk": "вимірність d", "en": "dimension d"},
    "w_exclude": {"uk": "без слів запиту", "en": "exclude the query words"},
    "w_mode_excluded": {"uk": "слова запиту виключено", "en": "query words excluded"},
    "w_mode_included": {"uk": "слова запиту враховано", "en": "query words included"},
    "w_plane_title": {"uk": "слова-особи в площині a, b, c (PPMI + SVD, d = {d})",
                      "en": "person words in the plane of a, b, c (PPMI + SVD, d = {d})"},
    "w_plane_x": {"uk": "уздовж b − a", "en": "along b − a"},
    "w_plane_y": {"uk": "перпендикулярно, у бік c", "en": "perpendicular, towards c"},
    "w_male": {"uk": "чоловічий рід", "en": "male words"},
    "w_female": {"uk": "жіночий рід", "en": "female words"},
    "w_arrow_ab": {"uk": "a → b", "en": "a → b"},
    "w_arrow_c": {"uk": "c → c + b − a", "en": "c → c + b − a"},
    "w_answer": {"uk": "найближче слово", "en": "nearest word"},
    "w_top_title": {"uk": "5 найближчих до b − a + c ({mode})", "en": "top 5 to b − a + c ({mode})"},
    "w_top_x": {"uk": "косинусна подібність", "en": "cosine similarity"},
    "w_expected": {"uk": "очікувана відповідь: {word} — {verdict}", "en": "expected answer: {word}, {verdict}"},
    "w_hit": {"uk": "знайдено", "en": "found"},
    "w_miss": {"uk": "не знайдено", "en": "missed"},
    "w_readout_analogy": {
        "uk": "<b>{a} : {b} = {c} : {answer}</b> (косинус {cos}); 5 найближчих до b − a + c: {top}. {expected}<br>"
              "3CosAdd на {n} гендерних аналогіях при d = {d}: точність {acc_ex} зі словами запиту виключеними, "
              "{acc_in} — з урахованими (зараз {mode}); базова лінія «лише b» (найближче до b слово, a і c "
              "ігноруються) — {acc_b}; середній косинус пари чоловічий/жіночий рід — {twin}.",
        "en": "<b>{a} : {b} = {c} : {answer}</b> (cosine {cos}); top 5 to b − a + c: {top}. {expected}<br>"
              "3CosAdd on the {n} gender analogies at d = {d}: accuracy {acc_ex} with the query words excluded, "
              "{acc_in} with them included (now: {mode}); the only-b baseline (the word nearest to b, a and c "
              "ignored): {acc_b}; mean cosine of a male/female pair: {twin}."},
    "w_kq_title": {"uk": "king − man + woman ≈ queen: наші вектори (PPMI + SVD, d = {d})",
                   "en": "king − man + woman ≈ queen: our vectors (PPMI + SVD, d = {d})"},
    "w_kq_no_gender": {"uk": "напрямку роду ще немає: середній косинус пари чол./жін. {twin:.3f}",
                       "en": "no gender direction yet: mean cosine of a male/female pair {twin:.3f}"},
    "w_kq_has_gender": {"uk": "рід представлено: середній косинус пари чол./жін. {twin:.3f}",
                        "en": "gender is represented: mean cosine of a male/female pair {twin:.3f}"},
    "w_kq_x": {"uk": "уздовж king − man", "en": "along king − man"},
    "w_kq_y": {"uk": "перпендикулярно, у бік woman", "en": "perpendicular, towards woman"},
    "w_kq_target": {"uk": "king − man + woman", "en": "king − man + woman"},
    "w_kq_gender": {"uk": "стать: чоловічий → жіночий рід", "en": "gender: male → female"},
    "w_kq_royal": {"uk": "особа → монарх", "en": "person → monarch"},
    "w_kq_pairs": {"uk": "інші пари (чоловічий → жіночий рід)", "en": "the other pairs (male → female)"},
}

T = Texts(TEXTS)
