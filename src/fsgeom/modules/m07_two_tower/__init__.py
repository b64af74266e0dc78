"""Module 07-two-tower: a content-based two-tower recommender in numpy, and the forum question it answers by
experiment — why both tower outputs are L2-normalized before the dot product and the ratings MinMax-scaled to
[−1, 1], and what goes wrong without either (seed ``000_4ab03860dba7dc9b.txt``; lecture: "Косинусна відстань").

Layers: :mod:`.maths` and :mod:`.data` (numpy) <- :mod:`.plots` (matplotlib) <- :mod:`.widgets` (ipywidgets);
:mod:`.figures` (README figures); :mod:`.checks` (visible checks of the assignment; no plotting). Importing this
package imports none of them.
"""
MODULE_ID = "07-two-tower"
TITLE = {"uk": "Дві вежі: навіщо L2-нормалізувати обидві вежі й масштабувати оцінки до [−1, 1]",
         "en": "Two towers: why L2-normalize both towers and scale the ratings to [−1, 1]"}
