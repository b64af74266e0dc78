"""Module 06-pca-svm: normalization in PCA (covariance vs correlation, a change of units rotates the raw first
component), in the linear SVM (the primal with the hinge loss, margin 2/‖w‖, distance to the hyperplane, raw vs
scaled features) and in neural networks (gradients scale with the inputs; batch, layer, instance and group
normalization) (lecture: "Роль нормалізації в PCA", "Роль нормалізації в SVM", "Роль нормалізації у нейронних
мережах", "Batch нормалізація", "Висновок").

Layers: :mod:`.maths` and :mod:`.data` (numpy) <- :mod:`.plots` (matplotlib) <- :mod:`.widgets` (ipywidgets);
:mod:`.figures` (README figures); :mod:`.checks` (visible checks of the assignment; no plotting). Importing this
package imports none of them.
"""
MODULE_ID = "06-pca-svm"
TITLE = {"uk": "Нормалізація в PCA, SVM і нейронних мережах: кореляція замість коваріації, зазор 2/‖w‖, batch norm",
         "en": "Normalization in PCA, SVM and neural networks: correlation instead of covariance, the margin 2/‖w‖, batch norm"}
