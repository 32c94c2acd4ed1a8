"""intreg's working files are written by orjson with the bytes json would give them."""

from __future__ import annotations

import json

import pytest

from intreg.records import cache_json

DATA = {"b": [1, 2.5, None, True], "a": {"z": 'é\n"x"', "y": []}, "c": "\u2028"}


@pytest.mark.parametrize("sort_keys", [False, True])
def test_the_bytes_are_those_of_json(sort_keys: bool) -> None:
    expected = json.dumps(DATA, separators=(",", ":"), sort_keys=sort_keys, ensure_ascii=False)
    assert cache_json.dumps(DATA, sort_keys=sort_keys) == expected.encode()
    assert cache_json.loads(cache_json.dumps(DATA, sort_keys=sort_keys)) == DATA


def test_a_name_of_undecodable_bytes_is_written_too() -> None:
    name = b"\xff.yaml".decode("utf-8", "surrogateescape")  # as os.listdir gives it
    data = {name: [1]}
    assert cache_json.loads(cache_json.dumps(data)) == data


@pytest.mark.parametrize("text", [b"", b"{", b"[1,]", b"\xff", b"[" * 2000 + b"]" * 2000])
def test_what_is_not_json_is_an_error_its_readers_catch(text: bytes) -> None:
    with pytest.raises((ValueError, RecursionError)):
        cache_json.loads(text)
