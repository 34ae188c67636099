package org.dmhub.hub.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The API's value lookup under load: {@code clients} threads, each on a keep-alive connection of its own, ask the running hub
 * (the local stack's) for {@code GET /api/values/HC-03/2026-10?area=74} back to back for {@code seconds}, after a
 * warm-up of as long. Every answer must be a 200. Beside it, the same clients on {@code /actuator/health/liveness},
 * which does no work of the hub's: the HTTP stack's own cost on this machine.
 */
final class ApiLookupBenchmark {

    record Result(int clients, long requests, double perSecond, double p50Millis, double p99Millis) {
    }

    private ApiLookupBenchmark() {
    }

    static Result run(String hubUrl, String path, int clients, int seconds) throws Exception {
        load(hubUrl + path, clients, seconds);
        return load(hubUrl + path, clients, seconds);
    }

    private static Result load(String url, int clients, int seconds) throws Exception {
        List<List<Double>> latencies = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                URL target = toUrl(url);
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    try {
                        if (get(target) != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    }
                    mine.add((System.nanoTime() - sent) / 1e6);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Double> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " of " + all.size() + " requests to " + url + " failed or were not 200");
        }
        Collections.sort(all);
        return new Result(clients, all.size(), all.size() / elapsed, LatencyBenchmark.percentile(all, 50), LatencyBenchmark.percentile(all, 99));
    }

    /**
     * One GET on the JDK's blocking HTTP/1.1 connection, which keeps the connection open for the thread's next
     * request once the body is read: a light client, so that the load generator takes as little as it can of the
     * two cores it shares with the hub (one asynchronous HttpClient per thread, each with its selector thread, reached
     * a fifth of the throughput on the same hub: 462 against 2,304 requests/s with 16 clients).
     */
    private static int get(URL target) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) target.openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        int status = connection.getResponseCode();
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (body != null) {
                body.readAllBytes();
            }
        }
        return status;
    }

    private static URL toUrl(String url) {
        try {
            return URI.create(url).toURL();
        } catch (IOException wrong) {
            throw new IllegalArgumentException(url, wrong);
        }
    }
}
