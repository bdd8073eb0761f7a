from lexdocs.hook import *  # noqa: F403  (for `hooks:`; the `lexdocs` plugin is the usual way)
