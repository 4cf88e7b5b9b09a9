"""Seeds for each fuzz target, from the demo content and the vendored public corpora."""
import io, json, os, sys, zipfile

out = sys.argv[1]
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
content, corpora = os.path.join(root, "content"), os.path.join(root, "Tests", "Corpora")

def put(target, name, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as handle:
        handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))

for folder, _, files in os.walk(content):
    for name in sorted(files):
        path = os.path.join(folder, name)
        data = open(path, "rb").read()
        key = os.path.relpath(path, content).replace("/", "_")
        if name.endswith(".md"):
            put("markdown", key, data)
        elif name.endswith(".yaml"):
            put("yaml", key, data[:65536])
        elif name.endswith(".csv"):
            put("csv", key, b"\n".join(data.split(b"\n")[:60]))

suite = os.path.join(corpora, "yaml-test-suite")
cases = sorted(d for d in os.listdir(suite) if os.path.isfile(os.path.join(suite, d, "in.yaml")))
for case in cases[:150]:
    put("yaml", "suite-" + case, open(os.path.join(suite, case, "in.yaml"), "rb").read())
naughty = json.load(open(os.path.join(corpora, "big-list-of-naughty-strings", "blns.json")))
for index, text in enumerate(naughty[:120]):
    put("markdown", "naughty-%03d" % index, "# %s\n\n%s [x](%s) **%s**\n" % (text, text, text, text))
    put("dates", "naughty-%03d" % index, text)
sample = open(os.path.join(corpora, "servicenow-event-log-sample", "incident_event_log.sample.csv"), "rb").read()
put("csv", "servicenow", b"\n".join(sample.split(b"\n")[:80]))

put("tickets", "flat", "id,opened,status,updated,type,priority,tier,resolved,responded,score,reopened,title,tags\n"
    "T1,2026-10-05 09:00,open,2026-10-05 09:00,incident,P3,L1,2026-10-05 12:00,2026-10-05 09:30,5,0,\"a, b\",x\n"
    "T1,2026-10-05 09:00,resolved,2026-10-05 12:00,incident,P2,L2,,,,1,b,y\n")
put("jsonl", "github", '{"number": 1, "title": "Disk", "created_at": "2026-10-01T08:00:00Z", "assignee": {"login": "bob"}, '
    '"labels": [{"name": "bug"}, {"name": "P2"}]}\n{"number": 2, "pull_request": {"url": "x"}, "labels": []}\n')
put("dates", "formats", "2026-10-05 09:00\n2026-10-05T09:00:00+08:00\n29/2/2016 01:16\n11/May/24 03:26 PM\n1d4h30m\n2026-W42\n2026-Q4\n")

workbook = io.BytesIO()
with zipfile.ZipFile(workbook, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/sharedStrings.xml", "<sst><si><t>id</t></si><si><t>opened</t></si></sst>")
    z.writestr("xl/styles.xml", '<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>')
    z.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
               '<row r="2"><c r="A2" t="inlineStr"><is><t>X-1</t></is></c><c r="B2" s="1"><v>46303.375</v></c></row></sheetData></worksheet>')
put("xlsx", "workbook", workbook.getvalue())
put("http", "get", "GET /systems/erp/?since=3&x=%E6%95%B0+1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: */*\r\n\r\n")
put("http", "head", "HEAD /__opsbook/events?since=-1 HTTP/1.0\nContent-Length: 0\n\n")
put("http", "post", "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
put("toml", "hugo", open(os.path.join(root, "Tests", "Fuzz", "toml-seed.toml"), "rb").read())
