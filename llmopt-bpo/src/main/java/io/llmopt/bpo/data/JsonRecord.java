package io.llmopt.bpo.data;

import com.fasterxml.jackson.databind.JsonNode;

/** One JSON object from a file, with where it starts. */
record JsonRecord(JsonNode node, SourceLocation location) {
}
