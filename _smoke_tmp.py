import sys, json, time
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("/work/main/app.py", default_timeout=30).run()
print("home exc", at.exception, [e.value for e in at.error])
for p in sys.argv[1:]:
    t0=time.time(); at.switch_page(p).run(); print(p, round(time.time()-t0,3), "exc", at.exception, [e.value for e in at.error][:2])
    ch = at.get("vega_lite_chart")
    print(" charts", len(ch), [len(c.proto.spec) for c in ch], [len(c.proto.datasets) for c in ch])
at.switch_page("pages/t01_functions.py").run()
c = at.get("vega_lite_chart")[0].proto
print(c.spec[:600]); print(type(c.datasets[0]), str(c.datasets[0])[:300])
