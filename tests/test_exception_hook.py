"""An unexpected exception is logged with its traceback and shown once; the app carries on."""

import logging
import threading

from PySide6.QtWidgets import QMessageBox

from viewer.exception_hook import ExceptionHook


def _raise_and_handle(hook: ExceptionHook) -> None:
    try:
        raise RuntimeError("the disk caught fire")
    except RuntimeError as exc:
        hook.handle(type(exc), exc, exc.__traceback__)


def test_logs_the_traceback_and_shows_one_dialog(qapp, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda box: shown.append(box.text().rsplit("\n", 1)[-1])
    )
    hook = ExceptionHook()
    with caplog.at_level(logging.ERROR, logger="viewer"):
        _raise_and_handle(hook)
    assert shown == ["RuntimeError: the disk caught fire"]
    assert "Traceback" in caplog.text
    assert "the disk caught fire" in caplog.text


def test_worker_threads_only_log(qapp, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box))
    hook = ExceptionHook()
    with caplog.at_level(logging.ERROR, logger="viewer"):
        worker = threading.Thread(target=_raise_and_handle, args=(hook,))
        worker.start()
        worker.join()
    assert shown == []
    assert "the disk caught fire" in caplog.text


def test_no_dialog_while_one_is_open(qapp, monkeypatch):
    shown = []
    hook = ExceptionHook()

    def nested_exec(box):
        shown.append(box)
        _raise_and_handle(hook)  # a second error while the first dialog is up

    monkeypatch.setattr(QMessageBox, "exec", nested_exec)
    _raise_and_handle(hook)
    assert len(shown) == 1
