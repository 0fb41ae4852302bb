"""Reading input files safely: one place for "not found", "a folder", "too large" and "not UTF-8".

Every reader of the package (programme files, CSV, QPV lists, rule packs, factor sets, ICS feeds)
goes through :func:`read_bytes` / :func:`read_text`, each raising its own ``InputError`` subclass so
the message says which kind of file is at fault.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import ErrorDetail, InputError, ProgrammeFileError
from .limits import DEFAULT_LIMITS

__all__ = ["MAX_FILE_BYTES", "decode_text", "read_bytes", "read_stream", "read_text"]

#: Input files above this size are refused before reading (a season is a few hundred KB).
MAX_FILE_BYTES = DEFAULT_LIMITS.max_bytes


def _unreadable(error: type[InputError], path: Path, exc: OSError | ValueError) -> InputError:
    reason = getattr(exc, "strerror", None)
    if isinstance(exc, ValueError) or reason is None:
        return error(
            "chemin de fichier invalide (caractère nul ou non représentable)",
            "invalid file path (null or unencodable character)",
            source=repr(str(path))[1:-1],
        )
    return error(f"fichier illisible ({reason})", f"unreadable file ({reason})", source=str(path))


#: how to read a larger file anyway (the command line's option; ``limits=`` in Python)
_HINT_FR = " (pour le lire quand même : option --max-size MO)"
_HINT_EN = " (to read it anyway: option --max-size MIB)"


def _too_large(
    error: type[InputError], path: Path | str, size: int | None, max_bytes: int
) -> InputError:
    if size is None:
        return error(
            f"fichier trop gros (plus de {max_bytes} octets) : refusé, lu seulement jusque-là"
            + _HINT_FR,
            f"file too large (more than {max_bytes} bytes): refused, read only that far" + _HINT_EN,
            source=str(path),
        )
    return error(
        f"fichier trop gros ({size} octets, au plus {max_bytes}) : refusé sans être lu" + _HINT_FR,
        f"file too large ({size} bytes, at most {max_bytes}): refused without reading it"
        + _HINT_EN,
        source=str(path),
    )


def read_stream(
    stream: BinaryIO,
    *,
    source: str = "-",
    error: type[InputError] = ProgrammeFileError,
    max_bytes: int = MAX_FILE_BYTES,
) -> bytes:
    """At most ``max_bytes`` bytes of ``stream`` (a pipe, a device, standard input); one byte more
    raises ``error``, so an endless stream such as ``/dev/zero`` is refused without being read to
    the end."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise _unreadable(error, Path(source), exc) from None
    if len(data) > max_bytes:
        raise _too_large(error, source, None, max_bytes)
    return data


def read_bytes(
    path: str | Path,
    *,
    error: type[InputError] = ProgrammeFileError,
    max_bytes: int = MAX_FILE_BYTES,
) -> bytes:
    """The bytes of ``path``; a missing file, a folder or a file over ``max_bytes`` raises
    ``error`` (a regular file is refused before reading; a pipe or a device is read up to
    ``max_bytes`` + 1 bytes, never to its end)."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise error(
            "fichier introuvable : vérifiez le chemin",
            "file not found: check the path",
            source=str(path),
        ) from None
    except (OSError, ValueError) as exc:
        raise _unreadable(error, path, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(
            "c'est un dossier, pas un fichier", "this is a folder, not a file", source=str(path)
        )
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise _too_large(error, path, info.st_size, max_bytes)
    try:
        with path.open("rb") as stream:
            return read_stream(stream, source=str(path), error=error, max_bytes=max_bytes)
    except OSError as exc:
        raise _unreadable(error, path, exc) from None


def read_text(
    path: str | Path,
    *,
    error: type[InputError] = ProgrammeFileError,
    max_bytes: int = MAX_FILE_BYTES,
) -> str:
    """The UTF-8 text of ``path`` (a BOM is dropped); bytes that are not UTF-8 raise ``error``
    with the line where they are."""
    return decode_text(read_bytes(path, error=error, max_bytes=max_bytes), str(path), error=error)


def decode_text(raw: bytes, source: str, *, error: type[InputError] = ProgrammeFileError) -> str:
    """``raw`` decoded as UTF-8 (a BOM is dropped); bytes that are not UTF-8 raise ``error`` with
    the line where they are."""
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
            source=source,
        ) from None
