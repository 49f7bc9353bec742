"""``python -m solver``: see ``solver.cli``."""
from solver.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
