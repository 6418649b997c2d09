package io.llmopt.core.store;

import java.sql.SQLException;

/** One queued write, run by the writer thread inside a transaction. */
@FunctionalInterface
interface WriteOp {
    void apply(WriteStatements statements) throws SQLException;
}
