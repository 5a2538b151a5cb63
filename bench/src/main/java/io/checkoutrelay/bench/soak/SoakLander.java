package io.checkoutrelay.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.checkoutrelay.bench.load.CheckoutRequests;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The landers of the soak: posts checkouts at a steady rate through the intake's HTTP API, then each
 * checkout's upsells, retrying what a lander retries (no answer, 5xx, 429, an upsell whose checkout
 * the intake does not know yet) with the same body and key; after a decline it asks the status API
 * and, where the plan says so, submits the checkout again (the next attempt). Every attempt the
 * intake accepted (202, or 200 naming the attempt it already has) is recorded.
 */
final class SoakLander implements AutoCloseable {

    static final Duration GIVE_UP = Duration.ofMinutes(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> RETRYABLE_DECLINES = Set.of("CUSTOMER_ACTION", "CONSENT", "UNAVAILABLE");

    /** What the intake accepted for one checkout: the order's attempts and each upsell's. */
    record Accepted(String checkoutId, String orderReference, CheckoutPlan plan, Set<Integer> orderAttempts,
                    Map<String, Set<Integer>> upsellAttempts) {
    }

    private final URI intake;
    private final CheckoutRequests requests;
    private final int checkouts;
    private final double rate;
    private final HttpClient http;
    private final ExecutorService posters = Executors.newFixedThreadPool(48);
    private final ExecutorService followUps = Executors.newFixedThreadPool(16);
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger scheduled = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicInteger pendingFollowUps = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final Map<String, AtomicLong> retryCauses = new ConcurrentHashMap<>();
    private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread pacer;

    SoakLander(URI intake, CheckoutRequests requests, int checkouts, double rate) {
        this.intake = intake;
        this.requests = requests;
        this.checkouts = checkouts;
        this.rate = rate;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.pacer = new Thread(this::pace, "soak-lander");
        this.pacer.setDaemon(true);
    }

    void start() {
        pacer.start();
    }

    private void pace() {
        long begin = System.nanoTime();
        for (int i = 0; i < checkouts; i++) {
            long due = begin + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            long sequence = i;
            posters.execute(() -> checkout(CheckoutPlan.of(sequence)));
            scheduled.incrementAndGet();
        }
    }

    /** Of the checkouts to post, the fraction posted (started) so far. */
    double progress() {
        return (double) scheduled.get() / checkouts;
    }

    private void checkout(CheckoutPlan plan) {
        String reference = requests.orderReference(plan.sequence());
        String checkoutId = requests.checkoutId(plan.sequence());
        try {
            Accepted record = accepted.computeIfAbsent(checkoutId, id -> new Accepted(id, reference, plan,
                    ConcurrentHashMap.newKeySet(), new ConcurrentHashMap<>()));
            JsonNode answer = post("/v1/checkouts", CheckoutRequests.body(reference, plan.productId()), null);
            record.orderAttempts().add(answer.path("attempt").asInt());
            for (CheckoutPlan.Upsell upsell : plan.upsells()) {
                JsonNode upsellAnswer = post("/v1/checkouts/" + checkoutId + "/upsells",
                        CheckoutRequests.upsellBody(reference, upsell.productId()), upsell.idempotencyKey());
                record.upsellAttempts().computeIfAbsent(upsellAnswer.path("upsellId").asString(),
                        id -> ConcurrentHashMap.newKeySet()).add(upsellAnswer.path("attempt").asInt());
            }
            if (plan.retryAfterDecline()) {
                pendingFollowUps.incrementAndGet();
                followUps.execute(() -> tryAgainAfterDecline(record));
            }
        } catch (RuntimeException e) {
            failures.add("checkout " + plan.sequence() + " (" + checkoutId + "): " + e.getMessage());
        } finally {
            finished.incrementAndGet();
        }
    }

    /** Waits for the order's decline (long polls), then submits it again once, as the buyer picking another card. */
    private void tryAgainAfterDecline(Accepted record) {
        try {
            long deadline = System.nanoTime() + GIVE_UP.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode status = get("/v1/checkouts/" + record.checkoutId() + "?waitSeconds=25");
                String now = status.path("status").asString("");
                if (now.equals("IMPORTED")) {
                    return;
                }
                if (now.equals("DECLINED")) {
                    if (RETRYABLE_DECLINES.contains(status.path("decline").path("class").asString(""))) {
                        JsonNode answer = post("/v1/checkouts", CheckoutRequests.body(record.orderReference(),
                                record.plan().productId()), null);
                        record.orderAttempts().add(answer.path("attempt").asInt());
                    }
                    return;
                }
            }
            failures.add("checkout " + record.checkoutId() + ": no decline to try again after within " + GIVE_UP);
        } catch (RuntimeException e) {
            failures.add("trying " + record.checkoutId() + " again: " + e.getMessage());
        } finally {
            pendingFollowUps.decrementAndGet();
        }
    }

    /** POSTs until the intake answers 202 or 200 (a lander's retry), or gives up after {@link #GIVE_UP}. */
    private JsonNode post(String path, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(intake.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return untilAnswered(request.build(), Set.of(200, 202));
    }

    private JsonNode get(String path) {
        return untilAnswered(HttpRequest.newBuilder(intake.resolve(path)).timeout(Duration.ofSeconds(40)).GET().build(),
                Set.of(200));
    }

    private JsonNode untilAnswered(HttpRequest request, Set<Integer> answers) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        long backoff = 200;
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (answers.contains(status)) {
                    return JSON.readTree(response.body());
                }
                if (status != 404 && status != 429 && status < 500) {
                    throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                            + status + ": " + response.body());
                }
                last = "HTTP " + status;
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            retries.incrementAndGet();
            retryCauses.computeIfAbsent(last, cause -> new AtomicLong()).incrementAndGet();
            sleep(backoff);
            backoff = Math.min(backoff * 2, 3000);
        }
        throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " not answered within "
                + GIVE_UP + " (last: " + last + ")");
    }

    /** Waits until every checkout was posted and answered and every try-again is done; whether that happened. */
    boolean awaitDone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (finished.get() == checkouts && pendingFollowUps.get() == 0) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    Map<String, Accepted> accepted() {
        return Map.copyOf(accepted);
    }

    long retries() {
        return retries.get();
    }

    Map<String, Long> retryCauses() {
        Map<String, Long> causes = new java.util.TreeMap<>();
        retryCauses.forEach((cause, count) -> causes.put(cause, count.get()));
        return causes;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        pacer.interrupt();
        posters.shutdownNow();
        followUps.shutdownNow();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
