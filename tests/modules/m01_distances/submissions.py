"""Submissions of 01-distances that the course's grading round grades with nbgrader (tests/grading_round.py):
typical mistakes, each of which must lose exactly its task; honest variants written differently from the
reference, which must keep every point; and calls the "numpy only" rule forbids, which must lose exactly the task
whose function reaches them."""
from __future__ import annotations

from tests.grading_round import Submission

_SQUARED = ("return np.sqrt((diff ** 2).sum(axis=2))", "return (diff ** 2).sum(axis=2)")
_DDOF1 = ("std = X.std(axis=0)", "std = X.std(axis=0, ddof=1)")
_LEAK = ("mean, std = zscore_fit(X_train)\n    return", "mean, std = zscore_fit(X_test)\n    return")

SUBMISSIONS = {
    # sample instead of population std, distances not square-rooted, scaler fitted on the test data
    "mistakes": Submission(
        lost=frozenset({"test_pairwise_euclidean", "test_zscore_fit", "test_scale_train_test"}),
        edits={"pairwise_euclidean": [_SQUARED], "zscore_fit": [_DDOF1], "scale_train_test": [_LEAK]},
        langs=("uk", "en"),
        hints={"uk": {"test_pairwise_euclidean": "квадратний корінь", "test_zscore_fit": "ddof=1",
                      "test_scale_train_test": "ВЛАСНИМИ статистиками"},
               "en": {"test_pairwise_euclidean": "square root", "test_zscore_fit": "ddof=1",
                      "test_scale_train_test": "OWN statistics"}},
        why="three typical mistakes lose exactly their three tasks, with the specific hint in the notebook's language"),
    # only the sample std: scale_train_test reuses the student's own zscore_fit and is not charged twice
    "ddof": Submission(
        lost=frozenset({"test_zscore_fit"}), edits={"zscore_fit": [_DDOF1]},
        why="a mistake in zscore_fit is charged to zscore_fit only"),
    # Manhattan right only on small inputs (passes the visible checks): the hidden tests take its point
    "hardcoded": Submission(
        lost=frozenset({"test_pairwise_manhattan"}),
        edits={"pairwise_manhattan": [(
            "return np.abs(X[:, None, :] - Y[None, :, :]).sum(axis=2)",
            "if X.shape[0] <= 5 and Y.shape[0] <= 5:\n"
            "        return np.abs(X[:, None, :] - Y[None, :, :]).sum(axis=2)\n"
            "    return np.sqrt(((X[:, None, :] - Y[None, :, :]) ** 2).sum(axis=2))")]},
        why="hidden tests catch what the visible checks miss"),
}
