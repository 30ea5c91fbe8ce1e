from graph.cli import app

app(prog_name="diplograph")
