package org.dmhub.hub.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.dmhub.hub.api.security.InstanceSignature;
import org.dmhub.hub.query.ViewNotReadyException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Asks another hub instance: the view is split between the instances by indicator-period, and any instance answers
 * for all of it by asking the one that holds the part. A forwarded request carries {@link #FORWARDED}, so that the
 * instance asked answers from its own stores and never forwards again. In secure mode with a forwarding secret
 * configured, the request is signed ({@link InstanceSignature}): the instance asked answers no one else.
 */
@Component
class InstanceForwarding {

    /** On a request between instances: answer from your own stores. */
    static final String FORWARDED = "X-DmHub-Forwarded";
    /** On every answer about the view: the instance whose stores gave it. */
    static final String ANSWERED_BY = "X-DmHub-Answered-By";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectProvider<InstanceSignature> signature;

    InstanceForwarding(ObjectProvider<InstanceSignature> signature) {
        this.signature = signature;
    }

    /** The other instance's answer to the same path and query, status and body as they are. */
    ResponseEntity<String> forward(HostInfo owner, String pathAndQuery) {
        HttpResponse<String> answer = get(owner, pathAndQuery);
        return ResponseEntity.status(answer.statusCode())
                .contentType(MediaType.parseMediaType(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE)
                        .orElse(MediaType.APPLICATION_JSON_VALUE)))
                .header(ANSWERED_BY, answer.headers().firstValue(ANSWERED_BY).orElse(owner.host() + ":" + owner.port()))
                .body(answer.body());
    }

    /** The other instance's JSON answer; fails when it does not answer 200. */
    String fetch(HostInfo owner, String pathAndQuery) {
        return fetchIfFound(owner, pathAndQuery).orElseThrow(() -> new ViewNotReadyException("hub instance " + owner.host() + ":"
                + owner.port() + " answered 404 to " + pathAndQuery));
    }

    /** The other instance's JSON answer; empty when it answers 404, fails on any other status than 200. */
    Optional<String> fetchIfFound(HostInfo owner, String pathAndQuery) {
        HttpResponse<String> answer = get(owner, pathAndQuery);
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw new ViewNotReadyException("hub instance " + owner.host() + ":" + owner.port() + " answered " + answer.statusCode());
        }
        return Optional.of(answer.body());
    }

    private HttpResponse<String> get(HostInfo owner, String pathAndQuery) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header(FORWARDED, "true").GET();
        signature.ifAvailable(instances -> request.header(InstanceSignature.HEADER, instances.sign(uri)));
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                throw new ViewNotReadyException("hub instance " + owner.host() + ":" + owner.port() + ", which holds this part of the"
                        + " view, refused to answer this one (" + answer.statusCode() + "): in secure mode every hub instance needs"
                        + " the same dmhub.security.api.forwarding-secret-file");
            }
            return answer;
        } catch (IOException unreachable) {
            throw new ViewNotReadyException("hub instance " + owner.host() + ":" + owner.port() + ", which holds this part of the"
                    + " view, does not answer (" + unreachable.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ViewNotReadyException("interrupted while asking hub instance " + owner.host() + ":" + owner.port());
        }
    }
}
