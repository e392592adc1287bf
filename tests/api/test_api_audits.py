"""``POST /api/v1/audits``: upload, background job, progress, report; uploads not kept."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from _local import local_client
from armslength.store import Store, content_hash


def wait_for(client: TestClient, audit_id: str, **kwargs: Any) -> dict[str, Any]:
    while True:  # no deadline: the job ends done or failed; a loaded machine is only slower
        job: dict[str, Any] = client.get(f"/api/v1/audits/{audit_id}", **kwargs).json()
        if job["status"] in {"done", "failed"}:
            return job
        time.sleep(0.1)


def test_audit_upload_runs_in_the_background(
    client: TestClient, store: Store, sample: dict[str, Path]
) -> None:
    files = [
        ("exports", ("facebook.zip", sample["facebook"].read_bytes(), "application/zip")),
        ("exports", ("instagram.zip", sample["instagram"].read_bytes(), "application/zip")),
        ("roster", ("roster.csv", sample["roster"].read_bytes(), "text/csv")),
    ]
    response = client.post("/api/v1/audits", files=files)
    assert response.status_code == 202
    job = response.json()
    assert job["status"] in {"queued", "running", "done"} and job["report"] is None
    done = wait_for(client, job["id"])
    assert done["status"] == "done", done
    assert done["progress"] == 1.0
    assert done["summary"]["connections"] > 0
    assert set(done["report"]) >= {"summary", "connections", "content"}
    html = client.get(f"/api/v1/audits/{job['id']}/files/report.html")
    assert html.status_code == 200 and "<html" in html.text.lower()
    assert "default-src 'none'" in html.headers["content-security-policy"]
    csv = client.get(f"/api/v1/audits/{job['id']}/files/actions.csv")
    assert csv.status_code == 200
    assert client.get(f"/api/v1/audits/{job['id']}/files/secret.txt").status_code == 422
    event = store.events(type="audit.run")[0]
    assert event.data["status"] == "done" and event.data["exports"] == 2
    assert event.data["roster_sha256"] == content_hash(sample["roster"].read_bytes())
    assert event.data["counts"]["connections"] == done["summary"]["connections"]
    inputs = list(client.app.state.audits.root.glob("*/in"))  # type: ignore[attr-defined]
    assert inputs == []  # uploads (and the roster) are deleted when the run ends


def test_unreadable_upload_fails_cleanly(client: TestClient, store: Store) -> None:
    files = [
        ("exports", ("../../etc/passwd", b"not an export", "application/octet-stream")),
        ("roster", ("roster.csv", b"id,name\n1,A B\n", "text/csv")),
    ]
    job = client.post("/api/v1/audits", files=files).json()
    done = wait_for(client, job["id"])
    assert done["status"] == "failed" and done["error"]
    assert client.get(f"/api/v1/audits/{job['id']}/files/report.json").status_code == 404
    assert store.events(type="audit.run")[0].data["status"] == "failed"


def test_audit_needs_files(client: TestClient) -> None:
    assert client.post("/api/v1/audits").status_code == 422
    assert client.get("/api/v1/audits/nope").status_code == 404


def test_only_the_newest_finished_audits_are_kept(store: Store) -> None:
    from armslength.config import Settings
    from armslength.server import Limits, create_app

    app = create_app(Settings(), store, limits=Limits(audit_jobs_kept=2))
    files = [
        ("exports", ("x.bin", b"nothing", "application/octet-stream")),
        ("roster", ("r.csv", b"id\n", "text/csv")),
    ]
    with local_client(app) as client:
        ids = []
        for _ in range(4):
            ids.append(client.post("/api/v1/audits", files=files).json()["id"])
            wait_for(client, ids[-1])
        kept = [client.get(f"/api/v1/audits/{i}").status_code for i in ids]
        assert kept == [404, 404, 200, 200]
        assert len(list(app.state.audits.root.iterdir())) == 2


def test_finished_audits_are_deleted_after_their_time_to_live(store: Store) -> None:
    from datetime import timedelta

    from armslength.config import Settings
    from armslength.server import Limits, create_app
    from armslength.store.events import utcnow

    app = create_app(Settings(), store, limits=Limits(audit_ttl=3600))
    jobs = app.state.audits
    files = [
        ("exports", ("x.bin", b"nothing", "application/octet-stream")),
        ("roster", ("r.csv", b"id\n", "text/csv")),
    ]
    with local_client(app) as client:
        assert jobs.root.stat().st_mode & 0o777 == 0o700  # private to the server's user
        audit_id = client.post("/api/v1/audits", files=files).json()["id"]
        wait_for(client, audit_id)
        folder = jobs.get(audit_id).folder
        assert folder.is_dir()
        jobs.clock = lambda: utcnow() + timedelta(minutes=59)
        assert client.get(f"/api/v1/audits/{audit_id}").status_code == 200
        jobs.clock = lambda: utcnow() + timedelta(minutes=61)
        assert client.get(f"/api/v1/audits/{audit_id}").status_code == 404
        assert not folder.exists()
        assert jobs.sweep() == []  # already gone: the lookup swept it


def test_the_sweep_spares_running_audits(store: Store) -> None:
    from datetime import timedelta

    from armslength.config import Settings
    from armslength.jobs import AuditJobs
    from armslength.service import Core
    from armslength.store.events import utcnow

    jobs = AuditJobs(Core.for_server(Settings(), store), ttl=timedelta(seconds=1))
    try:
        running = jobs.new_job("api")
        finished = jobs.new_job("api")
        finished.finished = utcnow() - timedelta(seconds=5)
        assert jobs.sweep() == [finished.id]
        assert jobs.get(running.id) is running and not finished.folder.exists()
    finally:
        jobs.close()
