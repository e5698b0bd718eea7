"""Maintainer tools run by the Makefile: ``make student`` and ``make bench``."""
