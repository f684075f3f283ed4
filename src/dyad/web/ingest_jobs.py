"""Ingest of files dropped in the browser: saved to a folder, ingested one by one in a
thread, so the page can poll how many are done while the server keeps answering.

Sidecars (``name.meta.json``) travel with their file and are read beside it, as on disk.
"""
from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from fastapi import HTTPException, UploadFile

from dyad.read import discover
from dyad.read.discover import FORMATS


@dataclass
class Job:
    id: str
    folder: Path
    files: list[Path]
    done: int = 0
    report: list[str] = field(default_factory=list)  # one summary line per file
    failed: list[tuple[str, str]] = field(default_factory=list)
    finished: bool = False

    def progress(self) -> dict:
        return {"id": self.id, "total": len(self.files), "done": self.done, "finished": self.finished,
                "failed": [{"file": Path(p).name, "reason": r} for p, r in self.failed]}


class Jobs:
    """Upload jobs of one app; ingests run one at a time (the store takes one writer)."""

    def __init__(self, dyad, lock: threading.Lock):
        self.dyad = dyad
        self.lock = lock
        self.jobs: dict[str, Job] = {}

    def start(self, uploads: list[UploadFile]) -> Job:
        folder = Path(tempfile.mkdtemp(prefix="dyad-upload-"))
        for upload in uploads:
            name = PurePath(upload.filename or "").name  # never a path the client chose
            if not name or name.startswith("."):
                raise HTTPException(400, f"E523 {upload.filename!r} is not a file name")
            with open(folder / name, "wb") as out:
                shutil.copyfileobj(upload.file, out)
        texts = sorted(Path(p) for p in discover([folder]))
        if not texts:
            shutil.rmtree(folder, ignore_errors=True)
            raise HTTPException(400, f"E523 none of the files is a text dyad reads ({', '.join(FORMATS)})")
        job = Job(uuid.uuid4().hex[:12], folder, texts)
        self.jobs[job.id] = job
        threading.Thread(target=self._run, args=(job,), daemon=True).start()
        return job

    def get(self, job_id: str) -> Job:
        if job_id not in self.jobs:
            raise HTTPException(404, f"E524 no upload {job_id!r}")
        return self.jobs[job_id]

    def _run(self, job: Job) -> None:
        try:
            for path in job.files:
                with self.lock:
                    report = self.dyad.ingest([path])
                job.failed.extend(report.failed)
                job.done += 1
        finally:
            job.finished = True
            shutil.rmtree(job.folder, ignore_errors=True)
