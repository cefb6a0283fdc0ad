"""The Streamlit dashboard: presentation only; every read and write goes through the core."""
