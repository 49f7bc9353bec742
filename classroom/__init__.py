"""The instructor's tools without Streamlit: uploads into the extra folder, the preview's tables, quiz results.

(Not named `instructor`: `pages/instructor.py` would shadow it when Streamlit runs the page.)
"""
