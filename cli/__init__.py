"""The command line: the one place that may compose the directory, the assistant, the API and the bot."""
