"""Learning by Descent: the helpers every chapter of the book imports.

Modules: :mod:`~descent.data`, :mod:`~descent.losses`, :mod:`~descent.search`,
:mod:`~descent.optim`, :mod:`~descent.models`, :mod:`~descent.plots`,
:mod:`~descent.live_explorers` and :mod:`~descent.checks`. Import the one you need::

    from descent import losses
    losses.mse([1, 2, 3], [1, 2, 5])
"""

__version__ = "0.1.0"
