-- Parquet files of tabular results in the `postgres` result store (lib/results/store.ts): one per
-- node execution, written in the transaction that records its result and removed with it.
CREATE TABLE "result_files" (
    "workflow_execution_id" UUID NOT NULL,
    "bytes" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "result_files_pkey" PRIMARY KEY ("workflow_execution_id"),
    CONSTRAINT "result_files_workflow_execution_id_fkey" FOREIGN KEY ("workflow_execution_id")
        REFERENCES "workflow_executions"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Parquet is compressed already: stored out of line, not compressed again.
ALTER TABLE "result_files" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;
