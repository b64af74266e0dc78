"""Module 07: every label the lecture prints, in both languages (``T(key, **fmt)``).

The code cells are identical in the Ukrainian and English notebooks; what they print comes from here, in the
notebook's language (:func:`fsgeom.i18n.language`). Widget and figure labels live in :mod:`.plots` and :mod:`.widgets`.
"""
from __future__ import annotations

from ...i18n import Texts

__all__ = ["T", "TEXTS"]

TEXTS = {
    # ==== lecture (printed by the notebook's code cells)
    # ---------------------------------------------------------------- words passed into other templates
    "norm_on": {"uk": "з L2-нормалізацією", "en": "with L2 normalization"},
    "norm_off": {"uk": "без L2-нормалізації", "en": "without L2 normalization"},
    "target_scaled": {"uk": "оцінки, масштабовані до [−1, 1]", "en": "ratings scaled to [−1, 1]"},
    "target_raw": {"uk": "оцінки в зірках", "en": "ratings in stars"},
    "cfg_11": {"uk": "нормалізація + масштабування", "en": "normalized + scaled"},
    "cfg_10": {"uk": "нормалізація + зірки", "en": "normalized + stars"},
    "cfg_01": {"uk": "без нормалізації + масштабування", "en": "not normalized + scaled"},
    "cfg_00": {"uk": "без нормалізації + зірки", "en": "not normalized + stars"},
    "diverged": {"uk": "розбіглося (епоха {epoch})", "en": "diverged (epoch {epoch})"},
    # ---------------------------------------------------------------- 0. data
    "data_shape": {"uk": "оцінок {n}: користувачів {n_users}, фільмів {n_items}; зірки від {lo:g} до {hi:g}, середня {mean:.3f}",
                   "en": "{n} ratings: {n_users} users, {n_items} items; stars from {lo:g} to {hi:g}, mean {mean:.3f}"},
    "data_counts": {"uk": "оцінок на користувача: від {u_min} до {u_max} (медіана {u_med:g}); на фільм: від {i_min} до {i_max} (медіана {i_med:g})",
                    "en": "ratings per user: from {u_min} to {u_max} (median {u_med:g}); per item: from {i_min} to {i_max} (median {i_med:g})"},
    "data_split": {"uk": "навчальна вибірка {n_train}, валідаційна {n_val}, тестова {n_test} оцінок",
                   "en": "training set {n_train}, validation set {n_val}, test set {n_test} ratings"},
    "data_features": {"uk": "ознак користувача {du}, ознак фільму {dm} (стандартизовані)",
                      "en": "{du} user features, {dm} item features (standardized)"},
    # ---------------------------------------------------------------- 1. the model
    "fd_l2": {"uk": "зворотне поширення через L2-нормалізацію проти скінченних різниць: max |різниця| = {err:.1e} (max |градієнт| = {size:.2f}); max |⟨градієнт, v⟩| = {orth:.1e}",
              "en": "backpropagation through L2 normalization against finite differences: max |difference| = {err:.1e} (max |gradient| = {size:.2f}); max |⟨gradient, v⟩| = {orth:.1e}"},
    "fd_model": {"uk": "{kind}: функція втрат на батчі {loss:.4f}; градієнти обох веж проти скінченних різниць: max |різниця| = {err:.1e}",
                 "en": "{kind}: loss on the batch {loss:.4f}; gradients of both towers against finite differences: max |difference| = {err:.1e}"},
    # ---------------------------------------------------------------- 2. range matching
    "target_stats": {"uk": "min і max зірок навчальної вибірки: {lo:g} і {hi:g} (усіх оцінок: {lo_all:g} і {hi_all:g})",
                     "en": "min and max stars of the training set: {lo:g} and {hi:g} (of all ratings: {lo_all:g} and {hi_all:g})"},
    "scaled_map": {"uk": "зірки → масштабована оцінка: {pairs}", "en": "stars → scaled rating: {pairs}"},
    "scaled_mean": {"uk": "середня масштабована оцінка навчальної вибірки {mean:+.3f}; додатних {share:.3f}",
                    "en": "mean scaled rating of the training set {mean:+.3f}; positive {share:.3f}"},
    "floor": {"uk": "нижня межа похибки, коли прогноз ≤ 1 зірки: sqrt(mean((r − 1)²)) на тестовій вибірці = {floor:.3f}; оцінок понад 1 зірку {above:.3f}",
              "en": "error floor when the prediction is ≤ 1 star: sqrt(mean((r − 1)²)) on the test set = {floor:.3f}; ratings above 1 star {above:.3f}"},
    "floor_run": {"uk": "L2-нормалізація, {target}, η = 1.0: RMSE на тестовій вибірці {rmse:.3f} зірки; вихід моделі від {pmin:+.3f} до {pmax:+.3f}",
                  "en": "L2 normalization, {target}, η = 1.0: test RMSE {rmse:.3f} stars; model output from {pmin:+.3f} to {pmax:+.3f}"},
    # ---------------------------------------------------------------- 3. the ablation
    "abl_row": {"uk": "{cfg:32} η = {lr:<5g} RMSE на тестовій вибірці: {runs}", "en": "{cfg:32} η = {lr:<5g} test RMSE: {runs}"},
    "abl_div": {"uk": "розбіглося запусків (з {total}): нормалізація + масштабування {nn}, нормалізація + зірки {nr}, без нормалізації + масштабування {rn}, без нормалізації + зірки {rr}",
                "en": "runs diverged (of {total}): normalized + scaled {nn}, normalized + stars {nr}, not normalized + scaled {rn}, not normalized + stars {rr}"},
    "baselines": {"uk": "базові прогнози, RMSE на тестовій вибірці: глобальне середнє {glob:.3f}, середня оцінка фільму {item:.3f}; найкраща модель {best:.3f}",
                  "en": "baselines, test RMSE: global mean {glob:.3f}, the item's mean rating {item:.3f}; the best model {best:.3f}"},
    "curve": {"uk": "{cfg}, η = {lr:g}", "en": "{cfg}, η = {lr:g}"},
    "curves_title": {"uk": "Криві навчання (seed 0): RMSE на валідаційній вибірці, зірки",
                     "en": "Learning curves (seed 0): validation RMSE, stars"},
    "learn_row": {"uk": "s·cos θ + b, {target}, η = {lr:g}, seed 0: {runs}", "en": "s·cos θ + b, {target}, η = {lr:g}, seed 0: {runs}"},
    "learn_ok": {"uk": "RMSE на тестовій вибірці {rmse:.3f} (s = {s:.2f}, b = {b:.2f})", "en": "test RMSE {rmse:.3f} (s = {s:.2f}, b = {b:.2f})"},
    "learn_loss": {"uk": "s·cos θ + b, η = 1.0: функція втрат за епохами {losses}, далі розбіглося",
                   "en": "s·cos θ + b, η = 1.0: loss per epoch {losses}, then diverged"},
    # ---------------------------------------------------------------- 4. what normalization removes
    "norm_ranges": {"uk": "довжини векторів без нормалізації: користувачі від {u_lo:.2f} до {u_hi:.2f}, фільми від {m_lo:.2f} до {m_hi:.2f}",
                    "en": "vector lengths without normalization: users from {u_lo:.2f} to {u_hi:.2f}, items from {m_lo:.2f} to {m_hi:.2f}"},
    "norm_pop": {"uk": "довжина вектора фільму і кількість його оцінок у навчальній вибірці: Спірмен {rho:+.3f}, Пірсон {r:+.3f}",
                 "en": "item vector length against its number of training ratings: Spearman {rho:+.3f}, Pearson {r:+.3f}"},
    "norm_act": {"uk": "довжина вектора користувача і кількість його оцінок: Спірмен {rho:+.3f}, Пірсон {r:+.3f}",
                 "en": "user vector length against the user's number of ratings: Spearman {rho:+.3f}, Pearson {r:+.3f}"},
    "norm_avg": {"uk": "довжина вектора фільму і його середня оцінка: Спірмен {rho:+.3f}",
                 "en": "item vector length against the item's mean rating: Spearman {rho:+.3f}"},
    "norm_genres": {"uk": "довжина вектора фільму і кількість його жанрів: Спірмен {rho:+.3f}",
                    "en": "item vector length against the item's number of genres: Spearman {rho:+.3f}"},
    "score_norm": {"uk": "скалярні добутки всіх пар і довжина вектора фільму: Пірсон {r:+.3f}; середній добуток фільму і його довжина: Спірмен {rho:+.3f}",
                   "en": "dot products of all pairs against the item vector length: Pearson {r:+.3f}; an item's mean dot product against its length: Spearman {rho:+.3f}"},
    "top5_overlap": {"uk": "топ-5 за скалярним добутком і за косинусом: спільних у середньому {mean:.3f} з 5; користувачів зі спільними 0–5: {hist}",
                     "en": "top 5 by dot product and by cosine: {mean:.3f} of 5 in common on average; users with 0–5 in common: {hist}"},
    "top5_props": {"uk": "довжина вектора фільмів у топ-5: за добутком {len_dot:.2f}, за косинусом {len_cos:.2f} (усі фільми {len_all:.2f}); оцінок у навчальній вибірці: {n_dot:.1f}, {n_cos:.1f} ({n_all:.1f})",
                   "en": "item vector length in the top 5: by dot product {len_dot:.2f}, by cosine {len_cos:.2f} (all items {len_all:.2f}); training ratings: {n_dot:.1f}, {n_cos:.1f} ({n_all:.1f})"},
    "top5_spread": {"uk": "різних фільмів у всіх списках (з 400): за добутком {k_dot}, за косинусом {k_cos}; найчастіший фільм рекомендовано {max_dot} і {max_cos} користувачам з 600",
                    "en": "distinct items in all the lists (of 400): by dot product {k_dot}, by cosine {k_cos}; the most recommended item goes to {max_dot} and {max_cos} users of 600"},
    "top5_truth": {"uk": "скільки зірок поставили б користувачі фільмам із топ-5 (латентна модель без шуму): за добутком {dot:.2f}, за косинусом тих самих векторів {cos:.2f}, модель, навчена з нормалізацією, {norm:.2f}; найкращий можливий топ-5 {best:.2f}, випадковий неоцінений фільм {all:.2f}",
                   "en": "stars the users would give the items of the top 5 (the latent model without noise): by dot product {dot:.2f}, by cosine of the same vectors {cos:.2f}, the model trained with normalization {norm:.2f}; the best possible top 5 {best:.2f}, a random unrated item {all:.2f}"},
    "top5_user": {"uk": "користувач {u}: за добутком [{dot}], за косинусом [{cos}], спільних {k}",
                  "en": "user {u}: by dot product [{dot}], by cosine [{cos}], {k} in common"},
    # ---------------------------------------------------------------- 5. the real tool
    "tool_minmax": {"uk": "MinMaxScaler((−1, 1)), навчений на train: min {lo:g}, max {hi:g}; transform проти нашого {fwd:.1e}, inverse_transform {inv:.1e}",
                    "en": "MinMaxScaler((−1, 1)) fitted on train: min {lo:g}, max {hi:g}; transform against ours {fwd:.1e}, inverse_transform {inv:.1e}"},
    "tool_normalize": {"uk": "sklearn normalize проти maths.l2_normalize: max |різниця| = {d:.1e}; нульовий рядок лишається нульовим: {zero:g}",
                       "en": "sklearn normalize against maths.l2_normalize: max |difference| = {d:.1e}; the zero row stays zero: {zero:g}"},
    "tool_tf": {"uk": "формула TensorFlow проти maths.l2_normalize: {d:.1e}; крихітний вектор: {d_tiny:.1e}, довжина результату {tf_len:.3f} (у normalize scikit-learn {sk_len:.3f})",
                "en": "TensorFlow's formula against maths.l2_normalize: {d:.1e}; a tiny vector: {d_tiny:.1e}, length of the result {tf_len:.3f} (scikit-learn's normalize {sk_len:.3f})"},
    # ---------------------------------------------------------------- 6. the replies
    "reply_memory": {"uk": "параметрів моделі з нормалізацією {on}, без неї {off}; нормалізація додає лише тимчасові масиви батча, чисел: {extra}",
                     "en": "model parameters with normalization {on}, without it {off}; normalization adds only temporary arrays of the batch: {extra} numbers"},
    "reply_continuous": {"uk": "різних масштабованих оцінок {levels}; різних прогнозів на {n} тестових оцінках {distinct}",
                         "en": "{levels} distinct scaled ratings; {distinct} distinct predictions on {n} test ratings"},
    "reply_bounds": {"uk": "вихід з нормалізацією від {on_lo:+.3f} до {on_hi:+.3f}; без нормалізації від {off_lo:+.3f} до {off_hi:+.3f} ({lo_star:.2f}…{hi_star:.2f} зірки), поза [−1, 1] {out:.4f}",
                     "en": "output with normalization from {on_lo:+.3f} to {on_hi:+.3f}; without normalization from {off_lo:+.3f} to {off_hi:+.3f} ({lo_star:.2f}…{hi_star:.2f} stars), outside [−1, 1] {out:.4f}"},
}

T = Texts(TEXTS)
