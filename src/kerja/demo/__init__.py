"""The sample institution behind `kerja demo` and examples/: a fictional Dinas, its circular, and a
simulated month. Everything is derived from a seed (random.Random) and explicit dates, never the
clock, so the same seed always gives the same people, punches and activities.
"""
