"""Block network access in this Python process: only loopback and local sockets work.

The test suite's ``conftest.py`` installs the guard in the pytest process and puts this
folder first on ``PYTHONPATH`` with ``ARNEWS_BLOCK_NETWORK=1``, so that every Python
subprocess a test starts (spawned workers, dask workers, CLI runs) imports it as
``sitecustomize`` and is guarded too.

What is refused, with :class:`NetworkBlockedError` (an ``OSError``, so code that copes
with an unreachable network copes with it): ``connect``/``connect_ex``/``sendto`` of an
internet socket to an address that is not loopback (127.0.0.0/8, ::1, the unspecified
address, which Linux treats as the local host), and name lookups of anything but an IP
literal, ``localhost`` or this machine's own host name. Unix-domain and other local socket
families are untouched.

>>> is_local_host("127.0.0.1"), is_local_host("::1"), is_local_host("localhost")
(True, True, True)
>>> is_local_host("8.8.8.8"), is_local_host("example.com")
(False, False)
"""

from __future__ import annotations

import os
import socket
from typing import Any

__all__ = ["BLOCKED", "NetworkBlockedError", "install", "installed", "is_local_host"]

BLOCKED: list[str] = []
"""Every attempt refused in this process, as ``"what: where"`` (for the run's summary)."""

_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
_INTERNET = (socket.AF_INET, socket.AF_INET6)
_REAL: dict[str, Any] = {}


class NetworkBlockedError(OSError):
    """A test tried to reach the network."""


def _ip(host: str) -> Any:
    import ipaddress

    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None


def is_local_host(host: object) -> bool:
    """True for a loopback or unspecified IP literal and for the names of this machine."""
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    if host.lower() in _LOCAL_NAMES:
        return True
    ip = _ip(host)
    if ip is None:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:
        ip = mapped
    return bool(ip.is_loopback or ip.is_unspecified)


def _refuse(what: str, where: object) -> None:
    message = f"{what}: {where!r}"
    BLOCKED.append(message)
    raise NetworkBlockedError(f"network access is blocked during the tests ({message})")


def _check_address(sock: socket.socket, address: Any, what: str) -> None:
    if sock.family not in _INTERNET:
        return
    host = address[0] if isinstance(address, tuple) and address else address
    if not is_local_host(host):
        _refuse(what, address)


def _check_name(host: object, what: str) -> None:
    if host is None or host in ("", b""):
        return
    if is_local_host(host):
        return
    name = host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)
    if _ip(name) is not None:  # an IP literal needs no lookup; connect() decides
        return
    if name.lower() == _REAL["gethostname"]().lower():
        return
    _refuse(what, host)


def _connect(self: socket.socket, address: Any) -> None:
    _check_address(self, address, "connect")
    _REAL["connect"](self, address)


def _connect_ex(self: socket.socket, address: Any) -> int:
    _check_address(self, address, "connect_ex")
    result: int = _REAL["connect_ex"](self, address)
    return result


def _sendto(self: socket.socket, data: Any, *args: Any) -> int:
    _check_address(self, args[-1] if args else None, "sendto")
    result: int = _REAL["sendto"](self, data, *args)
    return result


def _getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    _check_name(host, "getaddrinfo")
    return _REAL["getaddrinfo"](host, *args, **kwargs)


def _gethostbyname(host: Any) -> Any:
    _check_name(host, "gethostbyname")
    return _REAL["gethostbyname"](host)


def _gethostbyname_ex(host: Any) -> Any:
    _check_name(host, "gethostbyname_ex")
    return _REAL["gethostbyname_ex"](host)


_GUARDS = (_connect, _connect_ex, _sendto, _getaddrinfo, _gethostbyname, _gethostbyname_ex)
for _guard in _GUARDS:
    _guard.__dict__["arnews_netguard"] = True  # also recognised from another copy of this file


def installed() -> bool:
    """Whether a guard (from this file, however it was imported) is in place."""
    return all(
        getattr(f, "arnews_netguard", False)
        for f in (socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo)
    )


def install() -> None:
    """Put the guard in place (idempotent)."""
    if installed():
        return
    if not _REAL:
        for name in ("connect", "connect_ex", "sendto"):
            _REAL[name] = getattr(socket.socket, name)
        for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostname"):
            _REAL[name] = getattr(socket, name)
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
    socket.socket.sendto = _sendto  # type: ignore[assignment]
    socket.getaddrinfo = _getaddrinfo
    socket.gethostbyname = _gethostbyname
    socket.gethostbyname_ex = _gethostbyname_ex


if os.environ.get("ARNEWS_BLOCK_NETWORK") == "1":
    install()
