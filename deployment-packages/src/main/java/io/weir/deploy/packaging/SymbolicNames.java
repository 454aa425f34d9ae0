package io.weir.deploy.packaging;

import java.util.regex.Pattern;

/** The OSGi symbolic-name syntax, shared by bundles and deployment packages. */
final class SymbolicNames {

    // symbolic-name ::= token ( '.' token )* ; token ::= ( alphanum | '_' | '-' )+
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private SymbolicNames() {
    }

    /**
     * The bare name in a {@code Bundle-SymbolicName}-style header value: directives such as {@code singleton:=true}
     * follow a ';' and are not part of the name the framework and Deployment Admin compare.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code headerValue}
     */
    static String of(String headerValue) {
        int parameters = headerValue.indexOf(';');
        String name = (parameters < 0 ? headerValue : headerValue.substring(0, parameters)).trim();
        if (!SYMBOLIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a symbolic name (dot-separated tokens of "
                    + "letters, digits, '_' and '-')");
        }
        return name;
    }
}
