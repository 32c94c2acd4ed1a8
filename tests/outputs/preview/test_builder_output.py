"""The builder's dev server output as intreg serve passes it on (Zensical's)."""

from __future__ import annotations

from intreg.outputs.serve import relay_output


def test_the_builder_output_is_passed_on_and_its_address_found() -> None:
    said: list[str] = []
    ready: list[str] = []
    lines = [
        "Serving /srv/site on http://127.0.0.1:43483\n",
        "Build started\n",
        "Serving again on nothing\n",
    ]
    relay_output(lines, said.append, ready.append)
    assert said == [
        "Serving /srv/site on http://127.0.0.1:43483",
        "Build started",
        "Serving again on nothing",
    ]
    assert ready == ["http://127.0.0.1:43483/"]
