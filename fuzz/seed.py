#!/usr/bin/env python3
"""Seed the fuzz corpora (fuzz/corpus/<target>/, git-ignored) from ../shared.

Nothing from ../shared is committed: this script copies or converts a few
real documents at run time. DOCX and HTML seeds are built from the clean
texts (one paragraph per line), since the shared corpus has no .docx or
.html files. Run from anywhere: python3 fuzz/seed.py
"""
import io
import os
import random
import zipfile
from html import escape
from pathlib import Path
from xml.sax.saxutils import escape as xesc

FUZZ = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("RESDIFF_SHARED", FUZZ.parent.parent / "shared")) / "corpus"
OUT = FUZZ / "corpus"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NUMBERING = (
    f'<w:numbering {W}><w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


def put(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def document_xml(lines):
    ps = []
    for k, line in enumerate(lines):
        num = ""
        if k % 7 == 3:  # some paragraphs automatically numbered
            num = f'<w:pPr><w:numPr><w:ilvl w:val="{k % 3}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        ps.append(f"<w:p>{num}<w:r><w:t xml:space=\"preserve\">{xesc(line)}</w:t></w:r></w:p>")
    return f"<w:document {W}><w:body>{''.join(ps)}</w:body></w:document>"


def docx(document, numbering):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        z.writestr("word/numbering.xml", numbering)
    return buf.getvalue()


def html_page(lines):
    body = []
    for k, line in enumerate(lines):
        if k % 9 == 4:
            body.append(f'<ol type="a"><li>{escape(line)}</li><li><sup>1</sup></li></ol>')
        else:
            body.append(f"<p>{escape(line)}</p>")
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{''.join(body)}</body></html>"


def main():
    rng = random.Random(1)
    texts = sorted((SHARED / "fulltext").glob("*/*.txt")) + sorted((SHARED / "excerpts").glob("*/*.txt"))
    texts += sorted((SHARED / "seed").glob("*.txt"))
    for p in texts:
        name = f"{p.parent.name}-{p.stem}"
        data = p.read_bytes()
        put("text", name, b"\x07" + data)  # first byte: language auto, clean text
        put("text", name + "-pdf", b"\x87" + data)  # as a PDF extraction
        put("read_bytes", name + ".txt", data)
        lines = [l for l in data.decode("utf-8", "replace").split("\n") if l.strip()]
        # Short pieces keep the fuzzer fast; whole documents exercise structure.
        doc = document_xml(lines[:60])
        put("docx", name + ".parts", (doc + "\0" + NUMBERING).encode())
        put("docx", name + ".docx", docx(doc, NUMBERING))
        put("read_bytes", name + ".docx", docx(doc, NUMBERING))
        page = html_page(lines[:80])
        put("html", name + ".html", page)
        put("read_bytes", name + ".html", page)
    akns = sorted((SHARED / "akn").glob("*/*.xml"))
    ga = sorted((SHARED / "ga-akn").glob("*/*/*.xml"))
    akns += rng.sample(ga, min(12, len(ga)))
    for p in akns:
        data = p.read_bytes()
        name = f"{p.parent.name}-{p.name}"
        put("akn", name, data)
        put("read_bytes", name, data)
    labels = ["(a)", "a)", "а)", "(أ)", "（ａ）", "(ii)", "(٢)", "1.", "12 -", "١٢.", "１２．", "(هـ)", "(aa)"]
    for k, l in enumerate(labels):
        put("labels", f"l{k}", l)
    for t in sorted(OUT.iterdir()):
        print(t.name, len(list(t.iterdir())))


if __name__ == "__main__":
    main()
