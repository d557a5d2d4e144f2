#!/usr/bin/env python3
"""How fast `glosslint server` answers while someone types in a large document.

Starts the server over stdio (plain JSON-RPC, no client library), opens DOC, then types:
ROUNDS bursts of KEYS one-character edits, KEYS_APART ms apart, as a person types a word at
a random line of the document; after each burst it waits for the diagnostics of the burst's last version and
records the time from the last keystroke to them (what the user waits for). It also sends a
hover request in the middle of each burst and records how long the answer takes (the message
loop must not wait for a check). Prints the cold first check, and median and worst of both.

Usage: lsp_latency.py BINARY DOC [--glossary FILE] [--rounds 10] [--keys 8] [--keys-apart 40]
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path


class Server:
    def __init__(self, command):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.lock = threading.Condition()
        self.messages = []
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()
        self.next_id = 0

    def read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = json.loads(out.read(length))
            with self.lock:
                self.messages.append((time.monotonic(), body))
                self.lock.notify_all()

    def send(self, message):
        data = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, test, timeout=120):
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for i, (t, m) in enumerate(self.messages):
                    if test(m):
                        del self.messages[i]
                        return t, m
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("no answer")
                self.lock.wait(left)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("doc")
    ap.add_argument("--glossary")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--keys", type=int, default=8)
    ap.add_argument("--keys-apart", type=float, default=40)
    a = ap.parse_args()
    doc = Path(a.doc).resolve()
    text = doc.read_text()
    lines = text.split("\n")
    command = [a.binary, "server"] + (["--glossary", a.glossary] if a.glossary else [])
    s = Server(command)
    uri = doc.as_uri()
    s.request("initialize", {"processId": os.getpid(), "rootUri": doc.parent.as_uri(), "capabilities": {}})
    s.wait(lambda m: m.get("id") == 1)
    s.notify("initialized", {})
    start = time.monotonic()
    s.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    is_diagnostics = lambda v: lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == v
    t, m = s.wait(is_diagnostics(1))
    cold = t - start
    found = len(m["params"]["diagnostics"])
    rng = random.Random(7)
    version = 1
    waits, hovers = [], []
    for _ in range(a.rounds):
        hover_id = None
        line = rng.randrange(len(lines))
        for k in range(a.keys):
            version += 1
            pos = {"line": line, "character": k}
            s.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": pos, "end": pos}, "text": "x"}],
            })
            lines[line] = lines[line][:k] + "x" + lines[line][k:]
            if k == a.keys // 2:
                hover_at = time.monotonic()
                hover_id = s.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
            if k < a.keys - 1:
                time.sleep(a.keys_apart / 1000)
        last = time.monotonic()
        t, _ = s.wait(is_diagnostics(version))
        waits.append((t - last) * 1000)
        t, _ = s.wait(lambda m, i=hover_id: m.get("id") == i)
        hovers.append((t - hover_at) * 1000)
    s.request("shutdown", None)
    s.notify("exit", None)
    s.proc.wait(timeout=30)
    mb = len(text.encode()) / 1e6
    print(f"document: {doc.name}, {mb:.1f} MB, {found} findings on open")
    print(f"first check (cold: glossary load and index): {cold * 1000:.0f} ms")
    print(f"last keystroke -> diagnostics: median {statistics.median(waits):.0f} ms, worst {max(waits):.0f} ms ({len(waits)} bursts of {a.keys} keys, {a.keys_apart:.0f} ms apart)")
    print(f"hover during a burst: median {statistics.median(hovers):.0f} ms, worst {max(hovers):.0f} ms")


if __name__ == "__main__":
    sys.exit(main())
