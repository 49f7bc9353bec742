from streamlit.testing.v1 import AppTest
at = AppTest.from_file("/work/main/app.py", default_timeout=30)
at.session_state["lang"] = "zh"
at.run()
print([r.key for r in at.radio], at.exception)
at.radio(key="lang").set_value("en").run()
print([r.key for r in at.radio], at.exception, len(at.sidebar))
print([type(e).__name__ for e in at.sidebar])
print(at.main)
print([ (type(e).__name__, getattr(e,'value',None)) for e in at.main][:10])
