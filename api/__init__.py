"""The REST API and the public results page (#19): a presentation layer beside dashboard/.

Thin over portfolio/service: a route reads the request, calls one use case as the
token's service identity, and renders the answer. No SQL here, no authorisation of its
own beyond turning a bearer token into an Actor.
"""
