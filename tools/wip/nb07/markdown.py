MD = {}
MD["intro"] = {
"uk": r"""# Завдання 7. Дві вежі: L2-нормалізація обох веж і масштабування оцінок до [−1, 1]

*Лекція 7 «Дві вежі: навіщо L2-нормалізувати обидві вежі й масштабувати оцінки до [−1, 1]».*

Питання з форуму курсу: у контентній рекомендаційній моделі з двома вежами (вежа користувача і вежа фільму, кожна — dense → ReLU → dense) обидва виходи L2-нормалізують перед скалярним добутком, а оцінки (0.5–5.0 зірок із кроком 0.5) min-max масштабують до [−1, 1]. Навіщо? У цьому завданні ви реалізуєте всю модель у numpy — масштабування оцінки та зворотне перетворення, L2-нормалізацію рядків і її зворотне поширення (добуток вектора на якобіан), вежу з її градієнтами, передбачення, крок навчання, перетворення передбачень на зірки — і відповідаєте на питання числами власного експерименту.

**Що зробити.** Реалізуйте функції в комірках із `raise NotImplementedError()` (завдання 1–8) і напишіть одну відповідь словами (завдання 9, оцінює викладач):

| # | функція | бали |
|---|---|---|
| 1 | `minmax_scale(y_train, y_test, lo=-1.0, hi=1.0)` | 3 |
| 2 | `minmax_inverse(z, stats, lo=-1.0, hi=1.0)` | 2 |
| 3 | `l2_normalize_rows(V, eps=1e-12)` | 2 |
| 4 | `l2_normalize_backward(V, G, eps=1e-12)` | 3 |
| 5 | `tower_forward(params, X)` і `tower_backward(params, cache, dV)` | 3 |
| 6 | `predict(vu, vm, normalize)` | 2 |
| 7 | `sgd_step(params_u, params_m, Xu, Xm, y, lr, normalize)` | 3 |
| 8 | `to_stars(z, stats, lo=-1.0, hi=1.0)` | 2 |
| 9 | письмова відповідь на питання з форуму (оцінює викладач) | 3 |

**Правила.**
- **Лише numpy**: ваші функції не можуть викликати SciPy, scikit-learn чи пакет курсу `fsgeom` (у ньому еталонні реалізації курсу), навіть під іншим ім'ям чи через вашу допоміжну функцію; тести бачать такі виклики і називають їх. Векторизований код (трансляція, `axis=`, `@`) кращий; цикли приймаються, але повільні.
- Вхідні дані — array-like: масиви numpy, але й списки та цілі числа (перетворюйте їх через `np.asarray(..., dtype=float)`).
- Некоректні вхідні дані викликають `ValueError` зі зрозумілим повідомленням (перелічено нижче для кожної функції).
- Повертайте масиви numpy (`np.ndarray`), а не списки; де функція повертає кілька значень — кортеж.

**Перевірка.** Після кожного завдання — комірка з тестами: видимі перевірки одразу кажуть, що не так (наприклад, «параметри масштабування оцінено не лише на train»). Під час оцінювання запускаються ще й приховані тести на випадкових даних. Одне завдання можна перевірити будь-коли:
```python
from fsgeom.modules.m07_two_tower.checks import check
check("minmax_scale", globals())
```
а весь зошит — останньою коміркою (`check_all`). Не змінюйте комірки з тестами й не перейменовуйте функції.""",
"en": r"""# Assignment 7. Two towers: L2-normalizing both towers and scaling the ratings to [−1, 1]

*Lecture 7 "Two towers: why L2-normalize both towers and scale the ratings to [−1, 1]".*

A question from the course forum: in a content-based two-tower recommender (a user tower and an item tower, each dense → ReLU → dense) both outputs are L2-normalized before the dot product, and the ratings (0.5–5.0 stars in steps of 0.5) are min-max scaled to [−1, 1]. Why? In this assignment you implement the whole model in numpy — scaling the target and its inverse, L2 normalization of rows and its backpropagation (the vector–Jacobian product), a tower with its gradients, the prediction, one training step, predictions back to stars — and answer the question with the numbers of your own experiment.

**What to do.** Implement the functions in the cells that contain `raise NotImplementedError()` (tasks 1–8) and write one answer in words (task 9, graded by your instructor):

| # | function | points |
|---|---|---|
| 1 | `minmax_scale(y_train, y_test, lo=-1.0, hi=1.0)` | 3 |
| 2 | `minmax_inverse(z, stats, lo=-1.0, hi=1.0)` | 2 |
| 3 | `l2_normalize_rows(V, eps=1e-12)` | 2 |
| 4 | `l2_normalize_backward(V, G, eps=1e-12)` | 3 |
| 5 | `tower_forward(params, X)` and `tower_backward(params, cache, dV)` | 3 |
| 6 | `predict(vu, vm, normalize)` | 2 |
| 7 | `sgd_step(params_u, params_m, Xu, Xm, y, lr, normalize)` | 3 |
| 8 | `to_stars(z, stats, lo=-1.0, hi=1.0)` | 2 |
| 9 | written answer to the forum question (graded by the instructor) | 3 |

**Rules.**
- **numpy only**: your functions may not call SciPy, scikit-learn or the course package `fsgeom` (it holds the course's own reference implementations), not even under another name or through a helper of yours; the tests see such calls and name them. Prefer vectorized code (broadcasting, `axis=`, `@`); loops are accepted, but slow.
- Inputs are array-likes: numpy arrays, but also lists and integers (convert them with `np.asarray(..., dtype=float)`).
- Bad input raises `ValueError` with a clear message (listed below for each function).
- Return numpy arrays (`np.ndarray`), not lists; where a function returns several values, return a tuple.

**Checking.** Each task is followed by a test cell: its visible checks tell you at once what is wrong (e.g. "the scaling parameters were not estimated on train only"). Grading also runs hidden tests on random data. You can check one task at any time:
```python
from fsgeom.modules.m07_two_tower.checks import check
check("minmax_scale", globals())
```
and the whole notebook with the last cell (`check_all`). Do not edit the test cells and do not rename the functions.""",
}
MD["part1"] = {
"uk": r"""## Частина 1. Оцінка: min-max масштабування і назад

Модель передбачає не зірки, а число в $[lo, hi]$ (за замовчуванням $[-1, 1]$). **Min-max масштабування** з параметрами $y_{\min}, y_{\max}$ **навчальної** вибірки:

$$
z = lo + (y - y_{\min})\,\frac{hi - lo}{y_{\max} - y_{\min}}, \qquad y = y_{\min} + (z - lo)\,\frac{y_{\max} - y_{\min}}{hi - lo}
$$

(як `MinMaxScaler(feature_range=(lo, hi))`). Параметри оцінюємо лише на train і тестову вибірку лише перетворюємо ними: оцінка тесту поза діапазоном train потрапляє поза $[lo, hi]$ — її не обрізають.""",
"en": r"""## Part 1. The target: min-max scaling and back

The model predicts not stars but a number in $[lo, hi]$ (by default $[-1, 1]$). **Min-max scaling** with the parameters $y_{\min}, y_{\max}$ of the **training** set:

$$
z = lo + (y - y_{\min})\,\frac{hi - lo}{y_{\max} - y_{\min}}, \qquad y = y_{\min} + (z - lo)\,\frac{y_{\max} - y_{\min}}{hi - lo}
$$

(as `MinMaxScaler(feature_range=(lo, hi))`). The parameters are estimated on train only, and the test set is only transformed with them: a test rating outside the training range lands outside $[lo, hi]$, it is not clipped.""",
}
MD["task_scale"] = {
"uk": r"""### Завдання 1 (3 бали): min-max масштабування, оцінене на train

Реалізуйте `minmax_scale(y_train, y_test, lo=-1.0, hi=1.0)`, що повертає `(z_train, z_test, stats)`: обидві вибірки, перетворені за формулою вище, і `stats = (y_min, y_max)` — мінімум і максимум **навчальної** вибірки (числа). Приховані тести дають тестову вибірку, що виходить за діапазон train: масштабування, оцінене на train і test разом (чи лише на test), це завдання не пройде.

**Некоректні вхідні дані** (`ValueError`): `y_train` порожня, стала чи містить nan або inf; `lo ≥ hi`.""",
"en": r"""### Task 1 (3 points): min-max scaling estimated on train

Implement `minmax_scale(y_train, y_test, lo=-1.0, hi=1.0)`, returning `(z_train, z_test, stats)`: both sets transformed by the formula above, and `stats = (y_min, y_max)`, the minimum and maximum of the **training** set (numbers). The hidden tests give a test set that reaches beyond the training range: a scaler estimated on train and test together (or on test alone) does not pass this task.

**Bad input** (`ValueError`): `y_train` is empty, constant or holds nan or inf; `lo ≥ hi`.""",
}
MD["task_inverse"] = {
"uk": r"""### Завдання 2 (2 бали): зворотне перетворення

Реалізуйте `minmax_inverse(z, stats, lo=-1.0, hi=1.0)`: $y = y_{\min} + (z - lo)(y_{\max} - y_{\min})/(hi - lo)$ для масиву `z` будь-якої форми; результат — масив тієї ж форми. Приховані тести беруть різні $[lo, hi]$, зокрема з $lo \ne 0$ і $hi - lo \ne y_{\max} - y_{\min}$.

**Некоректні вхідні дані** (`ValueError`): `lo ≥ hi`; `y_min ≥ y_max`.""",
"en": r"""### Task 2 (2 points): the inverse

Implement `minmax_inverse(z, stats, lo=-1.0, hi=1.0)`: $y = y_{\min} + (z - lo)(y_{\max} - y_{\min})/(hi - lo)$ for an array `z` of any shape; the result has the same shape. The hidden tests use various $[lo, hi]$, among them $lo \ne 0$ and $hi - lo \ne y_{\max} - y_{\min}$.

**Bad input** (`ValueError`): `lo ≥ hi`; `y_min ≥ y_max`.""",
}
MD["part2"] = {
"uk": r"""## Частина 2. L2-нормалізація і її градієнт

Кожен **рядок** матриці $V$ — вектор одного користувача чи фільму. L2-нормалізація (як `tf.math.l2_normalize(V, axis=1)`):

$$
u = \frac{v}{\sqrt{\max(\sum_j v_j^2,\ \varepsilon)}}
$$

— ε під коренем через max: рядок з $\lVert v\rVert^2 < \varepsilon$ ділять на $\sqrt\varepsilon$, нульовий лишається нульовим. Після неї скалярний добуток двох рядків — **косинусна подібність** $\cos\theta \in [-1, 1]$.

Для навчання потрібне **зворотне поширення** через нормалізацію. Якобіан $u = v/\lVert v\rVert$ — $J = (I - uu^\top)/\lVert v\rVert$ (симетричний), тож градієнт функції втрат за $v$ за відомим $g = \partial L/\partial u$ — **добуток вектора на якобіан**

$$
\frac{\partial L}{\partial v} = \frac{g - (g^\top u)\,u}{\lVert v\rVert}:
$$

від $g$ віднімають **проєкцію** на $u$ — зміна довжини $v$ не змінює $u$, тож градієнт ортогональний до $v$. (Де $\lVert v\rVert^2 < \varepsilon$, відображення $v/\sqrt\varepsilon$ лінійне, і добуток — $g/\sqrt\varepsilon$.)""",
"en": r"""## Part 2. L2 normalization and its gradient

Every **row** of a matrix $V$ is the vector of one user or item. L2 normalization (as `tf.math.l2_normalize(V, axis=1)`):

$$
u = \frac{v}{\sqrt{\max(\sum_j v_j^2,\ \varepsilon)}}
$$

— ε under the square root through max: a row with $\lVert v\rVert^2 < \varepsilon$ is divided by $\sqrt\varepsilon$, a zero row stays zero. After it the dot product of two rows is the **cosine similarity** $\cos\theta \in [-1, 1]$.

Training needs **backpropagation** through the normalization. The Jacobian of $u = v/\lVert v\rVert$ is $J = (I - uu^\top)/\lVert v\rVert$ (symmetric), so the gradient of the loss in $v$ given $g = \partial L/\partial u$ is the **vector–Jacobian product**

$$
\frac{\partial L}{\partial v} = \frac{g - (g^\top u)\,u}{\lVert v\rVert}:
$$

the **projection** of $g$ on $u$ is removed — changing the length of $v$ does not change $u$, so the gradient is orthogonal to $v$. (Where $\lVert v\rVert^2 < \varepsilon$ the map $v/\sqrt\varepsilon$ is linear and the product is $g/\sqrt\varepsilon$.)""",
}
MD["task_l2"] = {
"uk": r"""### Завдання 3 (2 бали): L2-нормалізація рядків

Реалізуйте `l2_normalize_rows(V, eps=1e-12)` за формулою вище для `V` форми $(n, d)$. Приховані тести містять рядки з $\lVert v\rVert^2 < \varepsilon$ і нульові рядки: на них видно різницю між $\sqrt{\max(\cdot, \varepsilon)}$ і $\lVert v\rVert + \varepsilon$ чи $\sqrt{\lVert v\rVert^2 + \varepsilon}$ (на звичайних рядках вона ~$10^{-12}$ і тестами не розрізняється).

**Некоректні вхідні дані** (`ValueError`): `V` не двовимірна матриця.""",
"en": r"""### Task 3 (2 points): L2 normalization of rows

Implement `l2_normalize_rows(V, eps=1e-12)` by the formula above for `V` of shape $(n, d)$. The hidden tests hold rows with $\lVert v\rVert^2 < \varepsilon$ and zero rows: there $\sqrt{\max(\cdot, \varepsilon)}$ differs from $\lVert v\rVert + \varepsilon$ or $\sqrt{\lVert v\rVert^2 + \varepsilon}$ (on ordinary rows the difference is ~$10^{-12}$ and the tests do not tell them apart).

**Bad input** (`ValueError`): `V` is not a 2-D matrix.""",
}
MD["task_backward"] = {
"uk": r"""### Завдання 4 (3 бали): добуток вектора на якобіан

Реалізуйте `l2_normalize_backward(V, G, eps=1e-12)`: для кожного рядка $v$ матриці `V` і відповідного рядка $g$ матриці `G` — $(g - (g^\top u)u)/\lVert v\rVert$ з $u$ і $\lVert v\rVert = \sqrt{\max(\lVert v\rVert^2, \varepsilon)}$ як у завданні 3 (для $\lVert v\rVert^2 < \varepsilon$ — $g/\sqrt\varepsilon$). Приховані тести порівнюють результат зі скінченними різницями.

**Некоректні вхідні дані** (`ValueError`): `V` не двовимірна чи `G` не тієї ж форми.""",
"en": r"""### Task 4 (3 points): the vector–Jacobian product

Implement `l2_normalize_backward(V, G, eps=1e-12)`: for every row $v$ of `V` and the matching row $g$ of `G`, $(g - (g^\top u)u)/\lVert v\rVert$ with $u$ and $\lVert v\rVert = \sqrt{\max(\lVert v\rVert^2, \varepsilon)}$ as in task 3 (for $\lVert v\rVert^2 < \varepsilon$: $g/\sqrt\varepsilon$). The hidden tests compare the result with finite differences.

**Bad input** (`ValueError`): `V` is not 2-D or `G` does not have its shape.""",
}
MD["part3"] = {
"uk": r"""## Частина 3. Дві вежі і навчання

Вежа — dense → ReLU → dense: $Z = XW_1 + b_1$, $H = \max(Z, 0)$, $V = HW_2 + b_2$. Вежа користувача дає $v_u$, вежа фільму — $v_m$; передбачення — $\langle v_u, v_m\rangle$ або, з нормалізацією, косинус $\langle u_u, u_m\rangle$. Функція втрат — середня квадратична помилка $L = \frac1n\sum_i(\hat y_i - y_i)^2$; її градієнт за передбаченням — $2(\hat y - y)/n$, далі ланцюгове правило через скалярний добуток, нормалізацію (завдання 4) і обидві вежі. **Крок навчання** $lr$: кожен параметр $\leftarrow$ параметр $- lr\cdot$градієнт.""",
"en": r"""## Part 3. Two towers and training

A tower is dense → ReLU → dense: $Z = XW_1 + b_1$, $H = \max(Z, 0)$, $V = HW_2 + b_2$. The user tower gives $v_u$, the item tower $v_m$; the prediction is $\langle v_u, v_m\rangle$ or, normalized, the cosine $\langle u_u, u_m\rangle$. The loss is the mean squared error $L = \frac1n\sum_i(\hat y_i - y_i)^2$; its gradient in the prediction is $2(\hat y - y)/n$, then the chain rule through the dot product, the normalization (task 4) and both towers. With the **learning rate** $lr$: every parameter $\leftarrow$ parameter $- lr\cdot$gradient.""",
}
MD["task_tower"] = {
"uk": r"""### Завдання 5 (3 бали): вежа — прямий і зворотний прохід

Реалізуйте `tower_forward(params, X)`, що повертає `(V, cache)` (`params` — словник `"W1"` $(d_{in}, h)$, `"b1"` $(h,)$, `"W2"` $(h, d_{out})$, `"b2"` $(d_{out},)$; `cache` — що завгодно, потрібне вашій `tower_backward`, наприклад `(X, Z, H)`), і `tower_backward(params, cache, dV)`, що за $dV = \partial L/\partial V$ повертає словник градієнтів `{"W1", "b1", "W2", "b2"}` (формули — у docstring). Приховані тести порівнюють градієнти зі скінченними різницями $L = \sum V\cdot dV$.

**Некоректні вхідні дані** (`ValueError`, для `tower_forward`): `X` не двовимірна чи має не $d_{in}$ стовпців.""",
"en": r"""### Task 5 (3 points): a tower, forward and backward

Implement `tower_forward(params, X)`, returning `(V, cache)` (`params` is a dict with `"W1"` $(d_{in}, h)$, `"b1"` $(h,)$, `"W2"` $(h, d_{out})$, `"b2"` $(d_{out},)$; `cache` is whatever your `tower_backward` needs, e.g. `(X, Z, H)`), and `tower_backward(params, cache, dV)`, which from $dV = \partial L/\partial V$ returns the dict of gradients `{"W1", "b1", "W2", "b2"}` (the formulas are in the docstring). The hidden tests compare the gradients with finite differences of $L = \sum V\cdot dV$.

**Bad input** (`ValueError`, for `tower_forward`): `X` is not 2-D or does not have $d_{in}$ columns.""",
}
MD["task_predict"] = {
"uk": r"""### Завдання 6 (2 бали): передбачення

Реалізуйте `predict(vu, vm, normalize)`: для кожної пари рядків — скалярний добуток (`normalize=False`) або косинусна подібність через вашу `l2_normalize_rows` (`normalize=True`); масив $(n,)$. Це завдання оцінюють з еталонною `l2_normalize_rows` замість вашої, тож помилку завдання 3 тут удруге не знімають.

**Некоректні вхідні дані** (`ValueError`): `vu`, `vm` не двовимірні однієї форми.""",
"en": r"""### Task 6 (2 points): the prediction

Implement `predict(vu, vm, normalize)`: for every pair of rows the dot product (`normalize=False`) or the cosine similarity through your `l2_normalize_rows` (`normalize=True`); an array $(n,)$. This task is graded with the reference `l2_normalize_rows` in place of yours, so a mistake made in task 3 is not charged again here.

**Bad input** (`ValueError`): `vu`, `vm` are not 2-D of the same shape.""",
}
MD["task_sgd"] = {
"uk": r"""### Завдання 7 (3 бали): один крок навчання

Реалізуйте `sgd_step(params_u, params_m, Xu, Xm, y, lr, normalize)`: один детермінований крок градієнтного спуску по всьому батчу на MSE через обидві вежі (схема — у docstring), що повертає `(loss_before, new_params_u, new_params_m)`: функцію втрат **до** кроку і **нові** словники параметрів. Вхідні словники не змінюйте (`params[k] -= ...` змінив би словник того, хто викликав). Використайте свої функції завдань 3–6: це завдання оцінюють з еталонними версіями замість ваших. Приховані тести порівнюють крок із градієнтом, отриманим скінченними різницями.

**Некоректні вхідні дані** (`ValueError`): `y` не має по одній цілі на рядок `Xu` і `Xm`; `lr ≤ 0`.""",
"en": r"""### Task 7 (3 points): one training step

Implement `sgd_step(params_u, params_m, Xu, Xm, y, lr, normalize)`: one deterministic full-batch gradient step on the MSE through both towers (the scheme is in the docstring), returning `(loss_before, new_params_u, new_params_m)`: the loss **before** the step and **new** parameter dicts. Do not modify the input dicts (`params[k] -= ...` would change the caller's dict). Use your functions of tasks 3–6: this task is graded with the reference versions in place of yours. The hidden tests compare the step with the gradient found by finite differences.

**Bad input** (`ValueError`): `y` does not hold one target per row of `Xu` and `Xm`; `lr ≤ 0`.""",
}
MD["task_stars"] = {
"uk": r"""### Завдання 8 (2 бали): назад до зірок

Реалізуйте `to_stars(z, stats, lo=-1.0, hi=1.0)`: зворотне перетворення (ваша `minmax_inverse`), обрізане до $[0.5, 5.0]$ і округлене до найближчої півзірки: `round(clip(y, 0.5, 5.0) * 2) / 2`. Передбачення моделі може вийти за $[lo, hi]$, а зірок поза $[0.5, 5]$ не буває. Приховані тести уникають точних нічиїх (як 2.25). Оцінюють з еталонною `minmax_inverse`.

**Некоректні вхідні дані** (`ValueError`): як у завданні 2.""",
"en": r"""### Task 8 (2 points): back to stars

Implement `to_stars(z, stats, lo=-1.0, hi=1.0)`: the inverse transform (your `minmax_inverse`), clipped to $[0.5, 5.0]$ and rounded to the nearest half star: `round(clip(y, 0.5, 5.0) * 2) / 2`. A model's prediction may leave $[lo, hi]$, but there are no stars outside $[0.5, 5]$. The hidden tests avoid exact ties (such as 2.25). Graded with the reference `minmax_inverse`.

**Bad input** (`ValueError`): as in task 2.""",
}
MD["experiment_md"] = {
"uk": r"""**Експеримент для завдання 9.** Згенерований набір оцінок курсу (600 користувачів, 400 фільмів, ознаки порахувано лише на train). Комірка тричі навчає дві вежі **вашими** функціями (20 кроків по всьому батчу) і друкує: (1) RMSE на тесті в зірках для косинуса з оцінками, масштабованими до [−1, 1]; (2) RMSE для косинуса з сирими зірками як ціллю і найбільше передбачення; (3) нижню межу $\sqrt{\mathrm{mean}((r - 1)^2)}$ — похибку передбачення «1 зірка» для всіх; (4) без нормалізації (скалярний добуток) з кроком навчання 0.01 і 0.1: крок навчання, скільки кроків зроблено (менше за 20 — функція втрат вибухнула) і останню функцію втрат.""",
"en": r"""**Experiment for task 9.** The course's generated ratings (600 users, 400 items, features computed on train only). The cell trains the two towers three ways with **your** functions (20 full-batch steps) and prints: (1) the test RMSE in stars for the cosine with the ratings scaled to [−1, 1]; (2) the RMSE for the cosine with the raw stars as the target, and the largest prediction; (3) the floor $\sqrt{\mathrm{mean}((r - 1)^2)}$, the error of predicting "1 star" everywhere; (4) without normalization (the dot product) at learning rates 0.01 and 0.1: the learning rate, how many steps ran (fewer than 20: the loss exploded) and the last loss.""",
}
MD["task_forum"] = {
"uk": r"""### Завдання 9 (3 бали): відповідь на питання з форуму (письмова відповідь)

Дайте відповідь на питання з форуму своїми словами, у 5–8 реченнях, **з числами вашого запуску** вище:

1. Навіщо масштабувати оцінки до [−1, 1], коли обидві вежі L2-нормалізовано? Що стається, якщо ціль — сирі зірки (яке найбільше передбачення і яка похибка, порівняно з межею)?
2. Навіщо L2-нормалізувати обидві вежі? Що сталося без нормалізації за кроку навчання 0.1 і чому (що росте)?
3. На форумі відповіли: «нормалізація економить пам'ять» і «після min-max масштабування вихід стає категорійним». Що в цих відповідях неправильно?

Це завдання оцінює викладач, а не автоматичні тести: самоперевірка його не бачить.""",
"en": r"""### Task 9 (3 points): answer the forum question (a written answer)

Answer the forum question in your own words, in 5–8 sentences, **with the numbers of your own run** above:

1. Why scale the ratings to [−1, 1] when both towers are L2-normalized? What happens when the target is the raw stars (the largest prediction, and the error compared with the floor)?
2. Why L2-normalize both towers? What happened without normalization at learning rate 0.1, and why (what grows)?
3. Replies on the forum said "normalizing saves memory" and "after min-max scaling the output becomes categorical". What is wrong with them?

This task is graded by your instructor, not automatically: the self-check does not see it.""",
}
MD["forum_answer"] = {
"uk": r"""### BEGIN SOLUTION
*Зразок відповіді.* Після L2-нормалізації обох веж передбачення — косинус, тобто число в $[-1, 1]$; min-max масштабування переводить оцінки в той самий діапазон $[-1, 1]$, тож кожна оцінка досяжна (**узгодження діапазонів**). З масштабованою ціллю RMSE на тесті ≈ **0.86** зірки. Якщо ж ціль — сирі зірки 0.5–5, косинус не може перевищити 1 зірку: найбільше передбачення **1.0**, RMSE **2.57** — практично межа $\sqrt{\mathrm{mean}((r - 1)^2)} \approx$ **2.57** («1 зірка» всім): модель нічого не вивчила, хоч і навчилася.

Без нормалізації передбачення — скалярний добуток, що росте разом із довжинами векторів, а градієнт за одним вектором пропорційний довжині іншого: кроки підсилюють одне одного. За кроку навчання 0.01 навчання йде (функція втрат ≈ 1.02 після 20 кроків), а за 0.1 функція втрат вибухнула вже на 3-му кроці (≈ $1.5\cdot10^{19}$) — **нестабільність**. Нормалізація фіксує довжину 1: передбачення обмежене, градієнт ортогональний до вектора і ділиться на його довжину, тож навчання стабільне навіть з більшим кроком.

Відповіді з форуму: нормалізація **не економить пам'ять** — вектори мають ту саму розмірність і тип, лише іншу довжину; а min-max масштабування — лінійне перетворення, воно **не робить вихід категорійним**: передбачення лишається неперервним числом, а до зірок його переводять зворотним перетворенням з обрізанням і округленням (`to_stars`).
### END SOLUTION""",
"en": r"""### BEGIN SOLUTION
*Sample answer.* After L2-normalizing both towers the prediction is a cosine, a number in $[-1, 1]$; min-max scaling puts the ratings into the same range $[-1, 1]$, so every rating is reachable (**range matching**). With the scaled target the test RMSE is ≈ **0.86** stars. With the raw 0.5–5 stars as the target the cosine cannot exceed 1 star: the largest prediction is **1.0**, the RMSE **2.57**, practically the floor $\sqrt{\mathrm{mean}((r - 1)^2)} \approx$ **2.57** ("1 star" for everyone): the model learned nothing useful although it trained.

Without normalization the prediction is a dot product that grows with the lengths of the vectors, and the gradient in one vector is proportional to the length of the other: the steps reinforce each other. At learning rate 0.01 training proceeds (loss ≈ 1.02 after 20 steps), at 0.1 the loss exploded at step 3 (≈ $1.5\cdot10^{19}$): **instability**. Normalization pins the length to 1: the prediction is bounded, the gradient is orthogonal to the vector and divided by its length, so training stays stable even with a larger step.

The forum's replies: normalizing **does not save memory** (the vectors keep their dimension and dtype, only their length changes); min-max scaling is a linear map and **does not make the output categorical**: the prediction stays a continuous number, turned into stars by the inverse transform with clipping and rounding (`to_stars`).
### END SOLUTION""",
}
MD["selfcheck_md"] = {
"uk": r"""## Самоперевірка перед здачею

Виконайте комірку нижче: вона запускає **видимі** перевірки всіх завдань і показує таблицю (✓/✗, бали, підказка). Приховані тести під час оцінювання перевіряють більше, тож ✓ тут — необхідна, але не достатня умова. З терміналу те саме: `python -m fsgeom.selfcheck 07-two-tower.ipynb`.""",
"en": r"""## Self-check before you submit

Run the cell below: it runs the **visible** checks of all tasks and prints a table (✓/✗, points, hint). The hidden tests used in grading check more, so a ✓ here is necessary but not sufficient. The same from a terminal: `python -m fsgeom.selfcheck 07-two-tower.ipynb`.""",
}
