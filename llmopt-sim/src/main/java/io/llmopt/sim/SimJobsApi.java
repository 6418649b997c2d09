package io.llmopt.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.sim.HttpRequestReader.RawRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The asynchronous half of the OpenAI API: {@code /v1/files}, {@code /v1/batches} and
 * {@code /v1/fine_tuning/jobs}, with the request and reply shapes of the real API so that llmopt's
 * clients for them are tested over real HTTP.
 */
final class SimJobsApi {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SimFiles files;
    private final SimBatches batches;
    private final SimFineTuning fineTuning;

    SimJobsApi(SimFiles files, SimBatches batches, SimFineTuning fineTuning) {
        this.files = files;
        this.batches = batches;
        this.fineTuning = fineTuning;
    }

    static boolean serves(String path) {
        return path.equals("/v1/files") || path.startsWith("/v1/files/")
                || path.equals("/v1/batches") || path.startsWith("/v1/batches/")
                || path.equals("/v1/fine_tuning/jobs") || path.startsWith("/v1/fine_tuning/jobs/");
    }

    HttpReply handle(RawRequest raw, String path, Map<String, String> query) {
        String[] seg = path.substring(4).split("/"); // after "/v1/"
        String method = raw.method();
        try {
            if (seg[0].equals("files")) {
                return files(raw, method, seg, query);
            }
            if (seg[0].equals("batches")) {
                return batches(raw, method, seg, query);
            }
            return fineTuning(raw, method, seg, query);
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage(), "invalid_request_error");
        }
    }

    private HttpReply files(RawRequest raw, String method, String[] seg, Map<String, String> query) {
        if (seg.length == 1) {
            if (method.equals("POST")) {
                Map<String, MultipartForm.Part> form = MultipartForm.parse(raw.header("content-type"), raw.body());
                MultipartForm.Part file = form.get("file");
                MultipartForm.Part purpose = form.get("purpose");
                if (file == null || purpose == null) {
                    throw new IllegalArgumentException("an upload needs the form fields file and purpose");
                }
                String p = purpose.text().strip();
                if (!List.of("batch", "fine-tune", "assistants", "user_data", "evals").contains(p)) {
                    throw new IllegalArgumentException("unknown purpose " + p);
                }
                return ok(fileJson(files.add(file.filename() == null ? "upload" : file.filename(), p, file.content())));
            }
            if (method.equals("GET")) {
                ArrayNode data = MAPPER.createArrayNode();
                for (SimFile f : files.list(query.get("purpose"))) {
                    data.add(fileJson(f));
                }
                return ok(list(data, false));
            }
            return notAllowed(method);
        }
        SimFile file = files.get(seg[1]).orElse(null);
        if (file == null) {
            return error(404, "No such File object: " + seg[1], "invalid_request_error");
        }
        if (seg.length == 3 && seg[2].equals("content") && method.equals("GET")) {
            return new HttpReply(200, Map.of("Content-Type", "application/octet-stream"), file.content(), false);
        }
        if (seg.length == 2 && method.equals("GET")) {
            return ok(fileJson(file));
        }
        if (seg.length == 2 && method.equals("DELETE")) {
            files.delete(file.id());
            return ok(MAPPER.createObjectNode().put("id", file.id()).put("object", "file").put("deleted", true));
        }
        return notAllowed(method);
    }

    private HttpReply batches(RawRequest raw, String method, String[] seg, Map<String, String> query) {
        if (seg.length == 1) {
            if (method.equals("POST")) {
                return ok(batches.create(body(raw), raw.headers()).json());
            }
            if (method.equals("GET")) {
                ArrayNode data = MAPPER.createArrayNode();
                List<SimBatches.Batch> all = batches.list();
                int limit = limit(query);
                all.stream().limit(limit).forEach(b -> data.add(b.json()));
                return ok(list(data, all.size() > limit));
            }
            return notAllowed(method);
        }
        SimBatches.Batch batch = batches.get(seg[1]).orElse(null);
        if (batch == null) {
            return error(404, "No batch found with id '" + seg[1] + "'.", "invalid_request_error");
        }
        if (seg.length == 2 && method.equals("GET")) {
            return ok(batch.json());
        }
        if (seg.length == 3 && seg[2].equals("cancel") && method.equals("POST")) {
            return ok(batches.cancel(batch).json());
        }
        return notAllowed(method);
    }

    private HttpReply fineTuning(RawRequest raw, String method, String[] seg, Map<String, String> query) {
        // seg: fine_tuning, jobs[, id[, events|cancel]]
        if (seg.length == 2) {
            if (method.equals("POST")) {
                return ok(fineTuning.create(body(raw)).json());
            }
            if (method.equals("GET")) {
                ArrayNode data = MAPPER.createArrayNode();
                List<SimFineTuning.Job> all = fineTuning.list();
                int limit = limit(query);
                all.stream().limit(limit).forEach(j -> data.add(j.json()));
                return ok(list(data, all.size() > limit));
            }
            return notAllowed(method);
        }
        SimFineTuning.Job job = fineTuning.get(seg[2]).orElse(null);
        if (job == null) {
            return error(404, "No fine-tuning job found with id '" + seg[2] + "'.", "invalid_request_error");
        }
        if (seg.length == 3 && method.equals("GET")) {
            return ok(job.json());
        }
        if (seg.length == 4 && seg[3].equals("events") && method.equals("GET")) {
            int limit = limit(query);
            List<ObjectNode> events = job.events(query.get("after"), limit + 1);
            ArrayNode data = MAPPER.createArrayNode();
            events.stream().limit(limit).forEach(data::add);
            return ok(list(data, events.size() > limit));
        }
        if (seg.length == 4 && seg[3].equals("cancel") && method.equals("POST")) {
            return ok(fineTuning.cancel(job).json());
        }
        return notAllowed(method);
    }

    private static JsonNode body(RawRequest raw) {
        try {
            JsonNode node = MAPPER.readTree(raw.body());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("the request body is not valid JSON");
        }
    }

    private static ObjectNode fileJson(SimFile f) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", f.id());
        o.put("object", "file");
        o.put("bytes", f.content().length);
        o.put("created_at", f.createdAt());
        o.put("filename", f.filename());
        o.put("purpose", f.purpose());
        o.put("status", "processed");
        return o;
    }

    private static ObjectNode list(ArrayNode data, boolean hasMore) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("object", "list");
        o.set("data", data);
        o.put("has_more", hasMore);
        if (!data.isEmpty()) {
            o.put("first_id", data.get(0).path("id").asText());
            o.put("last_id", data.get(data.size() - 1).path("id").asText());
        }
        return o;
    }

    private static int limit(Map<String, String> query) {
        try {
            return Math.max(1, Math.min(10_000, Integer.parseInt(query.getOrDefault("limit", "20"))));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number");
        }
    }

    static Map<String, String> query(String target) {
        Map<String, String> q = new HashMap<>();
        int at = target.indexOf('?');
        if (at < 0) {
            return q;
        }
        for (String pair : target.substring(at + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static HttpReply ok(JsonNode node) {
        try {
            return HttpReply.json(200, MAPPER.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpReply notAllowed(String method) {
        return error(405, "Method " + method + " not allowed here", "invalid_request_error");
    }

    private static HttpReply error(int status, String message, String type) {
        ObjectNode o = MAPPER.createObjectNode();
        ObjectNode e = o.putObject("error");
        e.put("message", message);
        e.put("type", type);
        e.putNull("param");
        e.putNull("code");
        return ok(o).withStatus(status);
    }
}
