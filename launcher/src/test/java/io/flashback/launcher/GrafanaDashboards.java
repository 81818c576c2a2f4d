package io.flashback.launcher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The PromQL queries of the Grafana dashboards in {@code monitoring/grafana/dashboards}, as Grafana would send them. */
final class GrafanaDashboards {

    /** One query of one panel, with the dashboard's variables set to "All". */
    record PanelQuery(String dashboard, String panel, String expr) {
        @Override
        public String toString() {
            return dashboard + " / " + panel + ": " + expr;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GrafanaDashboards() {
    }

    static List<PanelQuery> queries(Path repositoryRoot) {
        Path folder = repositoryRoot.resolve("monitoring").resolve("grafana").resolve("dashboards");
        List<PanelQuery> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                List<String> variables = new ArrayList<>();
                dashboard.path("templating").path("list").forEach(variable -> variables.add(variable.path("name").asString()));
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        String expr = target.path("expr").asString();
                        for (String variable : variables) {
                            expr = expr.replace("$" + variable, ".*");
                        }
                        queries.add(new PanelQuery(dashboard.path("title").asString(), panel.path("title").asString(), expr));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }
}
