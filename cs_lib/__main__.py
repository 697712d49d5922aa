import sys

from cs_lib.cli import main

sys.exit(main())
