package io.llmopt.core.stack;

import io.llmopt.core.accounting.Budget;
import io.llmopt.core.accounting.CallListener;
import io.llmopt.core.accounting.PriceTable;
import io.llmopt.core.accounting.UsageLedger;

/** The per-role options of a {@link ModelStack}, for the per-role {@link Layer}s. */
record RoleInputs(String role, UsageLedger ledger, Budget budget, PriceTable prices, CallListener callListener) {
}
