package org.reactorxmpp.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The least CPU a SCRAM-SHA-1 login can cost a client: one PBKDF2-HMAC-SHA1 derivation with the
 * server's iteration count (Prosody: 4,096), the JDK's own implementation, timed on this JVM in CPU
 * time of the measuring thread (after a warm-up, so the JIT has compiled it). Every login in the
 * harness uses its own salt, so no client can skip it by caching.
 */
final class ScramFloor {

    static final int ITERATIONS = 4096;

    private ScramFloor() {
    }

    /**
     * @param samples derivations timed (after as many for warm-up)
     * @return iterations, samples, cpuMsPerDerivation (median of 5 batches) and wallMsPerDerivation
     */
    static Map<String, Object> measure(int samples) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1");
            derive(pbkdf2, samples);
            double[] cpu = new double[5];
            long wall0 = System.nanoTime();
            for (int b = 0; b < cpu.length; b++) {
                long c0 = threads.getCurrentThreadCpuTime();
                derive(pbkdf2, samples);
                cpu[b] = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / samples;
            }
            double wall = (System.nanoTime() - wall0) / 1e6 / (samples * cpu.length);
            java.util.Arrays.sort(cpu);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("iterations", ITERATIONS);
            m.put("samples", samples * cpu.length);
            m.put("cpuMsPerDerivation", Meter.round4(cpu[cpu.length / 2]));
            m.put("wallMsPerDerivation", Meter.round4(wall));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA1 unavailable", e);
        }
    }

    private static void derive(SecretKeyFactory pbkdf2, int n) throws GeneralSecurityException {
        char[] password = "secret".toCharArray();
        byte[] salt = new byte[16];
        for (int i = 0; i < n; i++) {
            salt[0] = (byte) i;
            pbkdf2.generateSecret(new PBEKeySpec(password, salt, ITERATIONS, 160)).getEncoded();
        }
    }
}
