package io.lifestrands.monitor.api.rules;

import io.lifestrands.monitor.api.alerts.AlertStore;
import io.lifestrands.monitor.api.alerts.AlertView;
import io.lifestrands.monitor.api.history.HistoryStore;
import io.lifestrands.monitor.api.kafka.ApiProducer;
import io.lifestrands.monitor.api.system.ConfigValidationException;
import io.lifestrands.monitor.api.system.FieldError;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.BacktestEpisode;
import io.lifestrands.monitor.schema.BacktestRequest;
import io.lifestrands.monitor.schema.BacktestResult;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /rules/backtest}: replays a rule (new, changed, or an existing one by name) over a range of stored
 * history through the processor's alert engine, and answers the episodes it would have produced beside those that
 * actually fired. The api attaches the status changes of the range from PostgreSQL (the status topic is compacted),
 * publishes the request on {@code monitor.backtest-requests.v1} and waits for the processor's answer.
 */
@RestController
class BacktestController {

    /** Most status changes one backtest carries; a fleet flapping for a week has fewer. */
    static final int MAX_STATUS_CHANGES = 100_000;

    private final RuleCatalog catalog;
    private final ApiProducer producer;
    private final BacktestResults results;
    private final HistoryStore history;
    private final AlertStore alerts;
    private final RulesSettings settings;
    private final Clock clock;
    private final RuleValidator validator = new RuleValidator();

    BacktestController(RuleCatalog catalog, ApiProducer producer, BacktestResults results, HistoryStore history,
                       AlertStore alerts, RulesSettings settings, Clock clock) {
        this.catalog = catalog;
        this.producer = producer;
        this.results = results;
        this.history = history;
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Body {@code {"rule": {...}} or {"rule_name": "..."}, "from": "...", "to": "..."}; answers {@code rule},
     * {@code from}, {@code to}, {@code replayed} and {@code actual} episodes, {@code inputs} and {@code warnings}.
     */
    @PostMapping("/rules/backtest")
    Map<String, Object> backtest(@RequestBody JsonNode body) {
        BacktestRequest request = request(body);
        BacktestResult result = ask(request);
        if (result.error() != null) {
            throw new ErrorResponseException(HttpStatus.BAD_GATEWAY, ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_GATEWAY, "the processor could not replay the rule: " + result.error()), null);
        }
        List<BacktestEpisode> actual = alerts.episodesOverlapping(request.rule().name(), request.from(),
                request.to()).stream().map(BacktestController::episode).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("rule", request.rule());
        answer.put("from", request.from());
        answer.put("to", request.to());
        answer.put("replayed", result.episodes());
        answer.put("actual", actual);
        answer.put("inputs", result.inputs());
        answer.put("warnings", result.warnings());
        return answer;
    }

    private BacktestRequest request(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ConfigValidationException(List.of(new FieldError("", "body must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        AlertRule rule = rule(body, errors);
        Instant from = instant(body, "from", errors);
        Instant to = instant(body, "to", errors);
        if (from != null && to != null) {
            Optional.ofNullable(BacktestRequest.rangeProblem(from, to))
                    .ifPresent(problem -> errors.add(new FieldError("to", problem)));
        }
        if (!errors.isEmpty()) {
            throw new ConfigValidationException(errors);
        }
        List<StatusChange> changes = history.statusChangesBetween(from.minus(BacktestRequest.lookback(rule)), to,
                MAX_STATUS_CHANGES).stream().filter(change -> rule.appliesTo(change.service())).toList();
        return new BacktestRequest(BacktestRequest.VERSION, "bt-" + UUID.randomUUID(), rule, from, to, changes,
                clock.instant());
    }

    private AlertRule rule(JsonNode body, List<FieldError> errors) {
        JsonNode name = body.get("rule_name");
        if (body.has("rule") == (name != null)) {
            errors.add(new FieldError("rule", "give either rule (a rule object) or rule_name (an existing rule)"));
            return null;
        }
        if (name != null) {
            Optional<AlertRule> known = catalog.rules().stream().filter(r -> r.name().equals(name.asString()))
                    .findFirst();
            if (known.isEmpty()) {
                errors.add(new FieldError("rule_name", "no rule named '" + name.asString() + "'"));
            }
            return known.orElse(null);
        }
        RuleValidator.Result result = validator.validateOne(body.get("rule"), "rule");
        errors.addAll(result.errors());
        return result.rules().isEmpty() ? null : result.rules().get(0);
    }

    private static Instant instant(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || !value.isString()) {
            errors.add(new FieldError(field, "is required, an ISO-8601 instant such as 2026-01-01T00:00:00Z"));
            return null;
        }
        try {
            return Instant.parse(value.asString());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, was '"
                    + value.asString() + "'"));
            return null;
        }
    }

    private BacktestResult ask(BacktestRequest request) {
        CompletableFuture<BacktestResult> answer = results.expect(request.id());
        try {
            producer.send(Topics.BACKTEST_REQUESTS.name(), request.id(), Json.encode(request), null)
                    .get(producer.bound().toMillis(), TimeUnit.MILLISECONDS);
            return answer.get(settings.backtestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ErrorResponseException(HttpStatus.GATEWAY_TIMEOUT, ProblemDetail.forStatusAndDetail(
                    HttpStatus.GATEWAY_TIMEOUT, "no answer from the processor within "
                            + settings.backtestTimeout().toSeconds() + " s: is it running?"), e);
        } catch (ExecutionException e) {
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE, "could not send the backtest to Kafka"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for backtest " + request.id(), e);
        } finally {
            results.forget(request.id());
        }
    }

    private static BacktestEpisode episode(AlertView view) {
        return new BacktestEpisode(view.id(), view.fingerprint(), view.rule(), view.service(), view.severity(),
                view.labels(), view.startsAt(), view.state() != AlertState.PENDING, view.endsAt(), null);
    }
}
