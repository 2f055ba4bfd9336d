#!/usr/bin/env python3
"""Start Article Viewer straight from a checkout: ``python main.py [PATH...]``."""

import sys

from viewer.cli import main

if __name__ == "__main__":
    sys.exit(main())
