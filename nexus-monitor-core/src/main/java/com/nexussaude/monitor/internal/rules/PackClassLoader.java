package com.nexussaude.monitor.internal.rules;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.internal.context.util.ByteArrayProvidingClassLoader;
import java.security.ProtectionDomain;
import java.util.Map;

/**
 * One precompiled pack's generated classes, defined and linked (verified) ahead of the pack's deploy, on the
 * thread that created the runtime ({@link RuntimeStart}), with the runtime's own parent class loader as parent.
 * The deploy is given this loader ({@code EPDeployOptions.setDeploymentClassLoaderOption}); Esper then wraps
 * the pack's class bytes in its {@link ByteArrayProvidingClassLoader} with this loader as parent, and since
 * that loader asks its parent first, every class of the pack resolves to the one defined here: the same bytes,
 * the same parent, the same protection domain as Esper's own loader would have given them. Only where and
 * when the definition and verification happen change; static initializers still run at the deploy.
 */
final class PackClassLoader extends ClassLoader {
    private static final ProtectionDomain ESPER_DOMAIN = ByteArrayProvidingClassLoader.class.getProtectionDomain();

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    private PackClassLoader(String pack, Map<String, byte[]> classes, ClassLoader parent) {
        super("pack-" + pack, parent);
        this.classes = classes;
    }

    /**
     * Defines and links every class of {@code compiled} under {@code parent}; throws what defining or
     * verifying one of them threw, as a {@link LinkageError} or the {@link ClassNotFoundException} of a class
     * it names that is not there.
     */
    static PackClassLoader prepared(String pack, EPCompiled compiled, ClassLoader parent) throws ClassNotFoundException {
        PackClassLoader loader = new PackClassLoader(pack, compiled.getClasses(), parent);
        for (String name : compiled.getClasses().keySet()) {
            Class<?> c = Class.forName(name, false, loader);
            // Reflecting on a class's constructors links it (HotSpot verifies a class before it lists its
            // members) without initializing it: its static initializer runs where it did, at the deploy.
            c.getDeclaredConstructors();
        }
        return loader;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] data = classes.get(name);
        if (data == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, data, 0, data.length, ESPER_DOMAIN);
    }
}
