"""Module 05-skew: log(x + c), Box–Cox and Yeo–Johnson with λ by maximum likelihood, the change-of-density formula,
symmetry and normality before and after (lecture: "Логарифмічні та степеневі перетворення", "Логарифмічна
трансформація", "Box–Cox трансформація", "Yeo–Johnson трансформація", "Вплив трансформації на симетрію та
нормальність").

Layers: :mod:`.maths` and :mod:`.data` (numpy) <- :mod:`.plots` (matplotlib) <- :mod:`.widgets` (ipywidgets);
:mod:`.figures` (README figures); :mod:`.checks` (visible checks of the assignment; no plotting). Importing this
package imports none of them.
"""
MODULE_ID = "05-skew"
TITLE = {"uk": "Асиметричні ознаки: логарифм, Box–Cox, Yeo–Johnson, λ за максимальною правдоподібністю",
         "en": "Skewed features: log, Box–Cox, Yeo–Johnson, λ by maximum likelihood"}
