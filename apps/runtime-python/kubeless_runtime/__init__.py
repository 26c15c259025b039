"""Kubeless Python runtime: serves one user function over HTTP (see README.md)."""
