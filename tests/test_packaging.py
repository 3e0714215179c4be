"""The package as a user installs it: a built wheel, installed (not editable) into a fresh venv,
answers a question about a tiny report; every data file it reads travels inside the wheel."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

from .conftest import ROOT
from .test_generations import write_report


def run(*args, cwd=None, env=None, timeout=600) -> subprocess.CompletedProcess:
    r = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    return r


def test_a_built_wheel_installed_into_a_fresh_venv_answers_a_question(tmp_path):
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", dist, ROOT)
    wheel = next(dist.glob("kgqa-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert {"kg/synonyms.json", "kg/ontology.ttl", "kg/shapes.ttl", "kg/ontology.md"} <= set(names)
    # a fresh venv that sees the test environment's packages (torch, the model) through a .pth line,
    # which adds that folder without running its own .pth files (so no editable kgqa): kgqa comes from the wheel
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    py = venv / "bin" / "python"
    site = run(py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    (Path(site) / "shared-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}          # no PYTHONPATH
    run(py, "-m", "pip", "install", "--no-deps", "--no-index", "--force-reinstall", wheel, env=env)
    where = run(py, "-c", "import kgqa, kg; print(kgqa.__file__); print(kg.__file__)", cwd=tmp_path, env=env).stdout
    assert all(str(venv) in line for line in where.split()), where
    report = write_report(tmp_path, "acme.md", "Acme Widgets Inc.")
    run(venv / "bin" / "kgqa", "ingest", report, "--data-dir", tmp_path / "kb", cwd=tmp_path, env=env)
    ans = run(venv / "bin" / "kgqa", "ask", "What was Acme's electricity consumption in 2023?", "--data-dir",
              tmp_path / "kb", cwd=tmp_path, env=env).stdout
    assert "1,250" in ans
    # the UI's example queries come from the ontology document the wheel carries (no source tree here)
    examples = run(py, "-c", "from kg.examples import example_queries; print(len(example_queries()))",
                   cwd=tmp_path, env=env).stdout
    assert int(examples) >= 5, examples
