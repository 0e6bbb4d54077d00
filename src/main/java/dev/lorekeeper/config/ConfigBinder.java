package dev.lorekeeper.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Binds a YAML tree onto config records, collecting every problem instead of stopping at the first. Keys are the
 * kebab-case form of record component names. Missing keys bind to null so that records can apply their defaults.
 */
final class ConfigBinder {
    private final EnvInterpolator env;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> secrets = new LinkedHashSet<>();

    ConfigBinder(EnvInterpolator env) {
        this.env = env;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    Set<String> secrets() {
        return secrets;
    }

    <T> T bindRoot(JsonNode node, Class<T> type) {
        return type.cast(bind(node, type, "", false));
    }

    private Object bind(JsonNode node, Type type, String path, boolean secret) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            return bindRecord(node, raw, path);
        }
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            return bindCollection(node, typeArgument(type, 0), path, secret, Set.class.isAssignableFrom(raw));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return bindMap(node, typeArgument(type, 1), path, secret);
        }
        if (!node.isValueNode()) {
            problem(path, "expected " + describe(raw) + ", found a " + (node.isArray() ? "list" : "section"));
            return null;
        }
        String text = interpolate(node.asText(), path);
        if (text == null) {
            return null;
        }
        if (secret && !text.isBlank()) {
            secrets.add(text);
        }
        return convertScalar(text, raw, path);
    }

    private Object bindRecord(JsonNode node, Class<?> type, String path) {
        if (!node.isObject()) {
            problem(
                    path,
                    "expected a section with keys, found " + (node.isArray() ? "a list" : "'" + node.asText() + "'"));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent c : components) {
            byKey.put(Names.kebab(c.getName()), c);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!byKey.containsKey(key)) {
                String hint = Names.nearest(key, byKey.keySet())
                        .map(k -> " (did you mean '" + k + "'?)")
                        .orElse(" (known keys: " + String.join(", ", byKey.keySet()) + ")");
                problem(join(path, key), "unknown key '" + key + "'" + hint);
            }
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String key = Names.kebab(c.getName());
            args[i] = bind(node.get(key), c.getGenericType(), join(path, key), c.isAnnotationPresent(Secret.class));
            if (args[i] == null && c.getType().isPrimitive()) {
                args[i] = primitiveDefault(c.getType());
            }
        }
        return construct(type, components, args, path);
    }

    private Object construct(Class<?> type, RecordComponent[] components, Object[] args, String path) {
        try {
            Class<?>[] types =
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            // Records validate their own invariants; their message is written for the operator.
            problem(path, e.getCause().getMessage());
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("config record " + type.getName() + " cannot be constructed", e);
        }
    }

    private Object bindCollection(JsonNode node, Type element, String path, boolean secret, boolean asSet) {
        if (!node.isArray()) {
            Class<?> elementClass = rawClass(element);
            if (node.isValueNode() && (elementClass == String.class || elementClass == Cidr.class)) {
                // "a, b" is accepted for a list of strings or CIDRs: handy with ${ENV} values.
                String text = interpolate(node.asText(), path);
                if (text == null) {
                    return null;
                }
                List<String> parts = Arrays.stream(text.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toList());
                if (secret) {
                    secrets.addAll(parts);
                }
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < parts.size(); i++) {
                    Object v = convertScalar(parts.get(i), elementClass, path + "[" + i + "]");
                    if (v != null) {
                        values.add(v);
                    }
                }
                return asSet ? new LinkedHashSet<>(values) : values;
            }
            problem(path, "expected a list");
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Object v = bind(node.get(i), element, path + "[" + i + "]", secret);
            if (v != null) {
                out.add(v);
            }
        }
        return asSet ? new LinkedHashSet<>(out) : out;
    }

    private Object bindMap(JsonNode node, Type valueType, String path, boolean secret) {
        if (!node.isObject()) {
            problem(path, "expected a section of named entries");
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            Object v = bind(e.getValue(), valueType, join(path, e.getKey()), secret);
            if (v != null) {
                out.put(e.getKey(), v);
            }
        });
        return out;
    }

    private Object convertScalar(String text, Class<?> type, String path) {
        try {
            if (type == String.class) {
                return text;
            }
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text.trim());
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(text.trim());
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(text.trim());
            }
            if (type == boolean.class || type == Boolean.class) {
                return parseBoolean(text);
            }
            if (type == Duration.class) {
                return Durations.parse(text);
            }
            if (type == Cidr.class) {
                return Cidr.parse(text);
            }
            if (type.isEnum()) {
                return parseEnum(text, type);
            }
        } catch (NumberFormatException e) {
            problem(path, "'" + text + "' is not " + describe(type));
            return null;
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return null;
        }
        throw new IllegalStateException("unsupported config type " + type);
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    private static Object parseEnum(String text, Class<?> type) {
        String wanted = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(wanted)) {
                return constant;
            }
        }
        String known = Arrays.stream(type.getEnumConstants())
                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
        throw new IllegalArgumentException("'" + text + "' is not one of: " + known);
    }

    private String interpolate(String raw, String path) {
        EnvInterpolator.Result r = env.interpolate(raw);
        if (!r.ok()) {
            problem(
                    path,
                    "environment variable " + r.missingVariable() + " is not set (set it, or give a default: ${"
                            + r.missingVariable() + ":-value})");
            return null;
        }
        return r.value();
    }

    private void problem(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }

    private static String describe(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static Object primitiveDefault(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        return 0;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported config type " + type);
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        return String.class;
    }
}
