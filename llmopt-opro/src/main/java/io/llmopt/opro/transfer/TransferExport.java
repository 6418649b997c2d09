package io.llmopt.opro.transfer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.llmopt.core.text.Csv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** A transfer matrix as files: {@code transfer.csv} (one row per cell) and {@code transfer.json}. */
public final class TransferExport {

    public static final String CSV_FILE = "transfer.csv";
    public static final String JSON_FILE = "transfer.json";

    /** The CSV header, one row per cell. */
    public static final List<String> CSV_COLUMNS = List.of("instruction_index", "instruction", "model", "dataset", "split",
            "examples", "correct", "accuracy", "ci_lower", "ci_upper", "difference", "only_baseline_correct",
            "only_instruction_correct", "p_value", "best");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TransferExport() {
    }

    /** Writes both files into {@code dir}; returns them. */
    public static List<Path> write(TransferMatrix matrix, Path dir) {
        try {
            Files.createDirectories(dir);
            Path csv = Files.writeString(dir.resolve(CSV_FILE), csv(matrix), StandardCharsets.UTF_8);
            Path json = dir.resolve(JSON_FILE);
            JSON.writeValue(json.toFile(), matrix.toJson());
            return List.of(csv, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the transfer matrix into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One row per cell, instructions in order within each column; the baseline's comparison fields are empty. */
    public static String csv(TransferMatrix matrix) {
        StringBuilder out = new StringBuilder(Csv.row(CSV_COLUMNS));
        for (int c = 0; c < matrix.columns().size(); c++) {
            TransferMatrix.Column column = matrix.columns().get(c);
            int best = matrix.best(c).map(TransferCell::instruction).orElse(-1);
            for (int i = 0; i < matrix.instructions().size(); i++) {
                TransferCell cell = matrix.cell(i, c);
                out.append(Csv.row(Arrays.asList(i, matrix.instructions().get(i), column.model(), column.dataset(),
                        column.split(), cell.examples(), cell.correct(), cell.accuracy(), cell.lower(), cell.upper(),
                        cell.difference(), cell.onlyBaselineCorrect(), cell.onlyInstructionCorrect(), cell.pValue(),
                        i == best)));
            }
        }
        return out.toString();
    }
}
