"""The README's Python example runs as written against a real knowledge base."""
import os
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_python_example_runs(kb_dir, tmp_path, capsys):
    block = re.search(r"## Python API\s+```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    (tmp_path / ".kgqa").symlink_to(kb_dir)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(block, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert "15,080" in out and "2 reports" in out
