"""`python -m pipeline` is the same as the `guides` console script."""

import sys

from pipeline.cli import main

# Guarded: worker processes started by forkserver or spawn import this module again.
if __name__ == "__main__":
    sys.exit(main())
