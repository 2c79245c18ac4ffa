"""The backup archive: a gzipped tar, readable by its owner only, with a manifest that knows
every member's SHA-256.

Layout::

    manifest.json                 what the archive holds (``Manifest``)
    database.sqlite3 | database.pgdump
    files/receipts/...            the stored receipts (encrypted, as on disk)
    files/media/...               the uploads under MEDIA_ROOT
    keys/field_key, keys/research_key   only when asked for (``--with-keys``)

``write_archive`` packs a staged directory of that layout; ``read_archive`` unpacks one into a
directory, and refuses (``DamagedArchive``) when a member is missing, unexpected, unsafe or does
not match its checksum, so that nothing of a damaged archive reaches the database.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from ontmoeting.privacy.files import PRIVATE_DIR, PRIVATE_FILE

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FIELD_KEY_MEMBER = "keys/field_key"
RESEARCH_KEY_MEMBER = "keys/research_key"
_CHUNK = 1 << 20


class DamagedArchive(Exception):
    """The archive cannot be trusted: unreadable, incomplete or not matching its manifest."""


@dataclass
class Manifest:
    """What an archive holds; written as ``manifest.json``."""

    ontmoeting_version: str
    created: str
    vendor: str
    #: The latest applied migration of every app, as the dump holds them.
    migrations: dict[str, str]
    #: Rows per table, counted in the same snapshot as the dump.
    row_counts: dict[str, int]
    keys_included: bool
    #: SHA-256 of every other member, by its name in the archive.
    members: dict[str, str] = field(default_factory=dict)
    format: int = FORMAT

    @property
    def database_member(self) -> str:
        return DATABASE_MEMBER[self.vendor]

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            raw = json.loads(data)
            manifest = cls(**raw)
        except (ValueError, TypeError) as error:
            raise DamagedArchive(_("The archive's manifest cannot be read.")) from error
        if manifest.format != FORMAT or manifest.vendor not in DATABASE_MEMBER:
            raise DamagedArchive(_("The archive's manifest is of an unknown kind."))
        return manifest


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def staged_members(staging: Path) -> Iterator[tuple[str, Path]]:
    """(name in the archive, file) of every regular file below ``staging``, sorted."""
    for path in sorted(staging.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(staging).as_posix(), path


def checksums(staging: Path) -> dict[str, str]:
    return {name: sha256_of(path) for name, path in staged_members(staging)}


def _tarinfo(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = PRIVATE_FILE
    info.mtime = int(time.time())
    return info


def write_archive(target: Path, staging: Path, manifest: Manifest) -> None:
    """Write ``manifest`` and the files below ``staging`` to ``target`` (made 0600, must not
    exist). The manifest comes first, so a reader knows what follows."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with (
        os.fdopen(descriptor, "wb") as raw,
        tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as archive,
    ):
        data = manifest.to_json()
        archive.addfile(_tarinfo(MANIFEST, len(data)), io.BytesIO(data))
        for name, path in staged_members(staging):
            with path.open("rb") as handle:
                archive.addfile(_tarinfo(name, path.stat().st_size), handle)


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name not in ("", ".")


def _unpack_member(archive: tarfile.TarFile, member: tarfile.TarInfo, into: Path) -> None:
    source = archive.extractfile(member)
    if source is None:
        raise DamagedArchive(_("The archive holds something that is not a file."))
    target = into / member.name
    target.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as handle:
        while chunk := source.read(_CHUNK):
            handle.write(chunk)


def _unpack(path: Path, into: Path) -> Manifest:
    manifest: Manifest | None = None
    with tarfile.open(path, mode="r:gz") as archive:
        for member in archive:
            if not member.isfile() or not _safe_name(member.name):
                raise DamagedArchive(_("The archive holds an entry that is not a plain file."))
            if member.name == MANIFEST:
                source = archive.extractfile(member)
                manifest = Manifest.from_json(source.read() if source else b"")
                continue
            if manifest is None or member.name not in manifest.members:
                raise DamagedArchive(_("The archive holds a file its manifest does not list."))
            _unpack_member(archive, member, into)
    if manifest is None:
        raise DamagedArchive(_("The archive has no manifest."))
    return manifest


def read_archive(path: Path, into: Path) -> Manifest:
    """Unpack the archive at ``path`` into the (empty, private) directory ``into`` and return
    its manifest, once every member is there and matches its checksum."""
    try:
        manifest = _unpack(path, into)
    except (tarfile.TarError, EOFError, zlib.error, OSError, UnicodeDecodeError) as error:
        raise DamagedArchive(
            _("The archive cannot be read (%(error)s).") % {"error": error}
        ) from error
    found = checksums(into)
    if found != manifest.members:
        broken = sorted(
            name
            for name in manifest.members.keys() | found.keys()
            if found.get(name) != manifest.members.get(name)
        )
        raise DamagedArchive(
            _("The archive is damaged: these files do not match their checksums: %(members)s.")
            % {"members": ", ".join(broken)}
        )
    if manifest.database_member not in found:
        raise DamagedArchive(_("The archive holds no database."))
    return manifest
