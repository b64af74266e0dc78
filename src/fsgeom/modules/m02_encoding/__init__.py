"""Module 02-encoding: categorical features — integer codes invent order and distance, one-hot geometry and its
cost at many levels, target encoding and hashing, embeddings learned from data (lecture: "Проблема категоріальних
ознак" … "Висновок" of the categorical part).

Layers: :mod:`.maths` and :mod:`.data` (numpy) <- :mod:`.plots` (matplotlib) <- :mod:`.widgets` (ipywidgets);
:mod:`.figures` (README figures); :mod:`.checks` (visible checks of the assignment; no plotting). Importing this
package imports none of them.
"""
MODULE_ID = "02-encoding"
TITLE = {"uk": "Кодування категоріальних ознак: цілі числа, one-hot, вбудовування",
         "en": "Encoding categorical features: integers, one-hot, embeddings"}
