"""Reading input files safely: one place for "not found", "a folder", "too large" and "not UTF-8".

Every reader of the package (programme files, CSV, QPV lists, rule packs, factor sets, ICS feeds)
goes through :func:`read_bytes` / :func:`read_text`, each raising its own ``InputError`` subclass so
the message says which kind of file is at fault.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ErrorDetail, InputError, ProgrammeFileError

__all__ = ["MAX_FILE_BYTES", "read_bytes", "read_text"]

#: Input files above this size are refused before reading (a season is a few hundred KB).
MAX_FILE_BYTES = 50 * 1024 * 1024


def read_bytes(
    path: str | Path,
    *,
    error: type[InputError] = ProgrammeFileError,
    max_bytes: int = MAX_FILE_BYTES,
) -> bytes:
    """The bytes of ``path``; a missing file, a folder or a file over ``max_bytes`` raises
    ``error`` (refused before reading)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise error(
            "fichier introuvable : vérifiez le chemin",
            "file not found: check the path",
            source=str(path),
        ) from None
    except OSError as exc:
        raise error(
            f"fichier illisible ({exc.strerror})",
            f"unreadable file ({exc.strerror})",
            source=str(path),
        ) from None
    if path.is_dir():
        raise error(
            "c'est un dossier, pas un fichier", "this is a folder, not a file", source=str(path)
        )
    if size > max_bytes:
        raise error(
            f"fichier trop gros ({size} octets, au plus {max_bytes}) : refusé sans être lu",
            f"file too large ({size} bytes, at most {max_bytes}): refused without reading it",
            source=str(path),
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise error(
            f"fichier illisible ({exc.strerror})",
            f"unreadable file ({exc.strerror})",
            source=str(path),
        ) from None


def read_text(
    path: str | Path,
    *,
    error: type[InputError] = ProgrammeFileError,
    max_bytes: int = MAX_FILE_BYTES,
) -> str:
    """The UTF-8 text of ``path`` (a BOM is dropped); bytes that are not UTF-8 raise ``error``
    with the line where they are."""
    raw = read_bytes(path, error=error, max_bytes=max_bytes)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise error(
            "le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8 depuis votre éditeur",
            "the file is not UTF-8: save it as UTF-8 from your editor",
            details=[
                ErrorDetail(
                    "",
                    f"octet invalide à la position {exc.start}",
                    f"invalid byte at position {exc.start}",
                    line=line,
                )
            ],
            source=str(path),
        ) from None
