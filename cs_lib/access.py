"""Who may open what: the access passcode and when it is required (no Streamlit here).

On 127.0.0.1 only this computer can reach the app, so nothing is asked. Served on any
other address (a network), every page but the workshop participant form requires the
access passcode, a setting stored as a salted scrypt hash; a participant's join code
opens that one workshop's form and nothing else. Without a passcode set, a networked
app opens nothing (it fails closed).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets

MIN_PASSCODE_LENGTH = 8
NETWORK_ENV_VAR = "CS_COCKPIT_NETWORK"  # "1": require the passcode even on 127.0.0.1 (behind a proxy)
_SCHEME = "scrypt"
_N, _R, _P = 2**14, 8, 1  # scrypt cost: ~16 MiB and a few tens of ms per check
_SALT_BYTES = 16


def hash_passcode(passcode: str, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt$hash` (hex) of the passcode, with a fresh random salt."""
    salt = salt if salt is not None else secrets.token_bytes(_SALT_BYTES)
    digest = hashlib.scrypt(passcode.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P)
    return f"{_SCHEME}${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_passcode(passcode: str, stored: str) -> bool:
    """Whether `passcode` matches the stored hash (constant-time comparison); False when none is stored."""
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != _SCHEME:
            return False
        digest = hashlib.scrypt(
            passcode.encode("utf-8"), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def is_loopback_address(address: str | None) -> bool:
    """True for an address only this computer can reach. Empty means every interface (Streamlit's
    default when no address is configured): not loopback."""
    if not address:
        return False
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to a network interface
        return False


def network_mode(server_address: str | None, environ: dict[str, str] | None = None) -> bool:
    """Whether the app is reachable from a network: served on a non-loopback address, or declared
    so with CS_COCKPIT_NETWORK=1 (a reverse proxy on this computer forwarding network traffic)."""
    environ = os.environ if environ is None else environ
    return environ.get(NETWORK_ENV_VAR, "").strip() == "1" or not is_loopback_address(server_address)
