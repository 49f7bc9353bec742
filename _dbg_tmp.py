from streamlit.testing.v1 import AppTest
at = AppTest.from_file("/work/main/app.py", default_timeout=30)
at.run()
print(len(at.sidebar.children), [type(e).__name__ for e in at.sidebar])
at.run()
print(len(at.sidebar.children), [type(e).__name__ for e in at.sidebar])
at.switch_page("pages/t03_sigma.py").run()
print(len(at.sidebar.children), [type(e).__name__ for e in at.sidebar], [r.key for r in at.radio])
print(at._tree.children.keys())
for k,v in at._tree.children.items():
    print(k, type(v).__name__, getattr(v,'type',None), len(getattr(v,'children',{})), [type(c).__name__ for c in list(getattr(v,'children',{}).values())[:6]])
