"""The access passcode (salted scrypt hash) and when the app counts as served on a network."""

from __future__ import annotations

import json

import pytest

from cs_lib import access
from cs_lib.cli import main
from cs_lib.settings import SettingError, parse_setting
from tests.warehouse_fixtures import build_warehouse


def test_a_passcode_is_stored_salted_and_hashed():
    first, second = access.hash_passcode("open sesame"), access.hash_passcode("open sesame")
    assert first != second  # a fresh salt each time
    assert "open sesame" not in first and first.startswith("scrypt$16384$8$1$")
    assert access.verify_passcode("open sesame", first) and access.verify_passcode("open sesame", second)
    assert not access.verify_passcode("open sesame!", first)
    assert not access.verify_passcode("open sesame", "") and not access.verify_passcode("x", "md5$abc")


@pytest.mark.parametrize(
    ("address", "networked"),
    [("127.0.0.1", False), ("localhost", False), ("::1", False), ("127.0.0.2", False),
     ("0.0.0.0", True), ("", True), (None, True), ("192.168.1.20", True), ("::", True), ("myhost.local", True)],
)  # fmt: skip
def test_network_mode_is_any_address_but_this_computers(address, networked):
    assert access.network_mode(address, environ={}) is networked


def test_network_mode_can_be_declared_behind_a_local_proxy():
    assert access.network_mode("127.0.0.1", environ={access.NETWORK_ENV_VAR: "1"})


def test_the_passcode_setting_hashes_and_checks_its_length():
    stored = parse_setting("access_passcode", "long enough passcode")
    assert access.verify_passcode("long enough passcode", stored)
    with pytest.raises(SettingError, match="at least 8"):
        parse_setting("access_passcode", "short")


def test_the_high_spread_setting_is_checked():
    assert parse_setting("maturity_high_spread", "1.2") == "1.2"
    with pytest.raises(SettingError):
        parse_setting("maturity_high_spread", "-1")


def test_cli_settings_never_prints_the_passcode_or_its_hash(tmp_path, capsys):
    path = build_warehouse(tmp_path / "w.duckdb", [("A", "SMB")], [("a1", "A", "core", "2024-01-01", None, 100)])
    assert main(["settings", "--db", str(path), "access_passcode=correct horse"]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed)["access_passcode"] == "set"
    assert "correct horse" not in printed and "scrypt" not in printed
