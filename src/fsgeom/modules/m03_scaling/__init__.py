"""Module 03-scaling: preprocessing shapes the loss (conditioning, gradient descent), bias-variance measured,
min-max / z-score / robust scaling, leakage (lecture: "Попереднє опрацювання (Preprocessing)" ... "Висновки").

Layers: :mod:`.maths` and :mod:`.data` (numpy) <- :mod:`.plots` (matplotlib) <- :mod:`.widgets` (ipywidgets);
:mod:`.figures` (README figures); :mod:`.checks` (visible checks of the assignment; no plotting). Importing this
package imports none of them.
"""
MODULE_ID = "03-scaling"
TITLE = {"uk": "Масштабування ознак: геометрія функції втрат, min-max, z-score, робастне",
         "en": "Feature scaling: the geometry of the loss, min-max, z-score, robust"}
