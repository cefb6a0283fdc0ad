"""Prefect flows and deployments: thin orchestration over portfolio/."""
