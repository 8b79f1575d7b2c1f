"""vnarchive: this project's Pelican plugins and the code they share.

`foundation` is what every plugin is built on (its settings, whether it
acts for a build, its logger); `common` holds the helpers several plugins
need (date precision, plain text and folding, CPU count, forked workers).
"""
