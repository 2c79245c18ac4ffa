"""What a backup takes besides the database: the stored files and, when asked, the keys.

Stored files are the receipts (``ONTMOETING_RECEIPTS_DIR``, by default
``VAR_DIR/private/receipts``; encrypted with the field key, copied as they are) and the uploads
under ``MEDIA_ROOT``. The keys are the field key (bank details, ``ONTMOETING_FIELD_KEY`` or its
file) and the research key (pseudonyms, ``ONTMOETING_RESEARCH_KEY`` or its file). The settings
are read here as ``expenses.crypto`` and ``surveys.pseudonyms`` read them (those apps sit above
this one): the value in the environment, else the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from ontmoeting.privacy.backup_archive import FIELD_KEY_MEMBER, RESEARCH_KEY_MEMBER


@dataclass(frozen=True)
class KeySource:
    """One key: where the archive keeps it, the setting holding it inline, and its file."""

    member: str
    setting: str

    @property
    def file(self) -> Path:
        configured = getattr(settings, f"{self.setting}_FILE", None)
        default = Path(settings.VAR_DIR) / self.member.rsplit("/", 1)[-1]
        return Path(configured) if configured else default

    def inline(self) -> bytes:
        return str(getattr(settings, self.setting, "") or "").strip().encode("utf-8")

    def configured(self) -> bytes:
        """The key as this installation has it (inline, else its file); empty when none."""
        inline = self.inline()
        if inline:
            return inline
        return self.file.read_bytes().strip() if self.file.is_file() else b""


KEYS = (
    KeySource(member=FIELD_KEY_MEMBER, setting="ONTMOETING_FIELD_KEY"),
    KeySource(member=RESEARCH_KEY_MEMBER, setting="ONTMOETING_RESEARCH_KEY"),
)


def same_key(one: bytes, other: bytes) -> bool:
    """Whether two key texts hold the same keys (commas or lines between several)."""

    def keys(text: bytes) -> list[bytes]:
        return text.replace(b",", b"\n").split()

    return keys(one) == keys(other)


def receipts_dir() -> Path:
    default = Path(settings.VAR_DIR) / "private" / "receipts"
    return Path(getattr(settings, "ONTMOETING_RECEIPTS_DIR", default))


def file_roots() -> dict[str, Path]:
    """The folders of stored files, by their folder in the archive."""
    return {"files/receipts": receipts_dir(), "files/media": Path(settings.MEDIA_ROOT)}


def stored_files() -> list[tuple[str, Path]]:
    """(name in the archive, file) of every stored file; a file is taken once, under the
    first folder that holds it, and links are not followed."""
    seen: set[Path] = set()
    found = []
    for prefix, root in file_roots().items():
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_symlink() or not path.is_file() or path.resolve() in seen:
                continue
            seen.add(path.resolve())
            found.append((f"{prefix}/{path.relative_to(root).as_posix()}", path))
    return found


def target_of(member: str) -> Path | None:
    """Where a stored file of the archive goes in this installation (None: not a file)."""
    for prefix, root in file_roots().items():
        if member.startswith(prefix + "/"):
            return root / member.removeprefix(prefix + "/")
    return None
