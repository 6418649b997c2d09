package io.llmopt.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Matches a request's method and path against the routes, in order, and hands the path's groups to the endpoint. */
final class Router {

    /** What a route does with a matched request. */
    @FunctionalInterface
    interface Endpoint {
        void handle(WebExchange ex, List<String> groups) throws IOException;
    }

    private record Route(String method, Pattern path, Endpoint endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router get(String pathRegex, Endpoint endpoint) {
        routes.add(new Route("GET", Pattern.compile(pathRegex), endpoint));
        return this;
    }

    Router post(String pathRegex, Endpoint endpoint) {
        routes.add(new Route("POST", Pattern.compile(pathRegex), endpoint));
        return this;
    }

    /** Answers the request: the matching endpoint, else 405 for a known path with another method, else 404. */
    void dispatch(WebExchange ex) throws IOException {
        boolean pathKnown = false;
        for (Route r : routes) {
            Matcher m = r.path().matcher(ex.path());
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            String method = "HEAD".equals(ex.method()) ? "GET" : ex.method();
            if (r.method().equals(method)) {
                List<String> groups = new ArrayList<>();
                for (int g = 1; g <= m.groupCount(); g++) {
                    groups.add(m.group(g));
                }
                r.endpoint().handle(ex, groups);
                return;
            }
        }
        if (pathKnown) {
            ex.error(405, "method " + ex.method() + " not allowed here");
        } else {
            ex.error(404, "not found");
        }
    }
}
