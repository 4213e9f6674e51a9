"""Use cases: one function per thing a clerk does, over a store connection and plain arguments.

They join io, domain and store so that the CLI only parses and renders, and so that scripts and
tests can do the same work without the CLI.
"""
