"""The command line and process supervision: the outermost shell of Fail or Scale."""
