package dev.stratus.deploy;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a started server in the foreground: prints its READY line on stdout, then blocks until the
 * JVM is asked to stop (SIGTERM, SIGINT), when a shutdown hook stops the server cleanly.
 */
final class ForegroundService {

    private ForegroundService() {
    }

    static void runUntilTerminated(AutoCloseable service, String readyLine, PrintStream out)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "stratus-deploy-stop"));
        out.println(readyLine);
        out.flush();
        stopped.await();
    }
}
