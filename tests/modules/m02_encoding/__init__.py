"""Tests of module 02-encoding: its visible checks, hidden-test seeds, tolerances and the reference maths."""
