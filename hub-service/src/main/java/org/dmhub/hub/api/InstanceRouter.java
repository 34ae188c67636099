package org.dmhub.hub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;
import org.dmhub.hub.api.security.InstanceSignature;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.query.StoreKey;
import org.dmhub.hub.support.StoreDefinition;
import org.dmhub.hub.query.ViewNotReadyException;
import org.dmhub.hub.query.ViewStores;
import org.dmhub.period.Period;
import org.dmhub.schemas.IndicatorDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which hub instance answers. The view is split between the instances by indicator-period (the reporting statuses and
 * recent rejections by their keys too), and any instance answers for all of it by asking the instances that hold the
 * parts it does not. A request between instances carries {@link #FORWARDED}: the instance asked answers from its own
 * stores and never asks further, and answers 503 for a key it no longer holds (the work is being reassigned). In
 * secure mode with a forwarding secret configured, the request is signed ({@link InstanceSignature}): the instance
 * asked answers no one else.
 */
@Component
class InstanceRouter {

    /** On a request between instances: answer from your own stores. */
    static final String FORWARDED = "X-DmHub-Forwarded";
    /** On every answer about the view: the instance whose stores gave it. */
    static final String ANSWERED_BY = "X-DmHub-Answered-By";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ViewStores stores;
    private final Catalog catalog;
    private final JsonMapper json;
    private final ObjectProvider<InstanceSignature> signature;

    InstanceRouter(ViewStores stores, Catalog catalog, JsonMapper json, ObjectProvider<InstanceSignature> signature) {
        this.stores = stores;
        this.catalog = catalog;
        this.json = json;
        this.signature = signature;
    }

    /**
     * The answer of the instance that holds {@code key}: {@code here}'s when it is this one, else the other's answer to
     * the same request, status and body as they are.
     */
    ResponseEntity<?> atHolder(StoreKey<?> key, HttpServletRequest request, Supplier<ResponseEntity<?>> here) {
        Optional<HostInfo> holder = stores.remoteOwner(key);
        if (holder.isEmpty()) {
            return here.get();
        }
        if (forwarded(request)) {
            // asked by another instance that thought this one holds the key
            throw movingBetweenInstances();
        }
        return forward(holder.get(), pathAndQuery(request));
    }

    /**
     * One part of an answer put together here: {@code here}'s when this instance holds {@code key}, else the holder's
     * answer to {@code pathAndQuery} (which it answers from its own stores), read as a {@code type}.
     */
    <T> T partAt(StoreKey<?> key, String pathAndQuery, Class<T> type, Supplier<T> here) {
        Optional<HostInfo> holder = stores.remoteOwner(key);
        return holder.isEmpty() ? here.get() : json.readValue(fetch(holder.get(), pathAndQuery), type);
    }

    /** 200 with {@code body}, which this instance's stores gave. */
    ResponseEntity<Object> answeredHere(Object body) {
        return ResponseEntity.ok().header(ANSWERED_BY, address(stores.self())).body(body);
    }

    /**
     * The answers, each a {@code type}, of every other instance holding a part of {@code store} to this same request
     * (asked to answer from its own stores); none when this request comes from another instance, which asks them itself.
     */
    <T> List<T> othersAnswers(StoreDefinition<?> store, HttpServletRequest request, Class<T> type) {
        if (forwarded(request)) {
            return List.of();
        }
        List<T> answers = new ArrayList<>();
        for (HostInfo other : stores.otherInstances(store)) {
            answers.add(json.readValue(fetch(other, pathAndQuery(request)), type));
        }
        return answers;
    }

    /**
     * What {@code here} gives for {@code indicators} and one period, each indicator-period answered where it is held
     * ({@code key} says where that is) and each instance asked once. This instance answers for those it holds; every
     * other instance holding some is asked for all of them in one request, GET
     * {@code heldPath?period=…&indicator=…&indicator=…}, which it answers with {@link #heldHere} (a JSON array of
     * {@code type}).
     */
    <V> List<V> gather(Collection<IndicatorDefinition> indicators, Period period, BiFunction<IndicatorDefinition, String, StoreKey<?>> key,
            Function<List<IndicatorDefinition>, List<V>> here, String heldPath, Class<V> type) {
        List<IndicatorDefinition> heldByThis = new ArrayList<>();
        Map<HostInfo, List<IndicatorDefinition>> heldByOthers = new LinkedHashMap<>();
        for (IndicatorDefinition indicator : indicators) {
            stores.remoteOwner(key.apply(indicator, period.toString())).ifPresentOrElse(
                    holder -> heldByOthers.computeIfAbsent(holder, any -> new ArrayList<>()).add(indicator),
                    () -> heldByThis.add(indicator));
        }
        List<V> answers = new ArrayList<>(here.apply(heldByThis));
        JavaType listOfType = json.getTypeFactory().constructCollectionType(List.class, type);
        heldByOthers.forEach((holder, held) -> answers.addAll(json.readValue(fetch(holder, heldRequest(heldPath, period, held)), listOfType)));
        return answers;
    }

    /**
     * The answer to the request of another instance's {@link #gather}: what {@code here} gives for the indicators of the
     * query parameter {@code indicator}, of which this instance must hold every indicator-period. An indicator this
     * instance does not know yet (a framework just applied) is left out, as the one holding it would leave out a value
     * it has not got. Refused (400) unless another hub instance asks.
     */
    <V> List<V> heldHere(HttpServletRequest request, List<String> codes, Period period,
            BiFunction<IndicatorDefinition, String, StoreKey<?>> key, Function<List<IndicatorDefinition>, List<V>> here) {
        if (!forwarded(request)) {
            throw ApiProblem.badRequest("instance-request", "Request between hub instances", request.getRequestURI()
                    + " answers other hub instances only (with the header " + FORWARDED + "), for the parts of the view they ask of it");
        }
        List<IndicatorDefinition> indicators = codes.stream().flatMap(code -> catalog.indicator(code).stream()).toList();
        for (IndicatorDefinition indicator : indicators) {
            if (stores.remoteOwner(key.apply(indicator, period.toString())).isPresent()) {
                throw movingBetweenInstances();
            }
        }
        return here.apply(indicators);
    }

    private static boolean forwarded(HttpServletRequest request) {
        return request.getHeader(FORWARDED) != null;
    }

    private static ViewNotReadyException movingBetweenInstances() {
        return new ViewNotReadyException("this part of the view is moving between hub instances");
    }

    private static String heldRequest(String heldPath, Period period, List<IndicatorDefinition> indicators) {
        StringBuilder pathAndQuery = new StringBuilder(heldPath).append("?period=").append(period);
        indicators.forEach(indicator -> pathAndQuery.append("&indicator=").append(URLEncoder.encode(indicator.getCode(), StandardCharsets.UTF_8)));
        return pathAndQuery.toString();
    }

    private static String pathAndQuery(HttpServletRequest request) {
        return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    /** The other instance's answer to the same path and query, status and body as they are. */
    private ResponseEntity<String> forward(HostInfo holder, String pathAndQuery) {
        HttpResponse<String> answer = get(holder, pathAndQuery);
        return ResponseEntity.status(answer.statusCode())
                .contentType(MediaType.parseMediaType(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE)
                        .orElse(MediaType.APPLICATION_JSON_VALUE)))
                .header(ANSWERED_BY, answer.headers().firstValue(ANSWERED_BY).orElse(address(holder)))
                .body(answer.body());
    }

    /** The other instance's JSON answer; fails when it does not answer 200. */
    private String fetch(HostInfo holder, String pathAndQuery) {
        HttpResponse<String> answer = get(holder, pathAndQuery);
        if (answer.statusCode() == 404) {
            throw new ViewNotReadyException("hub instance " + address(holder) + " answered 404 to " + pathAndQuery);
        }
        if (answer.statusCode() != 200) {
            throw new ViewNotReadyException("hub instance " + address(holder) + " answered " + answer.statusCode());
        }
        return answer.body();
    }

    private HttpResponse<String> get(HostInfo holder, String pathAndQuery) {
        URI uri = URI.create("http://" + address(holder) + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header(FORWARDED, "true").GET();
        signature.ifAvailable(instances -> request.header(InstanceSignature.HEADER, instances.sign(uri)));
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                throw new ViewNotReadyException("hub instance " + address(holder) + ", which holds this part of the view, refused to"
                        + " answer this one (" + answer.statusCode() + "): in secure mode every hub instance needs the same"
                        + " dmhub.security.api.forwarding-secret-file");
            }
            return answer;
        } catch (IOException unreachable) {
            throw new ViewNotReadyException("hub instance " + address(holder) + ", which holds this part of the view, does not answer ("
                    + unreachable.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ViewNotReadyException("interrupted while asking hub instance " + address(holder));
        }
    }

    private static String address(HostInfo instance) {
        return instance.host() + ":" + instance.port();
    }
}
