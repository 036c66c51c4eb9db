"""The intake desk: Excel templates for submitters and jurors, merging the returned files with provenance,
and the submission tracker."""
