"""The book's exercises, one module per chapter; :mod:`descent.checks` collects them."""
