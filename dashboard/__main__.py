"""``python -m dashboard users|audit|demo-users``: see dashboard/auth/cli.py and docs/access.md."""

import sys

from dashboard.auth.cli import main

sys.exit(main())
