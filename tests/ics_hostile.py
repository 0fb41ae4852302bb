"""A generator of hostile ICS inputs: what a careless export or an attacker can hand to
``nqe-events import-ics``.

Each :class:`Case` writes its file (streaming, so that a 30 MB case costs the generator no memory)
or names a device, and says how the CLI is to be called. The test (tests/ics/test_ics_hostile.py)
runs every case in a subprocess under a 1 GiB address-space limit and a hang timeout; the benchmark
(``benchmarks/bench_ics_import.py --hostile``) records the time and peak memory of each.

``python -m tests.ics_hostile DIR`` writes every file case into DIR (to try them by hand).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

CRLF = b"\r\n"
HEAD = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//nqe hostile//FR\r\n"
TAIL = b"END:VCALENDAR\r\n"
SEASON = 2024


def _event(uid: str, *lines: str, start: str = "20240710T100000Z") -> bytes:
    body = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20240101T000000Z",
        f"DTSTART:{start}",
        *lines,
        "SUMMARY:Atelier",
        "END:VEVENT",
    ]
    return CRLF.join(s.encode() for s in body) + CRLF


def _calendar(*events: bytes) -> Iterator[bytes]:
    yield HEAD
    yield from events
    yield TAIL


@dataclass(frozen=True)
class Case:
    """One hostile input.

    ``chunks`` yields the file's bytes (``None`` for a device case); ``device`` is a path passed
    as is (``/dev/zero``); ``stdin_zero`` feeds the CLI an endless stream of NUL bytes through a
    pipe on ``/dev/stdin``.
    """

    name: str
    what: str
    chunks: Callable[[], Iterator[bytes]] | None = None
    device: str | None = None
    stdin_zero: bool = False
    sparse_size: int = 0  # a file of that many NUL bytes, made sparse with truncate()
    args: tuple[str, ...] = field(default=("--season", str(SEASON)))

    def write(self, folder: Path) -> str:
        """Write the input into ``folder`` (when it is a file) and return the path to import."""
        if self.device is not None:
            return self.device
        if self.stdin_zero:
            return "/dev/stdin"
        path = folder / f"{self.name}.ics"
        if self.sparse_size:
            with path.open("wb") as fh:
                fh.truncate(self.sparse_size)
            return str(path)
        assert self.chunks is not None
        with path.open("wb") as fh:
            _stream(fh, self.chunks())
        return str(path)


def _stream(fh: BinaryIO, chunks: Iterator[bytes]) -> None:
    for chunk in chunks:
        fh.write(chunk)


# --- the cases ------------------------------------------------------------------------------------


def _huge_line() -> Iterator[bytes]:
    yield HEAD
    yield _event("long", "DESCRIPTION:" + "a" * 5_000_000)
    yield TAIL


def _long_fold() -> Iterator[bytes]:
    yield HEAD
    yield b"BEGIN:VEVENT\r\nUID:fold\r\nDTSTART:20240710T100000Z\r\nDESCRIPTION:x"
    yield b"\r\n y" * 300_000
    yield b"\r\nEND:VEVENT\r\n"
    yield TAIL


def _deep_nesting() -> Iterator[bytes]:
    yield HEAD
    yield b"BEGIN:VEVENT\r\n" * 100_000
    yield b"END:VEVENT\r\n" * 100_000
    yield TAIL


def _many_rdates() -> Iterator[bytes]:
    yield HEAD
    yield b"BEGIN:VEVENT\r\nUID:rdates\r\nDTSTAMP:20240101T000000Z\r\n"
    yield b"DTSTART:20240101T100000Z\r\nDURATION:PT1H\r\nSUMMARY:Atelier\r\n"
    for i in range(80_000):
        day, minute = divmod(i, 24 * 60)
        yield f"RDATE:2024{1 + day // 28:02d}{1 + day % 28:02d}T{minute // 60:02d}{minute % 60:02d}00Z\r\n".encode()
    yield b"END:VEVENT\r\n"
    yield TAIL


def _one_line_rdates() -> Iterator[bytes]:
    values = ",".join(
        f"2024{1 + i // 28 % 12:02d}{1 + i % 28:02d}T1000{i % 60:02d}Z" for i in range(80_000)
    )
    yield from _calendar(_event("rdates-1", "DURATION:PT1H", "RDATE:" + values))


def _rdates_chunked() -> Iterator[bytes]:
    """80,000 RDATE values on 20 lines of 4,000, each line under the scanner's length limit."""
    lines = []
    for chunk in range(20):
        values = (
            f"2024{1 + (i // 28) % 12:02d}{1 + i % 28:02d}T{(i // 336) % 24:02d}{i % 60:02d}00Z"
            for i in range(chunk * 4000, (chunk + 1) * 4000)
        )
        lines.append("RDATE:" + ",".join(values))
    yield from _calendar(_event("rdates-chunked", "DURATION:PT1H", *lines))


def _hourly_years() -> Iterator[bytes]:
    yield from _calendar(
        _event("hourly", "DURATION:PT30M", "RRULE:FREQ=HOURLY", start="20000101T000000Z")
    )


def _secondly() -> Iterator[bytes]:
    yield from _calendar(_event("secondly", "DURATION:PT1S", "RRULE:FREQ=SECONDLY"))


def _minutely_count() -> Iterator[bytes]:
    yield from _calendar(
        _event(
            "minutely",
            "DURATION:PT1M",
            "RRULE:FREQ=MINUTELY;COUNT=999999999",
            start="20240101T000000Z",
        )
    )


def _byxxx_product() -> Iterator[bytes]:
    seconds = ",".join(str(i) for i in range(60))
    minutes = seconds
    hours = ",".join(str(i) for i in range(24))
    rule = f"RRULE:FREQ=YEARLY;BYHOUR={hours};BYMINUTE={minutes};BYSECOND={seconds}"
    yield from _calendar(_event("product", "DURATION:PT1S", rule, start="20240101T000000Z"))


def _daily_200() -> Iterator[bytes]:
    yield HEAD
    for i in range(200):
        yield _event(f"daily-{i}", "DURATION:PT1H", "RRULE:FREQ=DAILY", start="20000101T100000Z")
    yield TAIL


def _never_matches() -> Iterator[bytes]:
    yield from _calendar(
        _event(
            "feb30",
            "DURATION:PT1H",
            "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            start="20240101T100000Z",
        )
    )


def _interval_zero() -> Iterator[bytes]:
    yield from _calendar(_event("interval0", "DURATION:PT1H", "RRULE:FREQ=DAILY;INTERVAL=0"))


def _year_9999() -> Iterator[bytes]:
    yield from _calendar(_event("y9999", "DURATION:PT2H", start="99991231T230000Z"))


def _year_10000() -> Iterator[bytes]:
    yield from _calendar(_event("y10000", "DURATION:PT1H", start="100000101T000000Z"))


def _year_1() -> Iterator[bytes]:
    yield from _calendar(_event("y1", "DURATION:-PT1H", start="00010101T000000Z"))


def _duration_weeks() -> Iterator[bytes]:
    yield from _calendar(_event("weeks", "DURATION:P99999999W"))


def _duration_negative() -> Iterator[bytes]:
    yield from _calendar(_event("negative", "DURATION:PT-2H"))


def _bad_offset() -> Iterator[bytes]:
    tz = (
        b"BEGIN:VTIMEZONE\r\nTZID:Mars/Olympus\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        b"TZOFFSETFROM:+9959\r\nTZOFFSETTO:-9999\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    )
    ev = (
        b"BEGIN:VEVENT\r\nUID:offset\r\nDTSTAMP:20240101T000000Z\r\n"
        b"DTSTART;TZID=Mars/Olympus:20240710T100000\r\nDURATION:PT1H\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
    )
    yield from _calendar(tz, ev)


def _unknown_tzid() -> Iterator[bytes]:
    ev = (
        b"BEGIN:VEVENT\r\nUID:tzid\r\nDTSTAMP:20240101T000000Z\r\n"
        b"DTSTART;TZID=Nowhere/Atlantis:20240710T100000\r\nDURATION:PT1H\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
    )
    yield from _calendar(ev)


def _invalid_date() -> Iterator[bytes]:
    yield from _calendar(_event("feb30", "DTEND:20240230T120000Z", start="20240230T100000Z"))


def _lone_cr() -> Iterator[bytes]:
    data = b"".join(_calendar(_event("cr", "DURATION:PT1H")))
    yield data.replace(b"\r\n", b"\r")


def _nul_bytes() -> Iterator[bytes]:
    data = b"".join(_calendar(_event("nul", "DURATION:PT1H", "DESCRIPTION:a\x00b\x00c")))
    yield data.replace(b"SUMMARY:", b"SUM\x00MARY:")


def _binary_garbage() -> Iterator[bytes]:
    rng = random.Random(12)
    yield HEAD
    yield rng.randbytes(1_000_000)
    yield TAIL


def _utf16() -> Iterator[bytes]:
    data = b"".join(_calendar(_event("utf16", "DURATION:PT1H")))
    yield data.decode().encode("utf-16")


def _many_events() -> Iterator[bytes]:
    yield HEAD
    for i in range(120_000):
        yield _event(
            f"e{i}", "DURATION:PT1H", start=f"2024{1 + i % 12:02d}{1 + i % 28:02d}T100000Z"
        )
    yield TAIL


def _many_exdates() -> Iterator[bytes]:
    values = ",".join(f"2024{1 + i % 12:02d}{1 + i % 28:02d}T100000Z" for i in range(100_000))
    yield from _calendar(_event("exdates", "DURATION:PT1H", "RRULE:FREQ=DAILY", "EXDATE:" + values))


def _many_properties() -> Iterator[bytes]:
    yield HEAD
    yield b"BEGIN:VEVENT\r\nUID:props\r\nDTSTART:20240710T100000Z\r\n"
    yield b"X-JUNK:0123456789\r\n" * 500_000
    yield b"END:VEVENT\r\n"
    yield TAIL


def _many_overrides() -> Iterator[bytes]:
    yield HEAD
    yield _event("series", "DURATION:PT1H", "RRULE:FREQ=HOURLY", start="20240101T000000Z")
    for i in range(40_000):
        day, hour = divmod(i, 24)
        stamp = f"2024{1 + day // 28 % 12:02d}{1 + day % 28:02d}T{hour:02d}0000Z"
        yield _event("series", f"RECURRENCE-ID:{stamp}", "DURATION:PT2H", start=stamp)
    yield TAIL


def _unterminated() -> Iterator[bytes]:
    yield HEAD
    yield b"BEGIN:VEVENT\r\nUID:open\r\nDTSTART:20240710T100000Z\r\n"


def _empty() -> Iterator[bytes]:
    yield b""


CASES: tuple[Case, ...] = (
    Case("huge_line", "a 5 MB DESCRIPTION on one line", _huge_line),
    Case("long_fold", "one property folded over 300,000 continuation lines", _long_fold),
    Case("deep_nesting", "100,000 nested BEGIN:VEVENT", _deep_nesting),
    Case("many_rdates", "80,000 RDATE lines in one event", _many_rdates),
    Case("one_line_rdates", "80,000 RDATE values on one line", _one_line_rdates),
    Case("rdates_chunked", "80,000 RDATE values on 20 lines of 4,000", _rdates_chunked),
    Case("hourly_years", "FREQ=HOURLY without end since 2000 (250 bytes)", _hourly_years),
    Case("secondly", "FREQ=SECONDLY without end", _secondly),
    Case("minutely_count", "FREQ=MINUTELY;COUNT=999999999", _minutely_count),
    Case("byxxx_product", "YEARLY with 24 x 60 x 60 BYHOUR/BYMINUTE/BYSECOND", _byxxx_product),
    Case("daily_200", "200 daily series without end since 2000", _daily_200),
    Case("never_matches", "RRULE on 30 February, which never comes", _never_matches),
    Case("interval_zero", "RRULE INTERVAL=0", _interval_zero),
    Case("year_9999", "DTSTART:99991231T230000Z, the end in year 10000", _year_9999),
    Case("year_10000", "DTSTART with a five-digit year", _year_10000),
    Case("year_1", "DTSTART in year 1 with a negative DURATION", _year_1),
    Case("duration_weeks", "DURATION:P99999999W", _duration_weeks),
    Case("duration_negative", "DURATION:PT-2H", _duration_negative),
    Case("bad_offset", "VTIMEZONE with TZOFFSETFROM:+9959", _bad_offset),
    Case("unknown_tzid", "TZID naming no zone and no VTIMEZONE", _unknown_tzid),
    Case("invalid_date", "DTSTART:20240230T100000Z", _invalid_date),
    Case("lone_cr", "lines ended by a lone CR", _lone_cr),
    Case("nul_bytes", "NUL bytes in a value and in a property name", _nul_bytes),
    Case("binary_garbage", "1 MB of random bytes inside a calendar", _binary_garbage),
    Case("utf16", "the calendar in UTF-16 with a BOM", _utf16),
    Case("many_events", "120,000 events (about 14 MB)", _many_events),
    Case("many_exdates", "100,000 EXDATE values on an endless series", _many_exdates),
    Case("many_properties", "500,000 X- properties in one event", _many_properties),
    Case("many_overrides", "40,000 RECURRENCE-ID overrides of one hourly series", _many_overrides),
    Case("unterminated", "no END:VEVENT, no END:VCALENDAR", _unterminated),
    Case("empty", "an empty file", _empty),
    Case("gigantic_file", "a 3 GiB file (sparse, NUL bytes)", sparse_size=3 * 1024**3),
    Case("dev_zero", "the device /dev/zero given as the file", device="/dev/zero"),
    Case("pipe_zero", "an endless pipe of NUL bytes on /dev/stdin", stdin_zero=True),
)


@dataclass(frozen=True)
class Run:
    """How the CLI answered one case."""

    case: str
    returncode: int | None  # None: killed after the timeout
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # peak resident memory of the CLI process (ru_maxrss)


_LAUNCHER = (
    "import resource, runpy, sys; "
    "resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory})); "
    "sys.argv = ['nqe-events', *sys.argv[1:]]; "
    "runpy.run_module('nqe_events.cli', run_name='__main__')"
)


def cli_command(path: str, output: Path, *args: str, memory: int | None = None) -> list[str]:
    """The ``nqe-events import-ics`` call, through the interpreter running this module; with
    ``memory``, the process first limits its own address space to that many bytes (no
    ``preexec_fn``, which is unsafe once threads run)."""
    tail = ["import-ics", path, "-o", str(output), *args]
    if memory is None:
        return [sys.executable, "-m", "nqe_events.cli", *tail]
    return [sys.executable, "-c", _LAUNCHER.format(memory=int(memory)), *tail]


def run(case: Case, folder: Path, *, timeout: float = 60, memory: int = 1024**3) -> Run:
    """Run the CLI on ``case`` in a subprocess limited to ``memory`` bytes of address space;
    wall time and peak RSS are measured for that process alone (``os.wait4``)."""
    path = case.write(folder)
    feeder = None
    stdin: Any = subprocess.DEVNULL
    if case.stdin_zero:
        feeder = subprocess.Popen(["cat", "/dev/zero"], stdout=subprocess.PIPE)
        stdin = feeder.stdout
    out = folder / f"{case.name}.yaml"
    start = time.perf_counter()
    proc = subprocess.Popen(
        cli_command(path, out, *case.args, memory=memory),
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    if feeder is not None and feeder.stdout is not None:
        feeder.stdout.close()  # the CLI holds the only reading end
    streams: dict[str, bytes] = {}

    def drain(name: str, stream: Any) -> None:
        streams[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=("out", proc.stdout), daemon=True),
        threading.Thread(target=drain, args=("err", proc.stderr), daemon=True),
    ]
    for t in readers:
        t.start()
    status: int | None = None
    usage = None
    while True:
        pid, raw, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            status = os.waitstatus_to_exitcode(raw)
            break
        if time.perf_counter() - start > timeout:
            proc.kill()
            _, raw, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    proc.returncode = status if status is not None else -9  # already reaped by wait4
    if feeder is not None:
        feeder.kill()
        feeder.wait()
    for t in readers:
        t.join(timeout=10)
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()
    if case.sparse_size:
        Path(path).unlink(missing_ok=True)
    return Run(
        case.name,
        status,
        streams.get("out", b"").decode("utf-8", "replace"),
        streams.get("err", b"").decode("utf-8", "replace"),
        seconds,
        usage.ru_maxrss / 1024 if usage is not None else 0.0,
    )


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("ics-hostile")
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        if case.chunks is not None:
            print(case.write(folder), "—", case.what)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
