# Interrupted ingest (SIGKILL mid-batch) leaves a consistent SQLite store and a
# re-run completes it: no duplicate, nothing lost, equal to a clean run.
source "$FIXTURES/store/lib.sh"
resume_suite clean.db killed.db killed2.db
