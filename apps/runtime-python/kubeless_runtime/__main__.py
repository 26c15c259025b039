"""Process entry point: `python3 -m kubeless_runtime` (env contract in README.md)."""

from __future__ import annotations

import os
import sys

from .config import RuntimeConfigError, read_config
from .supervisor import Supervisor


def main() -> int:
    try:
        config = read_config(os.environ)
    except RuntimeConfigError as error:
        print(f"invalid runtime settings: {error}", file=sys.stderr)
        return 1
    return Supervisor(config, access_log=os.environ.get("ACCESS_LOG", "true") != "false").run()


if __name__ == "__main__":
    sys.exit(main())
