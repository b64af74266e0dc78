"""Module 04-normalization: row-wise L1 / L2 normalization, the unit balls, cosine similarity on the unit sphere,
TF-IDF, and a blog's claims about "L1 vs L2" put on trial (lecture: "Важливість нормалізації", "L1 та L2
нормалізація", "L1 нормалізація", "L2 нормалізація", "Косинусна відстань").

Layers: :mod:`.maths` and :mod:`.data` (numpy) <- :mod:`.plots` (matplotlib) <- :mod:`.widgets` (ipywidgets);
:mod:`.figures` (README figures); :mod:`.checks` (visible checks of the assignment; no plotting). Importing this
package imports none of them.
"""
MODULE_ID = "04-normalization"
TITLE = {"uk": "Нормалізація векторів: L1, L2, косинусна подібність, TF-IDF і регуляризація під перевіркою",
         "en": "Normalizing vectors: L1, L2, cosine similarity, TF-IDF, and regularization on trial"}
