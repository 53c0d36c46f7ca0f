from mutuals.cli.main import run

run()
