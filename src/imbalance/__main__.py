"""Run the command line as ``python -m imbalance``."""

from imbalance.cli import main

if __name__ == "__main__":
    main()
