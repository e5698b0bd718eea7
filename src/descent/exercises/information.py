"""Exercises of chapter 5, entropy, KL divergence and cross-entropy."""

from __future__ import annotations

from descent.exercises.base import Exercise

EXERCISES: list[Exercise] = []
