package com.nexussaude.monitor.channels;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A channel's compiled Mustache templates, one per part ({@code subject}, {@code text}, {@code body}…),
 * each with the escaping its output format needs. Defaults are bundled resources under
 * {@code com/nexussaude/monitor/channels/templates/}; a builder may replace any part.
 * Compiled once when the channel is built; rendering is thread-safe.
 */
final class Templates {

    private static final String RESOURCE_DIR = "templates/";

    private final String channel;
    private final Map<String, Mustache> compiled;

    private Templates(String channel, Map<String, Mustache> compiled) {
        this.channel = channel;
        this.compiled = compiled;
    }

    /** One part: its default template source and how it escapes. */
    record Part(String name, String defaultSource, Escaping escaping) {
        /** A part whose default is a bundled resource. */
        static Part bundled(String name, String resource, Escaping escaping) {
            return new Part(name, resource(resource), escaping);
        }
    }

    /**
     * Compiles every part, using an override where one is given.
     *
     * @throws ChannelConfigurationException naming the part whose template does not compile, or
     *                                       an override for a part the channel does not have
     */
    static Templates compile(String channel, List<Part> parts, Map<String, String> overrides) {
        for (String name : overrides.keySet()) {
            if (parts.stream().noneMatch(p -> p.name().equals(name))) {
                throw new ChannelConfigurationException(List.of("template:" + name), channel + " channel has no template part '"
                        + name + "'; its parts are " + parts.stream().map(Part::name).toList());
            }
        }
        var map = new LinkedHashMap<String, Mustache>();
        for (Part p : parts) {
            String source = overrides.containsKey(p.name()) ? overrides.get(p.name()) : p.defaultSource();
            map.put(p.name(), compileOne(channel, p, source));
        }
        return new Templates(channel, map);
    }

    private static Mustache compileOne(String channel, Part part, String source) {
        // One factory per template: the escaping is a property of the factory in mustache.java.
        DefaultMustacheFactory factory = new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    part.escaping().write(value, writer);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        try {
            return factory.compile(new StringReader(source), channel + "/" + part.name());
        } catch (MustacheException e) {
            throw new ChannelConfigurationException(List.of("template:" + part.name()), "the " + part.name()
                    + " template of the " + channel + " channel does not compile: " + e.getMessage());
        }
    }

    static String resource(String name) {
        try (InputStream in = Templates.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled template " + RESOURCE_DIR + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders {@code part} with {@code model}. */
    String render(String part, Map<String, Object> model) {
        Mustache m = Objects.requireNonNull(compiled.get(part), () -> channel + " has no template " + part);
        StringWriter out = new StringWriter();
        m.execute(out, model);
        return out.toString();
    }
}
