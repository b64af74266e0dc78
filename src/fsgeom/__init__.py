"""fsgeom: shared code of the feature-space geometry course."""
