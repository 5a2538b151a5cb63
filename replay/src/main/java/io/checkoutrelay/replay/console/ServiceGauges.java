package io.checkoutrelay.replay.console;

import io.checkoutrelay.replay.cli.MetricsSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Consumer lag and the age of the oldest checkout in work, per service, scraped from the services'
 * {@code /actuator/prometheus}: the sum of its {@code *_consumer_lag} series and the largest
 * {@code *_oldest_*_age_seconds} (crm_importer_oldest_unimported_age_seconds,
 * enricher_oldest_in_work_age_seconds). A service is called by the name the operator gave its address
 * ({@code name=url}), else by its {@code application} tag, else by its metrics' prefix.
 */
final class ServiceGauges {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");
    private static final Pattern APPLICATION = Pattern.compile("application=\"([^\"]*)\"");

    /** One service's figures, or why it could not be read. */
    record Gauges(String service, URI source, double lag, int partitions, double oldestAgeSeconds, String error) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<MetricsSource> sources;

    ServiceGauges(List<MetricsSource> sources) {
        this.sources = List.copyOf(sources);
    }

    List<Gauges> read() {
        List<Gauges> all = new ArrayList<>();
        for (MetricsSource source : sources) {
            all.add(read(source.name(), source.url()));
        }
        return all;
    }

    private Gauges read(String name, URI source) {
        String text;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(source).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Gauges(nameOr(name, source.getAuthority()), source, 0, 0, 0, "answered HTTP " + response.statusCode());
            }
            text = response.body();
        } catch (java.io.IOException e) {
            return new Gauges(nameOr(name, source.getAuthority()), source, 0, 0, 0, "unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Gauges(nameOr(name, source.getAuthority()), source, 0, 0, 0, "interrupted");
        }
        return parse(name, source, text);
    }

    private static String nameOr(String name, String fallback) {
        return name == null || name.isEmpty() ? fallback : name;
    }

    static Gauges parse(String name, URI source, String prometheusText) {
        String service = source.getAuthority();
        String application = null;
        double lag = 0;
        int partitions = 0;
        double oldest = 0;
        for (String line : prometheusText.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            double value = Double.parseDouble(sample.group(3));
            String metric = sample.group(1);
            if (metric.endsWith("_consumer_lag")) {
                lag += value;
                partitions++;
                service = metric.substring(0, metric.length() - "_consumer_lag".length()).replace('_', '-');
            } else if (metric.contains("_oldest_") && metric.endsWith("_age_seconds")) {
                oldest = Math.max(oldest, value);
            } else {
                continue;
            }
            Matcher tag = APPLICATION.matcher(sample.group(2) == null ? "" : sample.group(2));
            if (tag.find()) {
                application = tag.group(1);
            }
        }
        return new Gauges(nameOr(name, application != null ? application : service), source, lag, partitions, oldest,
                null);
    }
}
