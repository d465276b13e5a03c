"""`python -m pipeline` is the same as the `guides` console script."""

import sys

from pipeline.cli import main

sys.exit(main())
