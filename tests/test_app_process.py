"""The real program in its own process: command-line arguments in, session saved on the way out."""

import configparser
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_command_line_files_open_and_the_session_is_saved(tmp_path, articles):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    runtime = tmp_path / "run"  # its own: no other viewer takes the files over
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    chosen = articles / "c_middle.txt"
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), str(chosen), str(articles)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The viewer listens for a second start once its window is up and its session open.
        deadline = time.monotonic() + 60
        while not any(runtime.glob("*.sock")) and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()[1]
            time.sleep(0.05)
        assert any(runtime.glob("*.sock"))
        process.send_signal(signal.SIGINT)  # closes the window as a person would
        _out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    saved = next((tmp_path / "cfg").rglob("*.conf"))
    config = configparser.ConfigParser(interpolation=None)
    config.read(saved)
    assert config["session"]["current"] == str(chosen)
    assert str(articles) in config["session"]["paths"]
