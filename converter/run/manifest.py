"""The manifest of an output folder: for each source, keyed by the SHA-256 of its bytes and then by
its file name, the release that converted it, the options that shape the output and the files
written. A re-run skips a source whose bytes, release and options are recorded and whose files are
all still there.

Only the process that runs ``convert`` writes it (workers write the documents' files), atomically
and with sorted keys and no timestamps, so the same conversions give the same bytes."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from pathlib import Path
from typing import Any

from ..pipeline import output_stem
from ..rdf.export import write_atomic
from ..readers import Given

MANIFEST_NAME = "manifest.json"
FORMAT = "eprdf-manifest/1"
# A long run rewrites the manifest at most this often, so a run that is killed (not interrupted,
# which saves it) loses at most this much of its record; what it loses is converted again.
SAVE_EVERY = 15.0

Options = dict[str, str | bool | None]
Entry = dict[str, Any]  # {"converter": release, "options": Options, "files": [names in the folder]}


def conversion_options(base: str, run_checks: bool, given: Given | None) -> Options:
    """What a conversion was asked for that changes its files (or, for validation, what they promise)."""
    given = given or Given()
    return {"base": base, "validate": run_checks, "register": given.register,
            "date": given.adopted.isoformat() if given.adopted else None, "language": given.language}


def source_sha256(path: Path, max_bytes: int) -> str | None:
    """The SHA-256 of a regular file within the size limit; None for anything the conversion will
    refuse anyway (missing, a folder, too large), which is then converted and reported as usual."""
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
                return None
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


class Manifest:
    """The record of ``outdir``: what :meth:`converted` answers comes from the file as it was loaded;
    :meth:`record` adds a conversion, :meth:`save` merges this run's conversions into the file as it is
    then (another run may have saved meanwhile) and writes it."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.path = outdir / MANIFEST_NAME
        self.documents, self.problem = _read(self.path)
        self._changes: dict[str, tuple[str, str, Entry]] = {}  # by output stem: sha256, source name, entry
        self._saved = time.monotonic()

    def converted(self, sha256: str, name: str, release: str, options: Options) -> bool:
        """Whether these bytes under this name were converted by ``release`` with ``options``, and
        every file that wrote is still in the folder."""
        entry = self.documents.get(sha256, {}).get(name)
        return (entry is not None and entry["converter"] == release and entry["options"] == options
                and bool(entry["files"]) and all((self.outdir / file).is_file() for file in entry["files"]))

    def record(self, sha256: str, name: str, release: str, options: Options, files: list[str]) -> None:
        """A conversion that wrote ``files``; it replaces whatever the manifest said of their stem."""
        self._changes[output_stem(Path(name))] = (sha256, name, {"converter": release, "options": options,
                                                                 "files": sorted(files)})

    def save_if_due(self) -> None:
        if self._changes and time.monotonic() - self._saved >= SAVE_EVERY:
            self.save()

    def save(self) -> None:
        """Write this run's conversions, if any; raises ``OutputError`` when the file cannot be written."""
        if not self._changes:
            return
        documents, _ = _read(self.path)  # a manifest the user broke is replaced: load() warned of it
        where = {output_stem(Path(name)): (sha256, name) for sha256, names in documents.items() for name in names}
        for stem, (sha256, name, entry) in self._changes.items():
            if stem in where:  # the files of this stem now hold another conversion
                old_sha256, old_name = where[stem]
                del documents[old_sha256][old_name]
                if not documents[old_sha256]:
                    del documents[old_sha256]
            documents.setdefault(sha256, {})[name] = entry
            where[stem] = (sha256, name)
        data = {"format": FORMAT, "documents": documents}
        write_atomic({self.path: (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()})
        self.documents = documents
        self._changes.clear()
        self._saved = time.monotonic()


def _read(path: Path) -> tuple[dict[str, dict[str, Entry]], str | None]:
    """The documents a manifest records, and what is wrong with it when it cannot be used."""
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return {}, None
    except (OSError, ValueError) as exc:
        return {}, f"cannot be read ({exc})"
    if not isinstance(data, dict) or data.get("format") != FORMAT or not _well_formed(data.get("documents")):
        return {}, f"is not a manifest of this release (format {FORMAT})"
    return data["documents"], None


def _well_formed(documents: object) -> bool:
    return isinstance(documents, dict) and all(
        isinstance(names, dict) and all(
            isinstance(entry, dict) and isinstance(entry.get("converter"), str)
            and isinstance(entry.get("options"), dict) and isinstance(entry.get("files"), list)
            and all(isinstance(file, str) for file in entry["files"]) for entry in names.values())
        for names in documents.values())
