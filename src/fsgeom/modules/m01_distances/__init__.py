"""Module 01-distances: the influence of features and their scale, metrics and distances, distorted geometry and
the Mahalanobis distance (lecture sections 1-4).

Layers: :mod:`.maths` and :mod:`.data` (numpy) <- :mod:`.plots` (matplotlib) <- :mod:`.widgets` (ipywidgets);
:mod:`.figures` (README figures); :mod:`.checks` (visible checks of the assignment; no plotting). Importing this
package imports none of them.
"""
MODULE_ID = "01-distances"
TITLE = {"uk": "Відстані, масштаб і геометрія простору ознак",
         "en": "Distances, scale and the geometry of feature space"}
