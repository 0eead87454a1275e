"""recommender.files: a file is replaced whole or not at all."""
import json

import pytest

from recommender.files import replace_atomically, write_jsonl


def test_a_write_that_fails_midway_leaves_the_old_file_whole(tmp_path):
    path = tmp_path / "ratings.jsonl"
    assert write_jsonl(path, [{"user": "a"}, {"user": "b"}], sync=True) == 2

    def torn(partial):
        partial.write_text('{"user": "a"}\n{"us')
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        replace_atomically(path, torn)
    assert [json.loads(line) for line in path.read_text().splitlines()] == [{"user": "a"}, {"user": "b"}]
    write_jsonl(path, [{"user": "é"}])
    assert path.read_text(encoding="utf-8") == '{"user": "é"}\n'
