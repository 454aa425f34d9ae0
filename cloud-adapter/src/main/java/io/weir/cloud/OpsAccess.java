package io.weir.cloud;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may use the operations API and from which host names. Each operator has a name (it goes into the log of
 * every change they make) and a token, of which only the SHA-256 is held; none is built in. Requests must name one of
 * {@code allowedHosts} in their Host header besides the adapter's own listening addresses (names behind a reverse
 * proxy, DNS names).
 *
 * @param operators    operator name by the lower-case hex SHA-256 of their token
 * @param allowedHosts extra host names (without port) the API answers to
 */
public record OpsAccess(Map<String, String> operators, List<String> allowedHosts) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    /** Tokens shorter than this are refused: an operations token must not be guessable. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public OpsAccess {
        operators = Map.copyOf(operators);
        allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /** Nobody: the adapter refuses to start its HTTP server like this. */
    public static OpsAccess none() {
        return new OpsAccess(Map.of(), List.of());
    }

    /** One operator named {@code ops} with this token. */
    public static OpsAccess token(String token) {
        return none().withOperator("ops", token);
    }

    public OpsAccess withOperator(String name, String token) {
        if (token == null || token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("the operations token of " + name + " must have at least "
                    + MIN_TOKEN_LENGTH + " characters, e.g. openssl rand -hex 32");
        }
        return withOperatorDigest(name, sha256(token));
    }

    public OpsAccess withOperatorDigest(String name, String tokenSha256) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("operator name '" + name + "' does not match " + NAME);
        }
        if (!DIGEST.matcher(tokenSha256).matches()) {
            throw new IllegalArgumentException("the token digest of " + name + " is not 64 lower-case hex digits");
        }
        Map<String, String> more = new LinkedHashMap<>(operators);
        more.put(tokenSha256, name);
        return new OpsAccess(more, allowedHosts);
    }

    public OpsAccess withAllowedHosts(List<String> hosts) {
        List<String> more = new ArrayList<>(allowedHosts);
        more.addAll(hosts);
        return new OpsAccess(operators, more);
    }

    /**
     * Operators from a file readable by its owner only: one {@code <name> sha256:<hex of the token's SHA-256>} a
     * line; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming {@code file:line} and the problem
     */
    public OpsAccess withOperatorsFile(Path file) {
        String[] lines = new String(SecretFile.read(file, "operators file"), StandardCharsets.UTF_8).split("\n", -1);
        OpsAccess access = this;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2 || !parts[1].startsWith("sha256:")) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected '<operator> sha256:<64 hex "
                        + "digits>', was '" + (parts.length > 0 ? parts[0] : "") + " ...'");
            }
            try {
                access = access.withOperatorDigest(parts[0], parts[1].substring("sha256:".length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return access;
    }

    public boolean isEmpty() {
        return operators.isEmpty();
    }

    /** The operator holding this token, or null. */
    public String operator(String token) {
        return operators.get(sha256(token));
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "OpsAccess[operators=" + operators.values().stream().sorted().toList() + ", allowedHosts="
                + allowedHosts + "]";
    }
}
