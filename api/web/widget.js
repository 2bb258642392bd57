// The chat widget: see tests/web/test_widget.py
