from directory.ratelimit import SlidingWindow


def test_limit_then_wait() -> None:
    window = SlidingWindow(limit=2, window=60.0)
    assert window.hit("a") is None and window.hit("a") is None
    wait = window.hit("a")
    assert wait is not None and 1.0 <= wait <= 60.0
    assert window.hit("b") is None  # keys are counted apart


def test_record_and_reset() -> None:
    window = SlidingWindow(limit=1, window=60.0)
    assert window.retry_after("x") is None
    window.record("x")
    assert window.retry_after("x") is not None
    window.reset("x")
    assert window.retry_after("x") is None
