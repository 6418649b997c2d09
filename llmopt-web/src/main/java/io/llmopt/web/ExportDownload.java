package io.llmopt.web;

import io.llmopt.core.store.RunStore;
import io.llmopt.report.RunExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A run's export as a download, made by the report module's {@link RunExporter} in a private
 * temporary folder that is deleted afterwards: JSON is one file, CSV (a file per table) is zipped.
 */
final class ExportDownload {

    /** The downloaded bytes and their file name and type. */
    record Download(String fileName, String contentType, byte[] body) {
    }

    private ExportDownload() {
    }

    static Download of(RunStore store, String runId, RunExporter.Format format) throws IOException {
        Path dir = Files.createTempDirectory("llmopt-export-");
        try {
            List<Path> files = new RunExporter(store).export(runId, format, dir);
            if (format == RunExporter.Format.JSON) {
                return new Download(runId + ".json", "application/json; charset=utf-8", Files.readAllBytes(files.get(0)));
            }
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(zip)) {
                for (Path f : files) {
                    out.putNextEntry(new ZipEntry(f.getFileName().toString()));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            return new Download(runId + "-csv.zip", "application/zip", zip.toByteArray());
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
