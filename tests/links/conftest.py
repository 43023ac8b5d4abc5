import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from linkkit import http_server, make_site  # noqa: E402,F401  (fixtures)
