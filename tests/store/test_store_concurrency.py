"""Two servers (processes) and many threads appending at once keep one valid chain."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from armslength.store import Store, TextScreened, content_hash, open_store

WRITER = """
import sys
from armslength.store import TextScreened, content_hash, open_store
store = open_store(sys.argv[1])
for n in range(int(sys.argv[2])):
    store.append(TextScreened(actor=sys.argv[3], kind="post", risk="none",
                              text_sha256=content_hash(str(n))))
"""


def test_two_processes_appending_at_once_keep_one_chain(store: Store, db_url: str) -> None:
    per_process = 150
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, db_url, str(per_process), f"server-{n}"])
        for n in range(2)
    ]
    assert [w.wait() for w in writers] == [0, 0]
    assert store.count() == 2 * per_process
    assert store.verify() == (True, None)
    actors = [e.actor for e in store.events(limit=1000)]
    assert actors.count("server-0") == actors.count("server-1") == per_process
    ids = sorted(e.id for e in store.events(limit=1000))
    assert ids == list(range(1, 2 * per_process + 1))


def test_threads_appending_at_once_keep_one_chain(db_url: str) -> None:
    stores = [open_store(db_url), open_store(db_url)]  # two "servers" in one process

    def append(n: int) -> None:
        event = TextScreened(kind="post", risk="none", text_sha256=content_hash(str(n)))
        stores[n % 2].append(event)

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(append, range(200)))
    assert stores[0].count() == 200
    assert stores[1].verify() == (True, None)
    for s in stores:
        s.close()
