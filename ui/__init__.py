"""Shared Streamlit helpers: i18n, charts, the practice panel, the topic models behind the charts."""
