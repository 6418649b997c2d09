package io.llmopt.opro.transfer;

import io.llmopt.core.runtime.RunContext;
import io.llmopt.opro.prompt.FinalEvaluation;
import io.llmopt.opro.prompt.InstructionEvaluation;
import io.llmopt.opro.prompt.InstructionEvaluator;
import io.llmopt.opro.prompt.RunRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scores instructions in every column of a transfer matrix through the evaluation of {@code opro
 * evaluate} ({@link InstructionEvaluator}), one column after another. Column {@code i} is recorded
 * at step {@code i} of the run, so the per-example results of a column stay apart from the others'
 * and a resumed run reuses every result already stored: a killed run pays only for what it had
 * not finished.
 */
public final class TransferEvaluator {

    private final RunContext context;
    private final RunRecorder recorder;
    private final long bootstrapSeed;

    /**
     * @param context the run the matrix is recorded in; its stop flag is asked between columns: a
     *                stop ends the run early (a Ctrl-C), with the columns done so far stored
     */
    public TransferEvaluator(RunContext context, long bootstrapSeed) {
        this.context = Objects.requireNonNull(context, "context");
        this.recorder = RunRecorder.of(context);
        this.bootstrapSeed = bootstrapSeed;
    }

    /**
     * @param instructions distinct instructions, the baseline first
     * @param columns      the scorer model × data set columns
     * @return the matrix; null when a stop was asked before every column was scored
     */
    public TransferMatrix evaluate(List<String> instructions, List<TransferColumn> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a transfer needs at least one column (scorer model and data set)");
        }
        List<TransferCell> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (context.stopRequested()) {
                return null;
            }
            TransferColumn column = columns.get(c);
            InstructionEvaluator evaluator = new InstructionEvaluator(column.scorer(), recorder, bootstrapSeed);
            FinalEvaluation evaluation = evaluator.evaluate(instructions, column.split(), column.examples(), c);
            List<InstructionEvaluation> results = evaluation.instructions();
            for (int i = 0; i < results.size(); i++) {
                cells.add(cell(i, c, results.get(i)));
            }
        }
        return new TransferMatrix(instructions, columns.stream().map(TransferColumn::label).toList(), cells);
    }

    private static TransferCell cell(int instruction, int column, InstructionEvaluation e) {
        double lower = e.interval() != null ? e.interval().lower() : 0;
        double upper = e.interval() != null ? e.interval().upper() : 1;
        if (e.vsBaseline() == null) {
            return new TransferCell(instruction, column, e.accuracy(), e.correct(), e.examples(), lower, upper,
                    null, null, null, null);
        }
        var mcNemar = e.vsBaseline().mcNemar();
        return new TransferCell(instruction, column, e.accuracy(), e.correct(), e.examples(), lower, upper,
                e.vsBaseline().difference(), mcNemar.onlyFirstCorrect(), mcNemar.onlySecondCorrect(), mcNemar.pValue());
    }
}
