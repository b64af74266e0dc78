# Cells of the 07-two-tower lecture: md(uk, en), code(src, tags), details(uk, en).  (exec'd by the builder)
import sys
sys.path.insert(0, "/work/main/tools/wip/m07_lecture")
from code_cells import CODE

md(r"""
# Модуль 7. Дві вежі: навіщо L2-нормалізувати обидві вежі й масштабувати оцінки до [−1, 1]

*Питання з форуму курсу про рекомендаційні системи і слайди «Косинусна відстань» лекції «Масштабування, нормалізація, кодування ознак».*

**Питання.** У лабораторній роботі з рекомендацій на основі вмісту (content-based filtering) дві нейронні мережі — вежа користувача і вежа фільму — видають вектори $v_u$ і $v_m$, а прогноз оцінки — їхній скалярний добуток. У реалізації на TensorFlow обидва вектори перед добутком проходять `l2_normalize`, а оцінки користувачів (від 0.5 до 5 зірок) перед навчанням перетворюють `MinMaxScaler((-1, 1))`. Слухач запитує: навіщо L2-нормалізація перед скалярним добутком, навіщо масштабувати саму ціль (раніше в курсі цілі ніхто не масштабував) і що станеться, якщо не робити ні того, ні іншого?

У відповідях учасник форуму пише, що нормалізація не дає добуткам ставати великими числами, зменшує коливання градієнтного спуску і, мабуть, економить пам'ять, а min-max масштабування «перетворює» вихід на категоріальний, дискретний. Автор питання сумнівається: оцінки ж не категоріальні — може, масштабування тримає прогнози між 0.5 і 5? Ментор курсу відповідає, що L2-нормалізація потрібна, бо після неї скалярний добуток лежить у $[-1, 1]$, а цього вимагає масштабована до $[-1, 1]$ ціль, і питає, яка користь від узгодження діапазонів.

Слайд «Косинусна відстань» дає ключ: для одиничних векторів $\cos\theta = \langle x, y\rangle$. Ми будуємо таку модель на numpy і відповідаємо на питання вимірюванням: вимикаємо нормалізацію, масштабування або обидва, і дивимося на похибку в зірках і на стабільність навчання.

**План.**
1. Модель на numpy: дві вежі, косинус, функція втрат і зворотне поширення (зокрема крізь L2-нормалізацію), перевірені скінченними різницями.
2. Узгодження діапазонів: косинус лежить у $[-1, 1]$, масштабована оцінка — теж; без масштабування похибка має нижню межу.
3. Експеримент 2 × 2: нормалізація так/ні × масштабування так/ні, три кроки навчання, два seed; навчений масштаб $s\cos\theta + b$.
4. Що прибирає нормалізація: довжини векторів, популярність і рекомендації.
5. Що робить справжній інструмент (scikit-learn, TensorFlow).
6. Відповіді з форуму: що підтверджують вимірювання.
7. Підсумки, вправи і питання.

**Дані.** Жоден набір оцінок з ознаками користувачів і фільмів не доступний офлайн, тож дані синтетичні, з відомою будовою (`data.generate`, seed 0): 600 користувачів і 400 фільмів. Фільм має 1–3 жанри з 12, рік випуску, приховану якість і популярність (логнормальну: кілька фільмів оцінюють дуже часто); користувач — смаки до жанрів, особистий зсув і активність (теж логнормальну). Користувач оцінює $k_u$ різних фільмів, вибраних пропорційно до популярності, і оцінка — це $3.4 + \text{зсув} + \text{якість} + 0.55\cdot\text{збіг смаку з жанрами} + \text{шум}$, обрізана до $[0.5, 5]$ і заокруглена до половини зірки, як у лабораторній. Кожному користувачеві випадково відкладено 20 % оцінок у тестову вибірку і 10 % у валідаційну. Ознаки — як у лабораторній: у користувача кількість оцінок, середня оцінка і середня оцінка за кожним жанром; у фільму рік, середня оцінка і жанри (one-hot). **Усі ознаки, їхня стандартизація і min/max для масштабування цілі обчислено лише на навчальній вибірці.** Лабораторна, з якої питання, навчає свої масштабувальники до поділу на train/test (її `y_train` у ту мить ще містить усі оцінки); ми — лише на train. Формули — у `fsgeom.modules.m07_two_tower.maths`, друковані написи — у `texts`. Запустіть усе: *Run → Run All Cells* (кілька секунд).
""", r"""
# Module 7. Two towers: why L2-normalize both towers and scale the ratings to [−1, 1]

*A question from the forum of a course on recommender systems, and the "Cosine distance" slides of the lecture "Scaling, normalization, feature encoding".*

**The question.** In a content-based filtering lab two neural networks, the user tower and the item tower, output vectors $v_u$ and $v_m$, and the predicted rating is their dot product. In the TensorFlow implementation both vectors go through `l2_normalize` before the product, and the users' ratings (0.5 to 5 stars) are transformed with `MinMaxScaler((-1, 1))` before training. A learner asks: why L2 normalization before the dot product, why scale the target itself (earlier in the course nobody scaled targets), and what happens if we do neither?

In the replies a participant writes that normalization keeps the products from becoming large numbers, makes the oscillations of gradient descent smaller and probably saves memory, and that min-max scaling "turns" the output into a categorical, discrete one. The asker doubts it: the ratings are not categorical, so does the scaling perhaps keep predictions between 0.5 and 5? A course mentor answers that L2 normalization is needed because after it the dot product lies in $[-1, 1]$, which the target scaled to $[-1, 1]$ requires, and asks what the benefit of matching the ranges is.

The "Cosine distance" slide gives the key: for unit vectors $\cos\theta = \langle x, y\rangle$. We build such a model in numpy and answer the question by measurement: we switch off normalization, scaling or both, and look at the error in stars and at the stability of training.

**Plan.**
1. The model in numpy: two towers, the cosine, the loss and backpropagation (through L2 normalization too), checked by finite differences.
2. Range matching: the cosine lies in $[-1, 1]$, and so does the scaled rating; without scaling the error has a floor.
3. The 2 × 2 experiment: normalization on/off × scaling on/off, three learning rates, two seeds; a learned scale $s\cos\theta + b$.
4. What normalization removes: vector lengths, popularity and recommendations.
5. What the real tool does (scikit-learn, TensorFlow).
6. The forum replies: what the measurements confirm.
7. Summary, exercises and questions.

**The data.** No ratings set with user and item features is available offline, so the data are synthetic, with a known structure (`data.generate`, seed 0): 600 users and 400 items. An item has 1–3 of 12 genres, a release year, a hidden quality and a popularity (log-normal: a few items are rated very often); a user has genre tastes, a personal offset and an activity (log-normal too). A user rates $k_u$ distinct items drawn in proportion to their popularity, and the rating is $3.4 + \text{offset} + \text{quality} + 0.55\cdot\text{match of taste and genres} + \text{noise}$, clipped to $[0.5, 5]$ and rounded to half a star, as in the lab. For each user a random 20 % of the ratings are held out for the test set and 10 % for the validation set. The features are the lab's: for a user the number of ratings, the average rating and the average rating per genre; for an item the year, the average rating and the genres (one-hot). **All features, their standardization and the min/max for scaling the target are computed on the training set only.** The lab the question comes from fits its scalers before its train/test split (its `y_train` at that point still holds every rating); we fit on train only. The formulas are in `fsgeom.modules.m07_two_tower.maths`, the printed labels in `texts`. Run everything: *Run → Run All Cells* (a few seconds).
""")

code(CODE["setup"])
code(CODE["data"], CHECK)

md(r"""
12 468 оцінок, середня 3.372 зірки. Активність і популярність дуже нерівні: користувач має від 5 до 172 оцінок (медіана 15), фільм — від 0 до 238 (медіана 19). Навчальна вибірка — 8755 оцінок, валідаційна — 1226, тестова — 2487; у користувача і фільму по 14 стандартизованих ознак.
""", r"""
12 468 ratings, mean 3.372 stars. Activity and popularity are very uneven: a user has from 5 to 172 ratings (median 15), an item from 0 to 238 (median 19). The training set has 8755 ratings, the validation set 1226, the test set 2487; users and items have 14 standardized features each.
""")

# ============================================================================================ 1
md(r"""
## 1. Модель на numpy

**Вежі.** Кожна вежа — двошарова мережа: щільний шар, ReLU, щільний шар. Для ознак користувача $x_u$ і фільму $x_m$:
$$
v_u = W_2^{u\top}\,\mathrm{relu}(W_1^{u\top} x_u + b_1^u) + b_2^u, \qquad v_m = W_2^{m\top}\,\mathrm{relu}(W_1^{m\top} x_m + b_1^m) + b_2^m, \qquad v_u, v_m \in \mathbb{R}^d ,
$$
у нас прихований шар 32 нейрони, $d = 16$ (`maths.tower_forward`). Вектори $v_u$, $v_m$ — вбудовування користувача і фільму.

**Прогноз.** Без нормалізації — скалярний добуток $\hat y = \langle v_u, v_m\rangle$. З L2-нормалізацією $n = v/\lVert v\rVert$ обох векторів — косинус кута між ними:
$$
\hat y = \langle n_u, n_m\rangle = \frac{\langle v_u, v_m\rangle}{\lVert v_u\rVert\,\lVert v_m\rVert} = \cos\theta \in [-1, 1] .
$$
Це рівно слайд «Косинусна відстань»: для одиничних векторів косинусна подібність дорівнює скалярному добутку.

**Функція втрат** — середній квадрат похибки на (масштабованій) цілі $y$: $L = \frac1N\sum_i (\hat y_i - y_i)^2$. Навчання — мінібатчевий стохастичний градієнтний спуск (`maths.fit`: 12 епох, батч 256, крок навчання $\eta$).

**Зворотне поширення.** Ланцюжок від функції втрат до ваг:
$$
\frac{\partial L}{\partial \hat y_i} = \frac{2(\hat y_i - y_i)}{N}, \qquad \frac{\partial L}{\partial n_u} = \frac{\partial L}{\partial \hat y}\, n_m, \qquad \frac{\partial L}{\partial n_m} = \frac{\partial L}{\partial \hat y}\, n_u .
$$
Крізь нормалізацію: якобіан відображення $n = v/\lVert v\rVert$ дорівнює
$$
\frac{\partial n}{\partial v} = \frac{I - n n^\top}{\lVert v\rVert}, \qquad \text{тож} \qquad \frac{\partial L}{\partial v} = \frac{g - (g^\top n)\, n}{\lVert v\rVert}, \quad g = \frac{\partial L}{\partial n} .
$$
Матриця $I - nn^\top$ проектує на площину, перпендикулярну до $v$: градієнт **ортогональний до вектора**, $\langle \partial L/\partial v, v\rangle = 0$. Зрозуміло чому: зміна довжини $v$ не змінює $n$, тож і функцію втрат. Далі — звичайне зворотне поширення крізь вежу ($dH = dV\,W_2^\top$, $dZ = dH \odot [Z > 0]$, $dW_1 = X^\top dZ$, …; `maths.tower_backward`).

**Спрогнозуйте, потім запустіть.** Перевіримо `maths.l2_normalize_backward` центральними скінченними різницями ($h = 10^{-6}$) на шести випадкових векторах. Якої точності чекати, і яким буде найбільший $|\langle \partial L/\partial v, v\rangle|$?
""", r"""
## 1. The model in numpy

**The towers.** Each tower is a two-layer network: a dense layer, ReLU, a dense layer. For user features $x_u$ and item features $x_m$:
$$
v_u = W_2^{u\top}\,\mathrm{relu}(W_1^{u\top} x_u + b_1^u) + b_2^u, \qquad v_m = W_2^{m\top}\,\mathrm{relu}(W_1^{m\top} x_m + b_1^m) + b_2^m, \qquad v_u, v_m \in \mathbb{R}^d ,
$$
with a hidden layer of 32 units and $d = 16$ here (`maths.tower_forward`). The vectors $v_u$, $v_m$ are the embeddings of the user and the item.

**The prediction.** Without normalization, the dot product $\hat y = \langle v_u, v_m\rangle$. With L2 normalization $n = v/\lVert v\rVert$ of both vectors, the cosine of the angle between them:
$$
\hat y = \langle n_u, n_m\rangle = \frac{\langle v_u, v_m\rangle}{\lVert v_u\rVert\,\lVert v_m\rVert} = \cos\theta \in [-1, 1] .
$$
This is exactly the "Cosine distance" slide: for unit vectors the cosine similarity equals the dot product.

**The loss** is the mean squared error on the (scaled) target $y$: $L = \frac1N\sum_i (\hat y_i - y_i)^2$. Training is mini-batch stochastic gradient descent (`maths.fit`: 12 epochs, batch 256, learning rate $\eta$).

**Backpropagation.** The chain from the loss to the weights:
$$
\frac{\partial L}{\partial \hat y_i} = \frac{2(\hat y_i - y_i)}{N}, \qquad \frac{\partial L}{\partial n_u} = \frac{\partial L}{\partial \hat y}\, n_m, \qquad \frac{\partial L}{\partial n_m} = \frac{\partial L}{\partial \hat y}\, n_u .
$$
Through the normalization: the Jacobian of the map $n = v/\lVert v\rVert$ is
$$
\frac{\partial n}{\partial v} = \frac{I - n n^\top}{\lVert v\rVert}, \qquad \text{so} \qquad \frac{\partial L}{\partial v} = \frac{g - (g^\top n)\, n}{\lVert v\rVert}, \quad g = \frac{\partial L}{\partial n} .
$$
The matrix $I - nn^\top$ projects onto the plane perpendicular to $v$: the gradient is **orthogonal to the vector**, $\langle \partial L/\partial v, v\rangle = 0$. It is clear why: changing the length of $v$ does not change $n$, hence not the loss. Then comes ordinary backpropagation through the tower ($dH = dV\,W_2^\top$, $dZ = dH \odot [Z > 0]$, $dW_1 = X^\top dZ$, …; `maths.tower_backward`).

**Predict, then run.** We check `maths.l2_normalize_backward` by central finite differences ($h = 10^{-6}$) on six random vectors. What accuracy should we expect, and what will the largest $|\langle \partial L/\partial v, v\rangle|$ be?
""")

code(CODE["fd_l2"], CHECK)

details(r"""
Різниця зі скінченними різницями — $5.9 \cdot 10^{-10}$ при градієнтах порядку 0.60: це похибка самої центральної різниці ($\sim h^2$ плюс округлення $\sim \varepsilon_{\text{маш}}/h$), формула правильна. $|\langle \partial L/\partial v, v\rangle|$ — $1.7 \cdot 10^{-16}$, тобто нуль з точністю округлення: градієнт лежить у дотичній площині до сфери радіуса $\lVert v\rVert$.
""", r"""
The difference from finite differences is $5.9 \cdot 10^{-10}$ for gradients of order 0.60: this is the error of the central difference itself ($\sim h^2$ plus rounding $\sim \varepsilon_{\text{mach}}/h$); the formula is right. $|\langle \partial L/\partial v, v\rangle|$ is $1.7 \cdot 10^{-16}$, zero up to rounding: the gradient lies in the tangent plane of the sphere of radius $\lVert v\rVert$.
""")

md(r"""
Тепер уся модель: градієнти всіх чотирьох масивів параметрів обох веж (по 20 перших елементів кожного) на батчі з 64 навчальних оцінок, з нормалізацією і без неї.
""", r"""
Now the whole model: the gradients of all four parameter arrays of both towers (the first 20 entries of each) on a batch of 64 training ratings, with and without normalization.
""")

code(CODE["fd_model"], CHECK)

md(r"""
Обидва варіанти збігаються зі скінченними різницями ($4.9 \cdot 10^{-11}$ і $2.1 \cdot 10^{-9}$). Зверніть увагу на функцію втрат **до навчання**: з нормалізацією 0.2664, без неї 10.7891 — на цілі з діапазону $[-1, 1]$! Скалярний добуток двох випадкових 16-вимірних векторів довжини кілька одиниць легко сягає $\pm 3$ і більше; косинус — ніколи не більше 1. Це перший натяк на те, що станеться з кроком навчання в розділі 3.

**Підсумок розділу 1.** Вежа — щільний шар, ReLU, щільний шар; прогноз — $\langle v_u, v_m\rangle$ або $\cos\theta$ після L2-нормалізації. Градієнт крізь нормалізацію — $(I - nn^\top)g/\lVert v\rVert$, ортогональний до $v$ (перевірено: $5.9 \cdot 10^{-10}$, $\langle\cdot, v\rangle = 1.7 \cdot 10^{-16}$), а градієнти всієї моделі збігаються зі скінченними різницями. Без нормалізації початкова функція втрат у 40 разів більша (10.7891 проти 0.2664).
""", r"""
Both variants agree with finite differences ($4.9 \cdot 10^{-11}$ and $2.1 \cdot 10^{-9}$). Note the loss **before training**: 0.2664 with normalization, 10.7891 without it, on a target in $[-1, 1]$! The dot product of two random 16-dimensional vectors a few units long easily reaches $\pm 3$ and more; a cosine never exceeds 1. This is the first hint of what will happen to the learning rate in section 3.

**Section 1 in short.** A tower is a dense layer, ReLU, a dense layer; the prediction is $\langle v_u, v_m\rangle$, or $\cos\theta$ after L2 normalization. The gradient through the normalization is $(I - nn^\top)g/\lVert v\rVert$, orthogonal to $v$ (checked: $5.9 \cdot 10^{-10}$, $\langle\cdot, v\rangle = 1.7 \cdot 10^{-16}$), and the gradients of the whole model agree with finite differences. Without normalization the initial loss is 40 times larger (10.7891 against 0.2664).
""")

# ============================================================================================ 2
md(r"""
## 2. Узгодження діапазонів

Min-max масштабування до $[lo, hi] = [-1, 1]$ з min і max **навчальної вибірки**:
$$
y' = lo + (y - y_{\min})\,\frac{hi - lo}{y_{\max} - y_{\min}}, \qquad y = y_{\min} + (y' - lo)\,\frac{y_{\max} - y_{\min}}{hi - lo} ,
$$
тобто 0.5 зірки → −1, 5 зірок → +1, і назад (`maths.minmax_transform`, `maths.minmax_inverse`). Це **афінне** відображення: зсув і множник, нічого більше.
""", r"""
## 2. Range matching

Min-max scaling to $[lo, hi] = [-1, 1]$ with the min and max of the **training set**:
$$
y' = lo + (y - y_{\min})\,\frac{hi - lo}{y_{\max} - y_{\min}}, \qquad y = y_{\min} + (y' - lo)\,\frac{y_{\max} - y_{\min}}{hi - lo} ,
$$
so 0.5 stars → −1, 5 stars → +1, and back (`maths.minmax_transform`, `maths.minmax_inverse`). It is an **affine** map: a shift and a factor, nothing more.
""")

code(CODE["range"], CHECK)

md(r"""
Min і max навчальної вибірки — 0.5 і 5, ті самі, що й усіх оцінок: на цих даних навчання масштабувальника до поділу (як у лабораторній) цілі не змінило б, але правило «параметри оцінюємо лише на train» ми тримаємо. Десять можливих оцінок стають десятьма рівновіддаленими числами від −1 до +1; середня масштабована оцінка +0.274, додатних — 0.736.

**Без масштабування.** Якщо ціль лишити в зірках, а прогноз — косинус, то $\hat y \le 1$: модель ніколи не скаже більше 1 зірки. Найкраще, що вона може, — прогнозувати рівно 1 для кожної оцінки $r > 1$ (а таких 0.985). Отже, похибка має **нижню межу**
$$
\mathrm{RMSE} \ge \sqrt{\tfrac1N\textstyle\sum_i \bigl(r_i - \min(r_i, 1)\bigr)^2} \approx \sqrt{\tfrac1N\textstyle\sum_i (r_i - 1)^2} ,
$$
на тестовій вибірці — 2.566 зірки (обидва вирази дають те саме до третього знака: оцінок не більше 1 зірки лише 1.5 %), гірше, ніж прогнозувати для всіх середню оцінку.

**Спрогнозуйте, потім запустіть.** Навчимо модель з нормалізацією на обох цілях ($\eta = 1.0$, seed 0). Якою буде RMSE на тестовій вибірці в кожному випадку, і де опиниться вихід моделі з ціллю в зірках?
""", r"""
The min and max of the training set are 0.5 and 5, the same as of all ratings: on these data fitting the scaler before the split (as the lab does) would not change the target, but we keep the rule "fit on train only". The ten possible ratings become ten evenly spaced numbers from −1 to +1; the mean scaled rating is +0.274, and 0.736 of them are positive.

**Without scaling.** If the target stays in stars while the prediction is a cosine, then $\hat y \le 1$: the model can never say more than 1 star. The best it can do is predict exactly 1 for every rating $r > 1$ (and 0.985 of them are). So the error has a **floor**
$$
\mathrm{RMSE} \ge \sqrt{\tfrac1N\textstyle\sum_i \bigl(r_i - \min(r_i, 1)\bigr)^2} \approx \sqrt{\tfrac1N\textstyle\sum_i (r_i - 1)^2} ,
$$
2.566 stars on the test set (both expressions agree to three decimals: only 1.5 % of the ratings are 1 star or less), worse than predicting the mean rating for everyone.

**Predict, then run.** We train the normalized model on both targets ($\eta = 1.0$, seed 0). What will the test RMSE be in each case, and where will the model's output end up with the target in stars?
""")

code(CODE["helpers"])
code(CODE["floor_run"], CHECK)

details(r"""
З масштабованою ціллю RMSE на тестовій вибірці — 0.786 зірки, вихід моделі займає від −0.716 до +0.879 — усередині $[-1, 1]$, як і ціль. З ціллю в зірках — 2.567, тобто рівно нижня межа 2.566: косинус для всіх пар притиснувся до 1 (від +0.997 до +1.000), усі вектори користувачів і фільмів дивляться в один бік, і модель не може нічого розрізнити. Нормалізація без масштабування цілі — найгірша з комбінацій: вона обмежує прогноз діапазоном, у який ціль не вміщається.
""", r"""
With the scaled target the test RMSE is 0.786 stars, and the model's output spans −0.716 to +0.879, inside $[-1, 1]$ like the target. With the target in stars it is 2.567, exactly the floor 2.566: the cosine of every pair is pressed against 1 (from +0.997 to +1.000), all user and item vectors point the same way, and the model cannot tell anything apart. Normalization without scaling the target is the worst of the combinations: it bounds the prediction to a range the target does not fit into.
""")

code(CODE["floor_fig"])

md(r"""
**Підсумок розділу 2.** Після L2-нормалізації прогноз — косинус у $[-1, 1]$; min-max масштабування (0.5 → −1, 5 → +1, навчене на train) переводить ціль у той самий діапазон. Без масштабування косинус не перевищує 1 зірки, і похибка не може бути меншою за $\sqrt{\mathrm{mean}((r-1)^2)} = 2.566$; виміряно 2.567 (проти 0.786 з масштабуванням). Масштабування — афінне, тож прогноз повертаємо в зірки оберненим перетворенням.
""", r"""
**Section 2 in short.** After L2 normalization the prediction is a cosine in $[-1, 1]$; min-max scaling (0.5 → −1, 5 → +1, fitted on train) puts the target in the same range. Without scaling the cosine cannot exceed 1 star, and the error cannot fall below $\sqrt{\mathrm{mean}((r-1)^2)} = 2.566$; we measured 2.567 (against 0.786 with scaling). The scaling is affine, so predictions go back to stars by the inverse transform.
""")

# ============================================================================================ 3
md(r"""
## 3. Експеримент 2 × 2

Тепер усі чотири комбінації: L2-нормалізація так/ні × масштабування цілі так/ні, для трьох кроків навчання $\eta \in \{0.01, 0.1, 1.0\}$ і двох seed (ініціалізація і перемішування). Модель, дані й кількість епох — ті самі. Міряємо RMSE на тестовій вибірці **в зірках** (прогноз масштабованої моделі повертаємо оберненим min-max; усе обрізаємо до $[0.5, 5]$) і чи навчання розбіглося (функція втрат стала нескінченною або більшою за $10^{12}$).

**Спрогнозуйте, потім запустіть.** Які комбінації розбіжаться і при яких $\eta$? Яка дасть найменшу похибку? І чи переможе модель без нормалізації, але з ціллю в зірках (її скалярному добутку ніщо не заважає сягнути 5)?
""", r"""
## 3. The 2 × 2 experiment

Now all four combinations: L2 normalization on/off × target scaling on/off, for three learning rates $\eta \in \{0.01, 0.1, 1.0\}$ and two seeds (initialization and shuffling). The model, the data and the number of epochs are the same. We measure the test RMSE **in stars** (the scaled model's prediction goes back through the inverse min-max; everything is clipped to $[0.5, 5]$) and whether training diverged (the loss became infinite or larger than $10^{12}$).

**Predict, then run.** Which combinations will diverge, and at which $\eta$? Which will give the smallest error? And will the model without normalization but with the target in stars win (nothing stops its dot product from reaching 5)?
""")

code(CODE["ablation"], CHECK)
code(CODE["baselines"], CHECK)

details(r"""
- **Нормалізація + масштабування** не розбіглося жодного разу (0 з 6) і покращується зі зростанням кроку: 0.910 / 0.923 при $\eta = 0.01$, 0.806 / 0.814 при 0.1, 0.786 / 0.801 при 1.0. Це найкращий результат таблиці, кращий за обидва базові прогнози: глобальне середнє дає 0.939, середня оцінка фільму — 0.845.
- **Нормалізація + зірки** теж стабільне, але застрягає на нижній межі: 2.606 … 2.567.
- **Без нормалізації** навчання розбіглося при $\eta = 0.1$ і $1.0$ в обох варіантах цілі — 4 запуски з 6 кожен, усі вже в першій епосі. При $\eta = 0.01$ воно сходиться, але гірше: з масштабуванням 1.004 / 1.050 (гірше за глобальне середнє!), із зірками 0.877 / 0.935 (між двома базовими прогнозами).

Отже, модель без нормалізації з ціллю в зірках *може* прогнозувати 5 зірок, але за 12 епох з найбільшим стабільним із наших кроків вона не дотягує до нормалізованої моделі (0.877 проти 0.786). Нормалізація тут дає обидва ефекти: обмежений прогноз (отже, обмежені градієнти) і можливість брати великий крок.
""", r"""
- **Normalized + scaled** never diverged (0 of 6) and improves as the learning rate grows: 0.910 / 0.923 at $\eta = 0.01$, 0.806 / 0.814 at 0.1, 0.786 / 0.801 at 1.0. This is the best result of the table, better than both baselines: the global mean gives 0.939, the item's mean rating 0.845.
- **Normalized + stars** is stable too, but stuck at the floor: 2.606 … 2.567.
- **Without normalization** training diverged at $\eta = 0.1$ and $1.0$ for both targets, 4 runs of 6 each, all already in the first epoch. At $\eta = 0.01$ it converges, but worse: with scaling 1.004 / 1.050 (worse than the global mean!), with stars 0.877 / 0.935 (between the two baselines).

So the model without normalization on the target in stars *can* predict 5 stars, but in 12 epochs at the largest of our stable learning rates it does not reach the normalized model (0.877 against 0.786). Here normalization gives both effects: a bounded prediction (hence bounded gradients) and the freedom to take a large step.
""")

md(r"""
Криві навчання (seed 0): RMSE на валідаційній вибірці після кожної епохи. Усі чотири комбінації при $\eta = 0.01$ і нормалізована модель з масштабуванням при більших кроках.
""", r"""
Learning curves (seed 0): the validation RMSE after every epoch. All four combinations at $\eta = 0.01$, and the normalized model with scaling at larger learning rates.
""")

code(CODE["curves"])

md(r"""
Уся таблиця на одному малюнку: RMSE на тестовій вибірці для кожної комбінації, кроку навчання і seed; розбіжні запуски позначено окремо.
""", r"""
The whole table in one picture: the test RMSE of every combination, learning rate and seed; diverged runs are marked separately.
""")

code(CODE["ablation_fig"])

md(r"""
**Навчений масштаб.** Замість масштабування цілі можна навчити масштаб і зсув прогнозу: $\hat y = s\cos\theta + b$ (`maths.fit(..., learnable_scale=True)`, спочатку $s = 1$, $b = 0$). Тоді прогноз лежить у $[b - |s|, b + |s|]$ — діапазоні будь-якого розміру, і ціль у зірках досяжна. Що це дає і чого коштує?
""", r"""
**A learned scale.** Instead of scaling the target we can learn a scale and a shift of the prediction: $\hat y = s\cos\theta + b$ (`maths.fit(..., learnable_scale=True)`, starting at $s = 1$, $b = 0$). Then the prediction lies in $[b - |s|, b + |s|]$, a range of any size, and a target in stars is reachable. What does it buy, and what does it cost?
""")

code(CODE["learnable"], CHECK)
code(CODE["learn_loss"], CHECK)

md(r"""
З $\eta = 0.1$ навчений масштаб працює з **обома** цілями: 0.808 на масштабованій (модель лишає $s = 0.97$ і зсуває $b = 0.20$ — у бік середньої масштабованої оцінки +0.274) і 0.804 на зірках ($s = 2.67$, $b = 2.70$: модель сама вивчила відображення косинуса в зірки). Тобто $s$ і $b$ знімають проблему нижньої межі без масштабування цілі. Але **стабільності не додають**: з $\eta = 1.0$, де звичайний косинус дав найкращі 0.786, навчене $s\cos\theta + b$ розбігається в обох варіантах — на масштабованій цілі функція втрат росте з епохи в епоху (2.52, 4.42, …, 11.9), а потім вибухає; на зірках — уже в першій епосі. Причина: $s$ не обмежене, і прогноз знову може бути будь-яким, як скалярний добуток; обмеженість косинуса рятує, лише поки його ніщо не множить.

Спробуйте самі: віджет показує ту саму модель (`maths.fit`, запуски обчислено заздалегідь) з вибраними нормалізацією, масштабуванням цілі, кроком навчання (також 0.03 і 0.3) і seed (0–2): криві навчання, прогнозовані зірки проти справжніх, RMSE на тестовій вибірці і базові прогнози.
""", r"""
With $\eta = 0.1$ the learned scale works with **both** targets: 0.808 on the scaled one (the model keeps $s = 0.97$ and shifts $b = 0.20$, towards the mean scaled rating +0.274) and 0.804 on stars ($s = 2.67$, $b = 2.70$: the model learned the map from the cosine to stars by itself). So $s$ and $b$ remove the floor without scaling the target. But they **add no stability**: at $\eta = 1.0$, where the plain cosine gave the best 0.786, the learned $s\cos\theta + b$ diverges for both targets: on the scaled one the loss grows from epoch to epoch (2.52, 4.42, …, 11.9) and then explodes; on stars already in the first epoch. The reason: $s$ is unbounded, so the prediction can again be anything, like a dot product; the boundedness of the cosine helps only while nothing multiplies it.

Try it yourself: the widget shows the same model (`maths.fit`, runs computed in advance) with the chosen normalization, target scaling, learning rate (also 0.03 and 0.3) and seed (0–2): the learning curves, predicted against true stars, the test RMSE and the baselines.
""")

code(CODE["training_lab"])

md(r"""
**Підсумок розділу 3.** З 6 запусків кожної комбінації розбіглося: 0 з нормалізацією (обидві цілі), 4 без неї (обидві цілі, усі при $\eta \ge 0.1$, у першій епосі). Найкраща модель — нормалізація + масштабування: 0.786 зірки при $\eta = 1.0$ проти базових 0.939 (глобальне середнє) і 0.845 (середня оцінка фільму). Нормалізація без масштабування застрягає на межі 2.567; без нормалізації найкраще 0.877 (ціль у зірках, $\eta = 0.01$). Навчений $s\cos\theta + b$ робить досяжною ціль будь-якого діапазону (0.804 на зірках), але з $\eta = 1.0$ розбігається.
""", r"""
**Section 3 in short.** Of 6 runs per combination, diverged: 0 with normalization (both targets), 4 without it (both targets, all at $\eta \ge 0.1$, in the first epoch). The best model is normalized + scaled: 0.786 stars at $\eta = 1.0$ against the baselines 0.939 (global mean) and 0.845 (the item's mean rating). Normalization without scaling is stuck at the floor 2.567; without normalization the best is 0.877 (target in stars, $\eta = 0.01$). A learned $s\cos\theta + b$ makes a target of any range reachable (0.804 on stars), but diverges at $\eta = 1.0$.
""")

# ============================================================================================ 4
md(r"""
## 4. Що прибирає нормалізація

Скалярний добуток — це довжини, помножені на косинус: $\langle v_u, v_m\rangle = \lVert v_u\rVert\,\lVert v_m\rVert\cos\theta$. Без нормалізації модель може кодувати щось у **довжинах**: наприклад, «довгий» вектор фільму підвищує його прогнози для всіх користувачів одразу. У рекомендаційних системах часто кажуть, що так довжина вбирає популярність. Нормалізація цю свободу прибирає: лишається лише кут. Перевіримо на моделі без нормалізації з масштабованою ціллю ($\eta = 0.01$, seed 0): чи відстежують довжини популярність фільму (кількість його оцінок у навчальній вибірці) і активність користувача?

**Спрогнозуйте, потім запустіть.** Якою буде рангова кореляція Спірмена між довжиною вектора фільму і кількістю його оцінок?
""", r"""
## 4. What normalization removes

A dot product is the lengths times the cosine: $\langle v_u, v_m\rangle = \lVert v_u\rVert\,\lVert v_m\rVert\cos\theta$. Without normalization the model can encode something in the **lengths**: a "long" item vector, say, raises the item's predictions for every user at once. In recommender systems it is often said that the length absorbs popularity this way. Normalization takes this freedom away: only the angle remains. We check it on the model without normalization and with the scaled target ($\eta = 0.01$, seed 0): do the lengths track an item's popularity (its number of training ratings) and a user's activity?

**Predict, then run.** What will Spearman's rank correlation between the length of an item vector and its number of ratings be?
""")

code(CODE["norms"], CHECK)

details(r"""
Слабка і навіть від'ємна: Спірмен −0.113 (Пірсон −0.127) для фільмів, −0.088 для користувачів. Довжини різняться помітно (фільми від 0.79 до 4.21, користувачі від 0.54 до 5.35), але популярності вони **не** відстежують, і майже не відстежують середню оцінку фільму (+0.090). Пояснення — у вхідних ознаках: вежа фільму не бачить, скільки в нього оцінок (рік, середня оцінка, жанри), тож закодувати популярність у довжині їй нізвідки; у вежі користувача кількість оцінок є, але для прогнозу *оцінки* вона, як з'ясувалося, не потрібна. Натомість довжина відстежує **кількість жанрів** (Спірмен +0.538): у стандартизованому вході кожен жанр фільму — велике число (від +1.95 до +2.53), кожен відсутній — мале (від −0.51 до −0.40), тож вхід фільму з трьома жанрами довший, і вектор на виході вежі теж. Це властивість кодування входу, а не привабливості фільму. Сама довжина впливає на скалярний добуток помірно: кореляція добутків усіх пар із довжиною вектора фільму +0.101, середнього добутку фільму з його довжиною (Спірмен) +0.236. «Довжина = популярність» на цих даних не підтверджується; це властивість даних і ознак, а не закон.
""", r"""
Weak and even negative: Spearman −0.113 (Pearson −0.127) for items, −0.088 for users. The lengths do differ (items from 0.79 to 4.21, users from 0.54 to 5.35), but they do **not** track popularity, and hardly track an item's mean rating (+0.090). The explanation is in the inputs: the item tower does not see how many ratings an item has (year, average rating, genres), so it has nothing to encode popularity from; the user tower does see the number of ratings, but for predicting a *rating* it turns out not to matter. Instead, the length tracks the **number of genres** (Spearman +0.538): in the standardized input each genre of the item is a large entry (from +1.95 to +2.53), each absent genre a small one (from −0.51 to −0.40), so the input of an item with three genres is longer, and so is the tower's output. A property of the input encoding, not of the item's appeal. The length itself affects the dot product moderately: the correlation of the dot products of all pairs with the item vector length is +0.101, of an item's mean dot product with its length (Spearman) +0.236. "Length = popularity" does not hold on these data; it is a property of the data and features, not a law.
""")

md(r"""
А як довжини змінюють **рекомендації**? Для кожного користувача беремо 5 фільмів, яких він не оцінював у навчальній вибірці, з найбільшим скалярним добутком, і 5 — з найбільшим косинусом тих самих векторів, і рахуємо спільні.

**Спрогнозуйте, потім запустіть.** Якщо довжини майже не пов'язані з популярністю, скільки з 5 фільмів збігатимуться в середньому?
""", r"""
And how do the lengths change the **recommendations**? For every user we take the 5 items they did not rate in the training set with the largest dot product, and the 5 with the largest cosine of the same vectors, and count the ones in common.

**Predict, then run.** If the lengths hardly relate to popularity, how many of the 5 items will coincide on average?
""")

code(CODE["top5"], CHECK)

md(r"""
<details><summary><b>Відповідь (відкрийте після запуску)</b></summary>

Менше одного: у середньому 0.975 з 5. У 234 з 600 користувачів списки не мають жодного спільного фільму, і в жодного не збігаються повністю. Скалярний добуток обирає «довгі» вектори: середня довжина фільмів у його топ-5 — 3.09 проти 1.59 за косинусом (1.59 — коротші за середню 2.11 усіх фільмів). Популярність тут ні до чого: фільми зі списків добутку навіть менш популярні (13.6 оцінки в навчальній вибірці проти 24.2). Зате довгий вектор робить фільм «хабом», який потрапляє в списки майже незалежно від кута: списки добутку складено лише зі 162 різних фільмів з 400 (косинусні — з 249), а найчастіший фільм рекомендовано 219 користувачам з 600 (за косинусом — 153). Слабка кореляція довжини з популярністю не означає, що довжини не важать: для ранжування вони вирішальні.
</details>

Котрий список кращий? Синтетичні дані знають відповідь: для кожної пари «користувач — фільм» відома оцінка латентної моделі без шуму (`data.expected_stars`), також для фільмів, яких користувач не бачив. Порівняємо середню таку оцінку фільмів у топ-5: за добутком, за косинусом тих самих векторів і в моделі, навченої з нормалізацією (розділ 3, $\eta = 1.0$).
""", r"""
<details><summary><b>Answer (open after running)</b></summary>

Fewer than one: 0.975 of 5 on average. For 234 of 600 users the lists share no item, and for none do they coincide. The dot product picks "long" vectors: the mean length of the items in its top 5 is 3.09 against 1.59 by cosine (shorter than the 2.11 of all items). Popularity has nothing to do with it: the dot product's items are even less popular (13.6 training ratings against 24.2). But a long vector makes an item a "hub" that enters the lists almost regardless of the angle: the dot product's lists are made of only 162 distinct items of 400 (the cosine's of 249), and the most recommended item goes to 219 users of 600 (by cosine 153). A weak correlation of length with popularity does not mean the lengths do not matter: for the ranking they are decisive.
</details>

Which list is better? Synthetic data know the answer: for every user–item pair the latent model's rating without noise is known (`data.expected_stars`), also for items the user has never seen. We compare the mean of this rating over the items in the top 5: by dot product, by cosine of the same vectors, and of the model trained with normalization (section 3, $\eta = 1.0$).
""")

code(CODE["top5_truth"], CHECK)

md(r"""
За латентною моделлю списки добутку варті 3.78 зірки, косинуса тих самих векторів — 3.76: якщо нормалізувати вже навчені вектори, списки зміняться майже цілком, а їхня якість — ні. Модель, навчена з нормалізацією, рекомендує фільми на 4.14 зірки: краще на 0.36 зірки (вона ж дозволила крок $\eta = 1.0$, на якому модель без нормалізації розбігається). До найкращого можливого топ-5 (4.86) усім далеко; випадковий неоцінений фільм — 3.42.

Віджет показує те саме на моделі, яку можна побачити цілком: вежі з $d = 2$, без нормалізації, масштабована ціль. Ліворуч — виходи вежі фільму (колір — середня оцінка фільму), вектор вибраного користувача і лінії, де скалярний добуток прогнозує 1 … 5 зірок; праворуч — ті самі вектори після L2-нормалізації, на одиничному колі, з лініями рівної косинусної подібності. Обведено топ-5 за скалярним добутком і за косинусом (серед фільмів, яких користувач не оцінював у навчальній вибірці). Виберіть користувачів з різною кількістю оцінок і порівняйте списки.
""", r"""
By the latent model the dot product's lists are worth 3.78 stars, the cosine's of the same vectors 3.76: normalizing vectors that are already trained changes the lists almost entirely but not their quality. The model trained with normalization recommends items worth 4.14 stars, 0.36 better (and it is normalization that allowed the step $\eta = 1.0$, where the model without it diverges). All are far from the best possible top 5 (4.86); a random unrated item gets 3.42.

The widget shows the same on a model we can see whole: towers with $d = 2$, no normalization, the scaled target. Left: the item tower's outputs (colour: the item's mean rating), the chosen user's vector and the lines where the dot product predicts 1 … 5 stars; right: the same vectors after L2 normalization, on the unit circle, with lines of equal cosine similarity. The top 5 by dot product and by cosine (among the items the user has not rated in the training set) are ringed. Pick users with different numbers of ratings and compare the lists.
""")

code(CODE["on_the_sphere"])

md(r"""
**Підсумок розділу 4.** Без нормалізації прогноз — $\lVert v_u\rVert\lVert v_m\rVert\cos\theta$, і довжини несуть інформацію. На наших даних вони не відстежують ні популярності, ні активності (Спірмен −0.113 і −0.088) — вежа фільму й не бачить кількості оцінок, — але ранжування визначають саме вони: топ-5 за скалярним добутком і за косинусом тих самих векторів мають у середньому лише 0.975 спільних фільму з 5, бо добуток віддає перевагу довгим векторам (3.09 проти 1.59) і складає списки з меншої кількості фільмів (162 проти 249 з 400). За відомою латентною моделлю обидва списки однаково добрі (3.78 і 3.76 зірки); модель, навчена з нормалізацією, рекомендує краще (4.14; найкраще можливе — 4.86).
""", r"""
**Section 4 in short.** Without normalization the prediction is $\lVert v_u\rVert\lVert v_m\rVert\cos\theta$, and the lengths carry information. On our data they track neither popularity nor activity (Spearman −0.113 and −0.088), since the item tower does not even see the number of ratings, but they decide the ranking: the top 5 by dot product and by cosine of the same vectors share only 0.975 of 5 items on average, because the dot product favours long vectors (3.09 against 1.59) and builds its lists from fewer items (162 against 249 of 400). By the known latent model both lists are equally good (3.78 and 3.76 stars); the model trained with normalization recommends better (4.14; the best possible is 4.86).
""")

# ============================================================================================ 5
md(r"""
## 5. Що робить справжній інструмент

**Min-max масштабування.** `sklearn.preprocessing.MinMaxScaler(feature_range=(-1, 1))`, навчений лише на зірках навчальної вибірки, проти `maths.minmax_transform` на всіх оцінках, і його `inverse_transform` проти `maths.minmax_inverse` на прогнозах від −1.5 до 1.5 (прогноз може виходити за $[-1, 1]$, обернене перетворення це допускає).
""", r"""
## 5. What the real tool does

**Min-max scaling.** `sklearn.preprocessing.MinMaxScaler(feature_range=(-1, 1))`, fitted on the training stars only, against `maths.minmax_transform` on all ratings, and its `inverse_transform` against `maths.minmax_inverse` on predictions from −1.5 to 1.5 (a prediction may leave $[-1, 1]$; the inverse transform allows it).
""")

code(CODE["tool_minmax"], CHECK)

md(r"""
Збіг до округлення ($2.2 \cdot 10^{-16}$ і $8.9 \cdot 10^{-16}$); навчений масштабувальник бачить min 0.5 і max 5.

**L2-нормалізація.** `sklearn.preprocessing.normalize` ділить кожен рядок на його L2-норму і лишає нульовий рядок нульовим. У TensorFlow `tf.math.l2_normalize(x, axis)` (у лабораторній — його синонім `tf.linalg.l2_normalize`) за документацією обчислює
$$
\frac{x}{\sqrt{\max\left(\sum x^2,\ \varepsilon\right)}}, \qquad \varepsilon = 10^{-12} .
$$
TensorFlow у курсі не встановлено, тож записуємо цю формулу на numpy і порівнюємо з `maths.l2_normalize` — і на звичайних рядках, і на крихітному векторі $(3, 4)\cdot 10^{-7}$, квадрат довжини якого $2.5\cdot10^{-13} < \varepsilon$.
""", r"""
Agreement up to rounding ($2.2 \cdot 10^{-16}$ and $8.9 \cdot 10^{-16}$); the fitted scaler sees min 0.5 and max 5.

**L2 normalization.** `sklearn.preprocessing.normalize` divides each row by its L2 norm and keeps a zero row at zero. In TensorFlow, `tf.math.l2_normalize(x, axis)` (the lab uses its alias `tf.linalg.l2_normalize`) computes, as documented,
$$
\frac{x}{\sqrt{\max\left(\sum x^2,\ \varepsilon\right)}}, \qquad \varepsilon = 10^{-12} .
$$
TensorFlow is not installed in the course, so we write this formula in numpy and compare it with `maths.l2_normalize`, on ordinary rows and on a tiny vector $(3, 4)\cdot 10^{-7}$ whose squared length $2.5\cdot10^{-13}$ is below $\varepsilon$.
""")

code(CODE["tool_l2"], CHECK)

md(r"""
`normalize` і наша функція збігаються до $5.6\cdot10^{-17}$, нульовий рядок лишається нулем в обох. Формула TensorFlow і `maths.l2_normalize` збігаються точно (0) — і на крихітному векторі, де обидві ділять на $\sqrt{\varepsilon} = 10^{-6}$, а не на довжину: результат має довжину 0.500, а не 1 (у `normalize` scikit-learn — 1.000). Тобто поблизу нуля $\varepsilon$ TensorFlow не дає ділити на нуль ціною того, що вектор уже не одиничний; для веж, що видають вектори довжини порядку одиниці, це не має значення.

**Підсумок розділу 5.** `MinMaxScaler((-1, 1))` і його `inverse_transform` — це `maths.minmax_transform` / `maths.minmax_inverse` (до $10^{-15}$); `normalize` — це `maths.l2_normalize` (нульовий рядок лишається нулем); документована формула `tf.math.l2_normalize` $x/\sqrt{\max(\sum x^2, 10^{-12})}$ збігається з нашою точно, і для векторів коротших за $10^{-6}$ вона дає не одиничний вектор (довжина 0.500 у прикладі).
""", r"""
`normalize` and our function agree to $5.6\cdot10^{-17}$, and the zero row stays zero in both. TensorFlow's formula and `maths.l2_normalize` agree exactly (0), also on the tiny vector, where both divide by $\sqrt{\varepsilon} = 10^{-6}$ rather than by the length: the result has length 0.500, not 1 (scikit-learn's `normalize` gives 1.000). So near zero TensorFlow's $\varepsilon$ avoids a division by zero at the price of a vector that is no longer a unit vector; for towers whose outputs are a few units long it does not matter.

**Section 5 in short.** `MinMaxScaler((-1, 1))` and its `inverse_transform` are `maths.minmax_transform` / `maths.minmax_inverse` (to $10^{-15}$); `normalize` is `maths.l2_normalize` (a zero row stays zero); the documented formula of `tf.math.l2_normalize`, $x/\sqrt{\max(\sum x^2, 10^{-12})}$, agrees with ours exactly, and for vectors shorter than $10^{-6}$ it gives a non-unit vector (length 0.500 in the example).
""")

# ============================================================================================ 6
md(r"""
## 6. Відповіді з форуму: що кажуть вимірювання

Перевіримо кожне твердження з гілки. Спершу ще три числа: скільки параметрів і пам'яті додає нормалізація, чи стає прогноз дискретним після min-max масштабування, і чи тримає масштабування прогноз у межах 0.5–5 зірок без нормалізації (моделі $\eta = 0.1$ з нормалізацією і $\eta = 0.01$ без неї, обидві на масштабованій цілі, seed 0).
""", r"""
## 6. The forum replies: what the measurements say

We check every claim of the thread. First three more numbers: how many parameters and how much memory normalization adds, whether the prediction becomes discrete after min-max scaling, and whether scaling keeps the prediction within 0.5–5 stars without normalization (the models at $\eta = 0.1$ with normalization and $\eta = 0.01$ without, both on the scaled target, seed 0).
""")

code(CODE["replies"], CHECK)

md(r"""
**«Нормалізація не дає добуткам ставати великими і зменшує коливання градієнтного спуску».** Частково правда, і це можна виміряти. Без нормалізації початкова функція втрат — 10.7891 проти 0.2664 (розділ 1), а навчання розбіглося в 4 з 6 запусків (при $\eta = 0.1$ і $1.0$, у першій епосі), тоді як з нормалізацією — у 0 з 6, і найкращий результат отримано саме при найбільшому кроці (0.786 при $\eta = 1.0$). Але причина точніша, ніж «малі числа»: косинус **обмежений** ($|\hat y| \le 1$), тож і похибка, і градієнт за прогнозом обмежені; до того ж градієнт крізь нормалізацію ортогональний до вектора і ділиться на його довжину.

**«… і, мабуть, економить пам'ять».** Неправда. Параметрів однаково — 2016 з нормалізацією і без неї; ті самі масиви. Нормалізація навіть додає тимчасові масиви батча (два нормалізовані вектори на приклад, $2 \cdot 256 \cdot 16 = 8192$ числа).

**«Min-max масштабування робить вихід категоріальним, дискретним».** Неправда. Масштабування — афінне відображення $y' = -1 + (y - 0.5)\cdot 2/4.5$: десять рівнів оцінок стають десятьма рівнями масштабованої оцінки (вони дискретні, бо такі самі оцінки), а прогноз моделі лишається неперервним — 2487 різних значень на 2487 тестових оцінках.

**Автор питання: «масштабування тримає прогнози в межах 0.5–5»?** Саме масштабування — ні: воно змінює ціль, а не обмежує прогноз. Без нормалізації вихід моделі на масштабованій цілі — від −1.648 до +2.308, тобто від −0.96 до 7.94 зірки після оберненого перетворення; поза $[-1, 1]$ — 0.0422 тестових прогнозів. Обмежує прогноз нормалізація (з нею — від −0.477 до +0.885), а масштабування робить так, щоб обмежений діапазон вміщав ціль.

**Ментор: «L2-нормалізація кладе скалярний добуток у $[-1, 1]$, чого вимагає масштабована ціль».** Правильно, і це ядро відповіді. Доповнимо числами: без узгодження діапазонів одне з двох ламається. Нормалізація без масштабування — межа похибки 2.566 зірки (виміряно 2.567), бо косинус не перевищує 1 зірки; масштабування без нормалізації — розбіжність при $\eta \ge 0.1$ і гірша похибка при $\eta = 0.01$ (1.004 / 1.050 проти 0.910 / 0.923 з нормалізацією). Разом вони дають найкраще: 0.786. На питання ментора «яка користь від узгодження діапазонів» відповідь така: прогноз може досягти кожної оцінки, але не більше, тож модель не витрачає навчання на масштаб, а градієнти лишаються обмеженими навіть при великому кроці. Навчений $s\cos\theta + b$ (розділ 3) показує, що узгодити діапазони можна й інакше, але тоді обмеженість втрачається.

**Підсумок розділу 6.** Пам'ять — ні (2016 параметрів в обох випадках); категоріальний вихід — ні (афінне відображення, 2487 різних прогнозів); «масштабування тримає прогноз у 0.5–5» — ні (без нормалізації від −0.96 до 7.94 зірки); стабільність — так (розбіглося 4 з 6 без нормалізації, 0 з 6 з нею); ментор має рацію: нормалізація кладе прогноз у $[-1, 1]$, масштабування — ціль, і лише разом вони дають 0.786 зірки.
""", r"""
**"Normalization keeps the products from becoming large and makes the oscillations of gradient descent smaller."** Partly true, and measurable. Without normalization the initial loss is 10.7891 against 0.2664 (section 1), and training diverged in 4 of 6 runs (at $\eta = 0.1$ and $1.0$, in the first epoch), while with normalization in 0 of 6, and the best result came precisely at the largest learning rate (0.786 at $\eta = 1.0$). But the reason is more precise than "small numbers": the cosine is **bounded** ($|\hat y| \le 1$), so the error and the gradient with respect to the prediction are bounded; moreover the gradient through the normalization is orthogonal to the vector and divided by its length.

**"… and probably saves memory."** False. The number of parameters is the same, 2016 with and without normalization; the same arrays. Normalization even adds temporary arrays of the batch (two normalized vectors per example, $2 \cdot 256 \cdot 16 = 8192$ numbers).

**"Min-max scaling makes the output categorical, discrete."** False. Scaling is the affine map $y' = -1 + (y - 0.5)\cdot 2/4.5$: the ten rating levels become ten levels of the scaled rating (discrete because the ratings are), and the model's prediction stays continuous: 2487 distinct values on 2487 test ratings.

**The asker: "does scaling keep predictions within 0.5–5"?** Scaling alone does not: it changes the target, not the range of the prediction. Without normalization the model's output on the scaled target runs from −1.648 to +2.308, i.e. from −0.96 to 7.94 stars after the inverse transform; 0.0422 of the test predictions lie outside $[-1, 1]$. Normalization bounds the prediction (with it, from −0.477 to +0.885), and scaling makes the bounded range hold the target.

**The mentor: "L2 normalization puts the dot product in $[-1, 1]$, which the scaled target requires."** Right, and it is the core of the answer. Let us complete it with numbers: without matching ranges one of two things breaks. Normalization without scaling: an error floor of 2.566 stars (measured 2.567), because the cosine cannot exceed 1 star; scaling without normalization: divergence at $\eta \ge 0.1$ and a worse error at $\eta = 0.01$ (1.004 / 1.050 against 0.910 / 0.923 with normalization). Together they give the best: 0.786. To the mentor's question "what is the benefit of matching the ranges", the answer is: the prediction can reach every rating but no further, so the model spends no training on the scale, and the gradients stay bounded even at a large learning rate. The learned $s\cos\theta + b$ (section 3) shows that the ranges can be matched another way, but then the boundedness is lost.

**Section 6 in short.** Memory: no (2016 parameters in both cases); a categorical output: no (an affine map, 2487 distinct predictions); "scaling keeps the prediction within 0.5–5": no (without normalization from −0.96 to 7.94 stars); stability: yes (4 of 6 diverged without normalization, 0 of 6 with it); the mentor is right: normalization puts the prediction in $[-1, 1]$, scaling puts the target there, and only together they give 0.786 stars.
""")

# ============================================================================================ 7
md(r"""
## 7. Підсумки

- **Навіщо L2-нормалізація.** Вона робить прогноз косинусом, $\hat y = \cos\theta \in [-1, 1]$ (слайд «Косинусна відстань»). Обмежений прогноз — обмежені похибки й градієнти: з нормалізацією навчання не розбіглося жодного разу з 12 запусків (обидві цілі, $\eta$ до 1.0), без неї — 8 з 12 (усі при $\eta \ge 0.1$). Градієнт крізь нормалізацію — $(I - nn^\top)g/\lVert v\rVert$, ортогональний до вектора.
- **Навіщо масштабувати оцінки до $[-1, 1]$.** Щоб ціль потрапила в діапазон косинуса. Без цього косинус не перевищує 1 зірки, і похибка не може бути меншою за 2.566 (виміряно 2.567). Масштабування — афінне (не робить нічого категоріальним), навчається лише на train і обертається назад у зірки.
- **Разом.** Нормалізація + масштабування — 0.786 зірки, краще за глобальне середнє (0.939) і середню оцінку фільму (0.845); найкраща модель без нормалізації — 0.877.
- **Навчений $s\cos\theta + b$** узгоджує діапазони сам (0.804 на зірках), але повертає необмеженість: розбігається при $\eta = 1.0$.
- **Довжини векторів** на наших даних популярності не відстежують (Спірмен −0.113), але визначають ранжування: топ-5 за добутком і за косинусом тих самих векторів мають у середньому 0.975 спільних фільму з 5, а добуток збирає списки з «хабів» — довгих векторів (162 різні фільми проти 249). Модель, навчена з нормалізацією, рекомендує фільми, яким користувачі поставили б 4.14 зірки, проти 3.78.
- **Справжні інструменти**: `MinMaxScaler((-1, 1))`, `normalize` і формула `tf.math.l2_normalize` збігаються з нашими функціями; $\varepsilon = 10^{-12}$ TensorFlow робить крихітні вектори не одиничними.

## Вправи

Завдання: [`exercises/uk/07-two-tower/07-two-tower.ipynb`](../../exercises/uk/07-two-tower/07-two-tower.ipynb). Ви реалізуєте лише на numpy методи цієї лекції: min-max масштабування цілі, навчене на train, і обернене перетворення, L2-нормалізацію і її зворотне поширення, вежу і прогноз двох веж, функцію втрат і крок градієнтного спуску, — і пояснюєте результат експерименту з нормалізацією і масштабуванням.

### Питання для роздумів

- Модель з нормалізацією і ціллю в зірках дала 2.567 — рівно нижню межу 2.566. Чому всі косинуси притиснулися до 1, а не, скажімо, до середньої оцінки? Яким був би результат, якби ціль масштабували до $[0, 1]$ замість $[-1, 1]$?
- Без нормалізації навчання розбіглося при $\eta = 0.1$ вже в першій епосі, а з нормалізацією найкраще працює $\eta = 1.0$. Поясніть це через те, що обмежує косинус, і через множник $1/\lVert v\rVert$ у градієнті крізь нормалізацію.
- Навчений $s\cos\theta + b$ на зірках дає 0.804, а розбігається при $\eta = 1.0$. Що треба змінити, щоб зберегти і вільний діапазон, і стабільність (наприклад, окремий крок навчання для $s$ і $b$, фіксований $s$, інша ініціалізація $b$)?
- Довжина вектора фільму не відстежує популярність (Спірмен −0.113), проте топ-5 за добутком і за косинусом майже не збігаються. Довжина відстежує кількість жанрів (+0.538). Як змінити кодування жанрів, щоб вона цього не робила (згадайте L2-нормалізацію рядків із модуля 04 і множник $1/\sqrt{|g_m|}$ у моделі даних)? Чи зникнуть тоді «хаби»?
- На цих даних min і max навчальної вибірки збігаються з min і max усіх оцінок, тож масштабування до поділу нічого не змінило. Коли таке масштабування вже було б витоком даних, і що саме тоді «підгледіла» б модель?
- Лабораторна навчає модель не простим стохастичним градієнтним спуском, а Adam. Чи очікуєте ви, що без нормалізації модель з Adam теж розбіжиться при великому кроці? Чому крок Adam менше залежить від масштабу градієнта?
- Прогноз косинуса ніколи не виходить за $[-1, 1]$, але після оберненого min-max ми все одно обрізаємо прогноз до $[0.5, 5]$. Чи потрібне це обрізання моделі з нормалізацією? А моделі без неї (вихід від −0.96 до 7.94 зірки)?
""", r"""
## 7. Summary

- **Why L2 normalization.** It makes the prediction a cosine, $\hat y = \cos\theta \in [-1, 1]$ (the "Cosine distance" slide). A bounded prediction means bounded errors and gradients: with normalization training never diverged in 12 runs (both targets, $\eta$ up to 1.0), without it in 8 of 12 (all at $\eta \ge 0.1$). The gradient through the normalization is $(I - nn^\top)g/\lVert v\rVert$, orthogonal to the vector.
- **Why scale the ratings to $[-1, 1]$.** To put the target into the cosine's range. Without it the cosine cannot exceed 1 star, and the error cannot fall below 2.566 (measured 2.567). The scaling is affine (it makes nothing categorical), is fitted on train only and is inverted back to stars.
- **Together.** Normalized + scaled gives 0.786 stars, better than the global mean (0.939) and the item's mean rating (0.845); the best model without normalization gives 0.877.
- **A learned $s\cos\theta + b$** matches the ranges by itself (0.804 on stars), but brings the unboundedness back: it diverges at $\eta = 1.0$.
- **Vector lengths** do not track popularity on our data (Spearman −0.113) but decide the ranking: the top 5 by dot product and by cosine of the same vectors share 0.975 of 5 items on average, the dot product building its lists from "hubs", long vectors (162 distinct items against 249). The model trained with normalization recommends items the users would rate 4.14 stars, against 3.78.
- **The real tools**: `MinMaxScaler((-1, 1))`, `normalize` and the formula of `tf.math.l2_normalize` agree with our functions; TensorFlow's $\varepsilon = 10^{-12}$ leaves tiny vectors non-unit.

## Exercises

The assignment: [`exercises/en/07-two-tower/07-two-tower.ipynb`](../../exercises/en/07-two-tower/07-two-tower.ipynb). You implement, in numpy only, the methods of this lecture: min-max scaling of the target fitted on train and its inverse, L2 normalization and its backward pass, a tower and the two-tower prediction, the loss and a gradient-descent step, and you explain the result of an experiment with normalization and scaling.

### Questions to think about

- The model with normalization and the target in stars gave 2.567, exactly the floor 2.566. Why were all cosines pressed against 1 rather than, say, towards the mean rating? What would the result be if the target were scaled to $[0, 1]$ instead of $[-1, 1]$?
- Without normalization training diverged at $\eta = 0.1$ already in the first epoch, while with normalization $\eta = 1.0$ works best. Explain it by what bounds the cosine and by the factor $1/\lVert v\rVert$ in the gradient through the normalization.
- A learned $s\cos\theta + b$ gives 0.804 on stars but diverges at $\eta = 1.0$. What would you change to keep both the free range and the stability (a separate learning rate for $s$ and $b$, a fixed $s$, another initialization of $b$)?
- The length of an item vector does not track popularity (Spearman −0.113), yet the top 5 by dot product and by cosine hardly overlap. The length tracks the number of genres (+0.538). How would you change the encoding of the genres so that it does not (recall the L2 row normalization of module 04 and the factor $1/\sqrt{|g_m|}$ in the data's model)? Would the "hubs" disappear then?
- On these data the min and max of the training set equal those of all ratings, so scaling before the split changed nothing. When would such scaling be data leakage, and what exactly would the model "peek" at?
- The lab trains its model not with plain stochastic gradient descent but with Adam. Do you expect the model without normalization to diverge at a large learning rate with Adam too? Why does Adam's step depend less on the scale of the gradient?
- A cosine prediction never leaves $[-1, 1]$, yet after the inverse min-max we still clip the prediction to $[0.5, 5]$. Does the model with normalization need this clipping? And the model without it (output from −0.96 to 7.94 stars)?
""")
