package io.checkoutrelay.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/** A service's /actuator/prometheus, read as a Prometheus server would scrape it. */
final class Prometheus {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String serviceUrl;

    Prometheus(String serviceUrl) {
        this.serviceUrl = serviceUrl;
    }

    String scrape() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("/actuator/prometheus answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum over every series of the metric (any labels); empty when the service has no such series. */
    OptionalDouble sum(String metric) {
        double sum = 0;
        boolean found = false;
        for (String line : scrape().split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            String name = line.contains("{") ? line.substring(0, line.indexOf('{')) : line.split(" ")[0];
            if (name.equals(metric)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** Series count of the metric. */
    long series(String metric) {
        return scrape().lines().filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " ")).count();
    }
}
