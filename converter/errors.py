"""Errors a user can act on, each with the exit code the command line returns for it.

This is the one place where a kind of failure is tied to an exit code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INVALID = 1  # the graph violates the shapes
    USAGE = 2  # wrong command-line use, unknown query name, bad SPARQL
    UNREADABLE = 3  # empty, binary, undecodable or unparseable input
    NOT_A_TEXT_ADOPTED = 4  # readable text that is not (or not a whole) EP text adopted
    OUTPUT = 5  # the output could not be written
    INTERNAL = 6  # a defect of the converter itself (the message says what failed)
    LIMIT = 7  # a resource limit was reached (a query's time or rows; raise it with its option)
    CLUSTER = 8  # the Dask cluster cannot be used: not installed, no scheduler answers, or it lost the work
    REMOTE = 9  # the triple store publish writes to: not reached, credentials refused, or the data refused
    INTERRUPTED = 130  # stopped by Ctrl-C or SIGTERM: the files written are whole, the rest not begun


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes, so a file name or a value from the
    data cannot break a message into lines or send codes to the terminal."""
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


class ConverterError(Exception):
    """A failure caused by the input or the environment, reported without a traceback."""

    exit_code = ExitCode.UNREADABLE

    def __init__(self, source: str, problem: str, *, line: int | None = None,
                 expected: str | None = None, found: str | None = None) -> None:
        self.source = source
        self.line = line
        self.problem = problem
        self.expected = expected
        self.found = found
        super().__init__(str(self))

    def __reduce__(self) -> tuple[object, ...]:
        """Picklable, so an error raised in a worker or a bounded child reaches the parent whole."""
        return (_rebuild, (type(self), self.source, self.problem, self.line, self.expected, self.found))

    def __str__(self) -> str:
        where = f"{printable(self.source)}:{self.line}" if self.line else printable(self.source)
        text = f"{where}: {self.problem}"
        if self.expected:
            text += f"; expected {self.expected}"
        if self.found is not None:
            text += f", found {self.found!r}"
        return text


class UnreadableInput(ConverterError):
    exit_code = ExitCode.UNREADABLE


class NotATextAdopted(ConverterError):
    exit_code = ExitCode.NOT_A_TEXT_ADOPTED


class OutputError(ConverterError):
    exit_code = ExitCode.OUTPUT


class InternalError(ConverterError):
    exit_code = ExitCode.INTERNAL


class UsageError(ConverterError):
    """A command or query that cannot run as given: syntax, unknown name, parameters."""

    exit_code = ExitCode.USAGE


class LimitReached(ConverterError):
    """A query ran out of its time or row budget."""

    exit_code = ExitCode.LIMIT


class ClusterUnavailable(ConverterError):
    """The Dask cluster asked for cannot do the work: a fault of the environment, not of an input,
    so a script can tell it apart and run again later (the manifest skips what was done)."""

    exit_code = ExitCode.CLUSTER


class RemoteStoreError(ConverterError):
    """A triple store that ``publish`` cannot write to: it cannot be reached, it refuses the
    credentials, or it refuses a graph. The files read are not changed."""

    exit_code = ExitCode.REMOTE


def _rebuild(cls: type[ConverterError], source: str, problem: str, line: int | None, expected: str | None,
             found: str | None) -> ConverterError:
    return cls(source, problem, line=line, expected=expected, found=found)
