"""Tests of module 01-distances: its math, data, figures, widgets, visible checks and lecture claims."""
