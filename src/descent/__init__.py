"""Learning by Descent: the helpers every chapter of the book imports.

Modules: :mod:`~descent.data`, :mod:`~descent.losses`, :mod:`~descent.search`,
:mod:`~descent.optim` (the one training loop), :mod:`~descent.models`, :mod:`~descent.plots`,
:mod:`~descent.static_explorers` (pictures behind sliders, no kernel needed),
:mod:`~descent.live_explorers` (ipywidgets, in JupyterLab), :mod:`~descent.fashion_mnist`,
:mod:`~descent.validation` and :mod:`~descent.checks` (the exercises). Import the one you
need::

    from descent import losses
    losses.mse([1, 2, 3], [1, 2, 5])

Importing the core (data, losses, search, optim, models, validation, checks) needs only
NumPy, and plots and the explorers add matplotlib: scikit-learn (for the bundled digits) and
PyTorch (for the few exercises that need it) are imported by the functions that use them.
"""

__version__ = "0.1.0"
