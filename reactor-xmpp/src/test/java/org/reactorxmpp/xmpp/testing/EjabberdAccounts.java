package org.reactorxmpp.xmpp.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Creates ejabberd accounts by evaluating {@code ejabberd_auth} calls on the running node with
 * {@code erl_call} (Debian's {@code erlang-base}, which ejabberd depends on), over the node's own
 * distribution port on loopback with its own cookie (no epmd).
 *
 * <p>Why not {@code POST /api/register}: each call hashes the password (PBKDF2, 4096 rounds) in ejabberd,
 * about 9 ms of server CPU, and 200 concurrent calls took 12 s here. A batch instead hashes once (one
 * salt shared by the batch, the way the Prosody harness does it) and registers every account with the
 * resulting SCRAM credentials through the public {@code ejabberd_auth:try_register/3}: 1,000 accounts in
 * about 0.25 s. ({@code ejabberdctl register} boots a VM per call, ~0.5 s each.)
 */
final class EjabberdAccounts {

    private static final long CALL_TIMEOUT_SECONDS = 60;

    private final Path erlCall;
    private final String cookie;
    private final String address;
    private final int distPort;
    private final String host;

    EjabberdAccounts(Path erlCall, String cookie, String address, int distPort, String host) {
        this.erlCall = erlCall;
        this.cookie = cookie;
        this.address = address;
        this.distPort = distPort;
        this.host = host;
    }

    /** Creates or overwrites one account (its own salt). */
    void create(String user, String password) {
        expectOk(eval("H = " + binary(host) + ", U = " + binary(user) + ", P = " + binary(password) + ",\n"
                + "case ejabberd_auth:try_register(U, H, P) of\n"
                + "  {error, exists} -> ejabberd_auth:set_password(U, H, P);\n"
                + "  Other -> Other\n"
                + "end."), "create " + user);
    }

    /** Creates or overwrites {@code prefix1 .. prefixCOUNT}, hashing the password once. */
    void createBatch(String prefix, int count, String password) {
        if (count == 0) {
            return;
        }
        expectOk(eval("H = " + binary(host) + ", Prefix = " + binary(prefix) + ",\n"
                + "S = ejabberd_auth:password_to_scram(H, " + binary(password) + "),\n"
                + "Create = fun(I) ->\n"
                + "    U = <<Prefix/binary, (integer_to_binary(I))/binary>>,\n"
                + "    case ejabberd_auth:try_register(U, H, S) of\n"
                + "      {error, exists} -> ejabberd_auth:set_password(U, H, S);\n"
                + "      Other -> Other\n"
                + "    end\n"
                + "  end,\n"
                + "case [{I, R} || I <- lists:seq(1, " + count + "), R <- [Create(I)], R =/= ok] of\n"
                + "  [] -> ok;\n"
                + "  Failed -> {failed, length(Failed), lists:sublist(Failed, 3)}\n"
                + "end."), "create " + prefix + "1.." + prefix + count);
    }

    boolean exists(String user) {
        String result = eval("ejabberd_auth:user_exists(" + binary(user) + ", " + binary(host) + ").");
        if (!result.equals("{ok, true}") && !result.equals("{ok, false}")) {
            throw new EjabberdException("Unexpected answer of ejabberd_auth:user_exists: " + result);
        }
        return result.equals("{ok, true}");
    }

    private static void expectOk(String result, String what) {
        if (!result.equals("{ok, ok}")) {
            throw new EjabberdException("ejabberd could not " + what + ": " + result);
        }
    }

    /** Evaluates Erlang expressions on the node; returns erl_call's answer, e.g. {@code {ok, ok}}. */
    String eval(String expressions) {
        ProcessBuilder pb = new ProcessBuilder(erlCall.toString(), "-c", cookie, "-address",
                address + ":" + distPort, "-timeout", Long.toString(CALL_TIMEOUT_SECONDS), "-e")
                .redirectErrorStream(true);
        try {
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write((expressions + "\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(CALL_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new EjabberdException("erl_call did not finish within " + CALL_TIMEOUT_SECONDS + " s");
            }
            String answer = new String(out, StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new EjabberdException("erl_call failed (exit " + p.exitValue() + "): " + answer);
            }
            return answer;
        } catch (IOException e) {
            throw new EjabberdException("Cannot run " + erlCall, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EjabberdException("Interrupted while creating ejabberd accounts", e);
        }
    }

    /** An Erlang binary literal of the UTF-8 bytes, e.g. {@code <<104,105>>}: no quoting to get wrong. */
    static String binary(String text) {
        StringJoiner bytes = new StringJoiner(",", "<<", ">>");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(Integer.toString(b & 0xff));
        }
        return bytes.toString();
    }
}
