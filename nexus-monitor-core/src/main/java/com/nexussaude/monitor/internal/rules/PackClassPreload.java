package com.nexussaude.monitor.internal.rules;

import com.espertech.esper.common.client.EPCompiled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads (without initializing) the Esper classes the precompiled packs' code refers to, on the building
 * thread while the runtime is being created on another ({@link RuntimeStart}): in a fresh JVM, deploying a
 * pack is mostly loading Esper's classes from the jar one by one as the pack's code first touches them.
 * Loading a class has no effect beyond the class loader (its static initializer runs at its first use, as
 * before); a class that does not load here is left to load, or fail, where it is used, as before.
 */
// Public, though internal: the engine (internal.ingest) calls it.
public final class PackClassPreload {
    private static final String ESPER = "com/espertech/esper/";

    private PackClassPreload() {
    }

    /** Loads every Esper class the packs' classes name, in the packs' order; returns how many it named. */
    public static int load(List<EPCompiled> packs) {
        Set<String> names = new LinkedHashSet<>();
        for (EPCompiled pack : packs) {
            for (byte[] classFile : pack.getClasses().values()) {
                classNames(classFile, names);
            }
        }
        ClassLoader loader = EPCompiled.class.getClassLoader();
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // Not ours to report: the deploy loads (or fails to load) it where the pack uses it.
            }
        }
        return names.size();
    }

    /**
     * Loads the Esper classes that the packs' deploys load beyond those the packs' code names, as listed at build
     * time ({@link DeployClassLister}), in the order the deploys load them; returns how many it named (0 when
     * running from sources without the list: the deploys load them as before).
     */
    public static int loadDeployPath() {
        String list;
        try (InputStream in = PackClassPreload.class.getResourceAsStream(DeployClassLister.RESOURCE)) {
            if (in == null) {
                return 0;
            }
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return 0; // only a head start: the deploys load what they need themselves
        }
        ClassLoader loader = EPCompiled.class.getClassLoader();
        int named = 0;
        for (String name : list.split("\n")) {
            if (name.isEmpty()) {
                continue;
            }
            named++;
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // Not ours to report, as in load().
            }
        }
        return named;
    }

    /**
     * The Esper classes a class file's constant pool names (its CONSTANT_Class entries: superclass,
     * interfaces, classes instantiated, cast to or called), in binary-name form. A class file this does not
     * understand adds what was read up to there.
     */
    static void classNames(byte[] b, Set<String> out) {
        if (b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
            return;
        }
        int count = u2(b, 8);
        int[] utf8At = new int[count];
        int[] classNameIndex = new int[count];
        int classes = 0;
        int p = 10;
        for (int i = 1; i < count && p < b.length; i++) {
            int tag = b[p] & 0xff;
            switch (tag) {
                case 1 -> { // Utf8
                    utf8At[i] = p;
                    p += 3 + u2(b, p + 1);
                }
                case 7 -> { // Class
                    classNameIndex[classes++] = u2(b, p + 1);
                    p += 3;
                }
                case 8, 16, 19, 20 -> p += 3; // String, MethodType, Module, Package
                case 15 -> p += 4; // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> p += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 5, 6 -> { // Long, Double: two slots
                    p += 9;
                    i++;
                }
                default -> {
                    return; // not a class file this reader knows
                }
            }
        }
        for (int k = 0; k < classes; k++) {
            int idx = classNameIndex[k];
            if (idx <= 0 || idx >= count || utf8At[idx] == 0) {
                continue;
            }
            int at = utf8At[idx];
            int len = u2(b, at + 1);
            String name = new String(b, at + 3, Math.min(len, b.length - at - 3), StandardCharsets.ISO_8859_1);
            if (name.startsWith(ESPER)) {
                out.add(name.replace('/', '.'));
            }
        }
    }

    private static int u2(byte[] b, int at) {
        return at + 1 < b.length ? ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff) : 0;
    }

    private static int u4(byte[] b, int at) {
        return (u2(b, at) << 16) | u2(b, at + 2);
    }
}
