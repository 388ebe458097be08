"""Open-source reference implementations of ITU-T Recommendations, one package each."""
