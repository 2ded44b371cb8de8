package dev.latchkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.Latchkey;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is written down in {@code docs/public-api.txt}: every public type outside
 * {@code dev.latchkey.internal}, with its public and protected members, read from the compiled classes.
 * A change to the surface fails this test until the file is regenerated
 * ({@code mvn test -Dtest=PublicApiTest -Dlatchkey.api.update=true}), so it shows in review as a diff
 * of that file. No API signature may name an internal type.
 */
class PublicApiTest {

    private static final Path API_FILE = Path.of("docs", "public-api.txt");
    private static final String INTERNAL = "dev.latchkey.internal.";

    @Test
    void theCompiledPublicApiIsTheOneWrittenDown() throws Exception {
        List<String> actual = describe(publicTypes());
        if (Boolean.getBoolean("latchkey.api.update")) {
            Files.write(API_FILE, actual, StandardCharsets.UTF_8);
        }
        List<String> written = Files.readAllLines(API_FILE, StandardCharsets.UTF_8);
        assertEquals(String.join("\n", written), String.join("\n", actual),
                "the public API differs from " + API_FILE + "; if the change is meant, regenerate it with -Dlatchkey.api.update=true");
    }

    @Test
    void noApiSignatureNamesAnInternalType() throws Exception {
        List<String> leaks = describe(publicTypes()).stream().filter(line -> line.contains(INTERNAL)).toList();
        assertEquals(List.of(), leaks);
    }

    @Test
    void theApiHoldsTheTypesUsersAreToldAbout() throws Exception {
        List<String> names = publicTypes().stream().map(Class::getCanonicalName).toList();
        for (String type : List.of("dev.latchkey.core.Latchkey", "dev.latchkey.core.SessionStore", "dev.latchkey.cdi.CurrentUser",
                "dev.latchkey.cdi.UserSessions", "dev.latchkey.jpa.JpaSessionStore", "dev.latchkey.oauth.OAuthSignIn",
                "dev.latchkey.throttle.AttemptStore.Counter", "dev.latchkey.web.WebSettings")) {
            assertTrue(names.contains(type), type + " in " + names);
        }
        assertTrue(names.stream().noneMatch(name -> name.startsWith(INTERNAL)), names::toString);
    }

    private static List<Class<?>> publicTypes() throws Exception {
        Path classes = Path.of(Latchkey.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.startsWith(INTERNAL) || name.endsWith("package-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, Latchkey.class.getClassLoader());
                if (isVisible(type)) {
                    types.add(type);
                }
            }
        }
        types.sort(Comparator.comparing(Class::getCanonicalName));
        return types;
    }

    /** Public, and every enclosing type public too; an anonymous or local class never is. */
    private static boolean isVisible(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass() || t.isSynthetic()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> describe(List<Class<?>> types) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Class<?> type : types) {
            lines.add(header(type));
            TreeSet<String> members = new TreeSet<>();
            for (Field field : type.getDeclaredFields()) {
                if (isExposed(field.getModifiers()) && !field.isSynthetic()) {
                    members.add(modifiers(field.getModifiers()) + name(field.getGenericType()) + " " + field.getName());
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (isExposed(constructor.getModifiers()) && !constructor.isSynthetic()) {
                    members.add(modifiers(constructor.getModifiers()) + type.getSimpleName() + parameters(constructor));
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (isExposed(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                    int modifiers = method.getModifiers() & ~(type.isInterface() ? Modifier.ABSTRACT | Modifier.PUBLIC : 0);
                    String defaultWord = method.isDefault() ? "default " : "";
                    members.add(modifiers(modifiers) + defaultWord + typeParameters(method) + name(method.getGenericReturnType())
                            + " " + method.getName() + parameters(method));
                }
            }
            members.forEach(member -> lines.add("    " + member));
        }
        return lines;
    }

    private static boolean isExposed(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String header(Class<?> type) {
        int modifiers = type.getModifiers() & ~Modifier.INTERFACE;
        String kind;
        if (type.isAnnotation()) {
            kind = "@interface";
            modifiers &= ~Modifier.ABSTRACT;
        } else if (type.isInterface()) {
            kind = "interface";
            modifiers &= ~Modifier.ABSTRACT;
        } else if (type.isEnum()) {
            kind = "enum";
            modifiers &= ~Modifier.FINAL;
        } else if (type.isRecord()) {
            kind = "record";
            modifiers &= ~Modifier.FINAL;
        } else {
            kind = "class";
        }
        modifiers &= ~Modifier.STATIC;
        StringBuilder header = new StringBuilder(modifiers(modifiers)).append(kind).append(' ').append(type.getCanonicalName());
        if (type.getTypeParameters().length > 0) {
            header.append(Arrays.stream(type.getTypeParameters()).map(Type::getTypeName).collect(Collectors.joining(", ", "<", ">")));
        }
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            header.append(" extends ").append(name(superclass));
        }
        Type[] interfaces = type.isAnnotation() ? new Type[0] : type.getGenericInterfaces();
        if (interfaces.length > 0) {
            header.append(type.isInterface() ? " extends " : " implements ")
                    .append(Arrays.stream(interfaces).map(PublicApiTest::name).collect(Collectors.joining(", ")));
        }
        return header.toString();
    }

    private static String modifiers(int modifiers) {
        String words = Modifier.toString(modifiers & ~(Modifier.SYNCHRONIZED | Modifier.NATIVE | Modifier.TRANSIENT | Modifier.VOLATILE
                | Modifier.STRICT));
        return words.isEmpty() ? "" : words + " ";
    }

    private static String typeParameters(Method method) {
        if (method.getTypeParameters().length == 0) {
            return "";
        }
        return Arrays.stream(method.getTypeParameters()).map(variable -> {
            Type[] bounds = variable.getBounds();
            boolean plain = bounds.length == 1 && bounds[0] == Object.class;
            return plain ? variable.getName()
                    : variable.getName() + " extends " + Arrays.stream(bounds).map(PublicApiTest::name).collect(Collectors.joining(" & "));
        }).collect(Collectors.joining(", ", "<", "> "));
    }

    private static String parameters(Executable executable) {
        String parameters = Arrays.stream(executable.getGenericParameterTypes()).map(PublicApiTest::name)
                .collect(Collectors.joining(", ", "(", ")"));
        if (executable.isVarArgs()) {
            parameters = parameters.substring(0, parameters.lastIndexOf("[]")) + "...)";
        }
        Type[] exceptions = executable.getGenericExceptionTypes();
        if (exceptions.length > 0) {
            parameters += Arrays.stream(exceptions).map(PublicApiTest::name).collect(Collectors.joining(", ", " throws ", ""));
        }
        return parameters;
    }

    private static String name(Type type) {
        return type.getTypeName().replace('$', '.');
    }
}
