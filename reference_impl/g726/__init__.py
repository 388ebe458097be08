"""ITU-T G.726 reference implementation: 40, 32, 24 and 16 kbit/s ADPCM."""
