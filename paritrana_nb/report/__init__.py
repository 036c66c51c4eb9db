"""HTML ranking reports: notebook execution, offline export, the season index page.

The notebooks call the section builders; the pipeline runs and renders them.
"""
