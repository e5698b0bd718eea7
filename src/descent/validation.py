"""Checks at the door: bad input stops with a ValueError that names the argument.

Each public function of :mod:`descent` checks its input once, with these helpers, against
the mistakes that would otherwise give a silent wrong number: arrays of different shapes
(NumPy would broadcast them), empty input, NaN, probabilities that do not sum to 1, labels
out of range, a non-positive learning rate.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def as_float_array(x: ArrayLike, name: str, *, ndim: int | tuple[int, ...] = ()) -> NDArray:
    """``x`` as a non-empty, finite float array; float32 stays float32, the rest float64."""
    array = np.asarray(x)
    if not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        raise ValueError(f"{name} must contain numbers, got dtype {array.dtype}")
    if not np.issubdtype(array.dtype, np.floating):
        array = array.astype(np.float64)
    if ndim and array.ndim not in np.atleast_1d(ndim):
        allowed = " or ".join(str(n) for n in np.atleast_1d(ndim))
        raise ValueError(f"{name} must have {allowed} dimension(s), got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty: expected at least one value")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinity")
    return array


def require_same_shape(a: NDArray, b: NDArray, name_a: str, name_b: str) -> None:
    """Refuse ``(n,)`` against ``(n, 1)``, which NumPy would broadcast to ``(n, n)``."""
    if a.shape != b.shape:
        hint = " (same number of values: reshape one, e.g. with .reshape(-1))" * (a.size == b.size)
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {a.shape} and {b.shape}{hint}"
        )


def require_probabilities(
    p: NDArray, name: str, hint: str = "are these logits? apply softmax first"
) -> None:
    """Every row of ``p`` (along the last axis) must be >= 0 and sum to 1."""
    if np.any(p < 0):
        raise ValueError(f"{name} has negative entries: probabilities must be >= 0")
    sums = p.sum(axis=-1)
    if not np.allclose(sums, 1.0, rtol=0.0, atol=1e-6):  # 1e-6: float32 rounding
        worst = sums.flat[np.argmax(np.abs(sums - 1.0))]
        raise ValueError(
            f"{name} must sum to 1 along its last axis, but a sum is {worst:.6g}; {hint}"
        )


def as_labels(labels: ArrayLike, name: str, num_classes: int | None = None) -> NDArray:
    """``labels`` as a 1-D int64 array of whole numbers, each in ``[0, num_classes)``."""
    array = np.asarray(labels)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(
            f"{name} must be a non-empty 1-D array of class indices, got shape {array.shape}"
        )
    if np.any(array != np.round(array)):
        raise ValueError(
            f"{name} must be whole class indices like 0, 1, 2; "
            "for soft labels pass class probabilities"
        )
    top = np.inf if num_classes is None else num_classes
    if array.min() < 0 or array.max() >= top:
        raise ValueError(
            f"{name} must lie in [0, {top}), got values from {array.min()} to {array.max()}"
        )
    return array.astype(np.int64)


def require_positive(value: float, name: str) -> None:
    """``value`` must be a number greater than zero (a learning rate, a Huber delta)."""
    if not value > 0:  # also refuses NaN
        raise ValueError(f"{name} must be a positive number, got {value}")
