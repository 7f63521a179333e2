package io.lifestrands.monitor.schema.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Decodes a JSON object into a record one field at a time, so that an edited record (a {@code PUT} body) is answered
 * with every bad field at once: each value of the wrong JSON type is named with the type it must have, and the
 * record's own checks (its compact constructor) run on the fields that did decode. Valid input gives the same record
 * as {@link Json#convert}; this reads a record through its canonical constructor with {@link Json}'s naming, as
 * every record of this module is read.
 */
public final class FieldwiseDecoder {

    private FieldwiseDecoder() {
    }

    /**
     * @throws InvalidFieldsException naming every bad field, in the record's field order
     */
    public static <R extends Record> R decode(JsonNode object, Class<R> type) {
        if (object == null || !object.isObject()) {
            throw new InvalidFieldsException(List.of(new FieldViolation("", "must be a JSON object")));
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            values[i] = field(object, components[i], violations);
        }
        R record = construct(type, components, values, violations);
        if (!violations.isEmpty()) {
            List<String> order = Arrays.stream(components).map(FieldwiseDecoder::wireName).toList();
            violations.sort(Comparator.comparingInt(v -> order.indexOf(v.topField())));
            throw new InvalidFieldsException(violations);
        }
        return record;
    }

    private static Object field(JsonNode object, RecordComponent component, List<FieldViolation> violations) {
        String name = wireName(component);
        JsonNode value = object.get(name);
        Class<?> raw = component.getType();
        if (value == null || value.isNull()) {
            if (raw.isPrimitive()) {
                // as Json decoding does (FAIL_ON_NULL_FOR_PRIMITIVES): a primitive has no "absent"
                violations.add(new FieldViolation(name, "is required"));
                return Array.get(Array.newInstance(raw, 1), 0);
            }
            return null;
        }
        JavaType target = Json.MAPPER.constructType(component.getGenericType());
        try {
            return Json.MAPPER.treeToValue(value, target);
        } catch (JacksonException e) {
            violations.add(new FieldViolation(name, "must be " + describe(target) + ", was " + clip(value)));
            return raw.isPrimitive() ? Array.get(Array.newInstance(raw, 1), 0) : null;
        }
    }

    /** The record, or null when its constructor rejected it; its violations on fields not yet named are added. */
    private static <R extends Record> R construct(Class<R> type, RecordComponent[] components, Object[] values,
                                                  List<FieldViolation> violations) {
        try {
            Constructor<R> canonical = type.getDeclaredConstructor(Arrays.stream(components)
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidFieldsException invalid) {
                List<String> named = violations.stream().map(FieldViolation::topField).toList();
                invalid.violations().stream().filter(v -> !named.contains(v.topField())).forEach(violations::add);
            } else if (e.getCause() instanceof IllegalArgumentException invalid) {
                violations.add(new FieldViolation("", invalid.getMessage()));
            } else {
                throw new IllegalStateException("constructing " + type.getSimpleName() + " failed", e.getCause());
            }
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " has no accessible canonical constructor", e);
        }
    }

    private static String wireName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
            return property.value();
        }
        return Json.MAPPER.deserializationConfig().getPropertyNamingStrategy()
                .nameForConstructorParameter(Json.MAPPER.deserializationConfig(), null, component.getName());
    }

    private static String describe(JavaType type) {
        Class<?> raw = type.getRawClass().isPrimitive()
                ? MethodType.methodType(type.getRawClass()).wrap().returnType() : type.getRawClass();
        if (raw.isEnum()) {
            return "one of " + Arrays.stream(raw.getEnumConstants()).map(c -> Json.write(c).replace("\"", ""))
                    .toList();
        }
        if (raw == Duration.class) {
            return "a duration such as 30s, 5m or 1h";
        }
        if (raw == Instant.class) {
            return "an ISO-8601 instant";
        }
        if (raw == Integer.class || raw == Long.class || raw == Short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(raw)) {
            return "a number";
        }
        if (type.isMapLikeType()) {
            return "an object whose values are each " + describe(type.getContentType());
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return "an array whose items are each " + describe(type.getContentType());
        }
        return raw == String.class ? "a string" : raw == Boolean.class ? "true or false" : "a " + raw.getSimpleName();
    }

    private static String clip(JsonNode value) {
        String text = value.toString();
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
